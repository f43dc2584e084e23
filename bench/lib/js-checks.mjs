// js-checks.mjs: the checks a user would write in JavaScript beside a CSV parser, the same rules
// our validator applies to the benchmark's customers file: email, ISO date, boolean, number,
// duplicate Source_id. The JS peers of the CSV benchmark share them.

import { COLUMN } from './customers-csv.mjs';

/** An email as our validator reads one: a local part, `@`, two or more host-name labels. */
const EMAIL = /^[^\x00-\x20\x7f@]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BOOLEAN = /^(?:true|false|null)$/i;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text) {
  const match = DATE.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS[month]);
}

/** Rows between two RSS samples. */
const SAMPLE_EVERY = 16384;

/**
 * A checker of parsed rows (arrays of cell strings, the header excluded) that counts the rows
 * and the problems of each kind; `onSample` runs every few thousand rows (to sample memory).
 */
export function createChecks(onSample = () => {}) {
  const seen = new Set();
  const counts = { rows: 0, problemRows: 0, email: 0, birthdate: 0, vip: 0, lifetimeValue: 0, duplicate: 0 };
  const row = (cells) => {
    counts.rows += 1;
    if (counts.rows % SAMPLE_EVERY === 0) onSample();
    let problems = 0;
    const email = cells[COLUMN.email];
    if (email !== '' && !EMAIL.test(email)) {
      counts.email += 1;
      problems += 1;
    }
    const birthdate = cells[COLUMN.birthdate];
    if (birthdate !== '' && !isIsoDate(birthdate)) {
      counts.birthdate += 1;
      problems += 1;
    }
    const vip = cells[COLUMN.vip];
    if (vip !== '' && !BOOLEAN.test(vip)) {
      counts.vip += 1;
      problems += 1;
    }
    const value = cells[COLUMN.lifetimeValue];
    if (value !== '' && !NUMBER.test(value)) {
      counts.lifetimeValue += 1;
      problems += 1;
    }
    const id = cells[COLUMN.sourceId];
    if (id !== '') {
      if (seen.has(id)) {
        counts.duplicate += 1;
        problems += 1;
      } else {
        seen.add(id);
      }
    }
    if (problems > 0) counts.problemRows += 1;
  };
  return { row, counts };
}

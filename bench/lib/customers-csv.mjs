// customers-csv.mjs: the fixed-seed customers CSV of the CSV benchmark, in memory or streamed,
// with the exact number of problems of each kind the checks must find.
//
// Each generated row has at most one problem, of one of five kinds, so "rows with a problem" is
// the same number for every validator: an email that is not one, a birthdate that is not a real
// YYYY-MM-DD date, a `vip` cell that is not a boolean, a `lifetime_value` cell that is not a
// number, and a `Source_id` seen on an earlier row. Our validator reports them as the issue codes
// in PROBLEM_CODES (vip and lifetime_value are typed by METADATA_SCHEMAS) and nothing else.
// About 0.5 % of rows have a problem, as in real imports; quoted commas, doubled quotes and
// non-ASCII names keep the parsers honest.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** The 16 columns: the import template's 12, two typed metadata columns, two untyped ones. */
export const HEADER = [
  'Name', 'Source_id', 'Description', 'Email', 'Phone', 'Address_line_1', 'Address_line_2', 'City',
  'Postal_Code', 'State', 'Country', 'Birthdate', 'vip', 'lifetime_value', 'favorite_brands', 'CRM_created_date',
];

/** The column index of each checked field. */
export const COLUMN = { sourceId: 1, email: 3, birthdate: 11, vip: 12, lifetimeValue: 13 };

/** The metadata schemas the file is validated against: they type the two metadata columns. */
export const METADATA_SCHEMAS = {
  schemas: [
    {
      related_object: 'customer',
      properties: {
        vip: { type: 'boolean', array: false, optional: true },
        lifetime_value: { type: 'number', array: false, optional: true },
      },
    },
  ],
};

/** Our issue code for each problem kind (emails and birthdates share `invalid_format`). */
export const PROBLEM_CODES = {
  email: 'invalid_format',
  birthdate: 'invalid_format',
  vip: 'metadata_invalid_type',
  lifetimeValue: 'metadata_invalid_type',
  duplicate: 'duplicate',
};

/** Problem rows per 1000 rows. */
const PER_MILLE = 5;
const KINDS = ['email', 'birthdate', 'vip', 'lifetimeValue', 'duplicate'];

const FIRST = ['John', 'Maria', 'Wei', 'Fatima', 'Olga', 'Pedro', 'Aisha', 'Tom', 'Zoë', 'Łukasz', 'Jürgen', 'Inès'];
const ASCII_FIRST = ['john', 'maria', 'wei', 'fatima', 'olga', 'pedro', 'aisha', 'tom', 'zoe', 'lukasz', 'jurgen', 'ines'];
const LAST = ['Smith', 'Garcia', 'Chen', 'Khan', 'Novak', 'Silva', 'Okafor', 'Berg'];
const CITIES = ['New York', 'Warsaw', 'Lisbon', 'Austin', 'Berlin', 'Osaka', 'São Paulo', 'Kraków'];
const STATES = ['NY', 'MZ', 'LX', 'TX', 'BE', 'OS', 'SP', 'MA'];
const COUNTRIES = ['United States', 'Poland', 'Portugal', 'Germany', 'Japan', 'Brazil'];
const BRANDS = ['"Nike,Fenty,Reebok"', 'Adidas', '"Puma,Nike"', ''];
const DESCRIPTIONS = ['A good customer.', 'Prefers email contact', '"Asked for ""no calls"", thanks"', ''];
const BAD_EMAILS = ['{first} at example dot com', '{first}@example', '{first}@@example.com', '{first}.{last}@exa_mple.com'];
const BAD_DATES = ['{m}/{d}/19{y}', '19{y}-02-30', '19{y}-13-01', '{d}.{m}.19{y}'];
const BAD_BOOLEANS = ['yes', 'Y', '1', 'maybe'];
const BAD_NUMBERS = ['"1,234.50"', 'n/a', '$120', '12..5'];

/** A small, fast deterministic generator (mulberry32). */
export class Rng {
  constructor(seed) {
    this.state = seed >>> 0;
  }

  /** The next 32 random bits as a number in [0, 2^32). */
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A whole number below `n`. */
  below(n) {
    return this.next() % n;
  }

  /** One of `items`. */
  pick(items) {
    return items[this.next() % items.length];
  }
}

const pad = (value, width) => String(value).padStart(width, '0');
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

/**
 * Rows of the customers file as text, `rowsPerBatch` at a time, until `rows` rows or `bytes`
 * bytes (whichever is given; the header counts). Updates `expected` as it goes.
 * @returns {Generator<string>}
 */
function* batches({ rows = Infinity, bytes = Infinity, seed = 42, rowsPerBatch = 4096 }, expected) {
  const rng = new Rng(seed);
  let text = `${HEADER.join(',')}\n`;
  let written = 0;
  // Rows whose id was replaced by an earlier row's: a later duplicate must not pick them.
  const replaced = new Set();
  for (let i = 0; i < rows && written + text.length < bytes; i++) {
    const f = rng.below(FIRST.length);
    const first = FIRST[f];
    const last = rng.pick(LAST);
    let sourceId = `cust-${pad(i, 9)}`;
    let email = `${ASCII_FIRST[f]}.${last.toLowerCase()}${i}@example.com`;
    let birthdate = `${1940 + rng.below(66)}-${pad(1 + rng.below(12), 2)}-${pad(1 + rng.below(28), 2)}`;
    let vip = rng.below(5) === 0 ? 'true' : 'false';
    let lifetimeValue = `${rng.below(100000)}.${pad(rng.below(100), 2)}`;
    if (rng.below(1000) < PER_MILLE) {
      const kind = KINDS[rng.below(KINDS.length)];
      const values = { first: ASCII_FIRST[f], last: last.toLowerCase(), m: 1 + rng.below(12), d: 1 + rng.below(28), y: 10 + rng.below(90) };
      if (kind === 'email') email = fill(rng.pick(BAD_EMAILS), values);
      else if (kind === 'birthdate') birthdate = fill(rng.pick(BAD_DATES), values);
      else if (kind === 'vip') vip = rng.pick(BAD_BOOLEANS);
      else if (kind === 'lifetimeValue') lifetimeValue = rng.pick(BAD_NUMBERS);
      if (kind !== 'duplicate' || i > 0) {
        // A duplicate reuses the id of an earlier row that kept its own.
        if (kind === 'duplicate') {
          let earlier = rng.below(i);
          while (replaced.has(earlier)) earlier -= 1;
          sourceId = `cust-${pad(earlier, 9)}`;
          replaced.add(i);
        }
        expected[kind] += 1;
        expected.problemRows += 1;
      }
    }
    const city = rng.below(CITIES.length);
    text +=
      `${first} ${last},${sourceId},${rng.pick(DESCRIPTIONS)},${email},+1 (989) ${pad(rng.below(1000), 3)}-${pad(rng.below(10000), 4)},` +
      `${1 + rng.below(999)} Main St,"Blg ${1 + rng.below(9)}, Apt ${1 + rng.below(99)}",${CITIES[city]},${pad(rng.below(100000), 5)},` +
      `${STATES[city]},${rng.pick(COUNTRIES)},${birthdate},${vip},${lifetimeValue},${rng.pick(BRANDS)},` +
      `20${10 + rng.below(15)}-0${1 + rng.below(9)}-1${rng.below(10)}T10:00:00.000Z\n`;
    expected.rows += 1;
    if (expected.rows % rowsPerBatch === 0) {
      written += text.length;
      yield text;
      text = '';
    }
  }
  if (text.length > 0) yield text;
}

/** The counts a generated file holds: rows, problem rows, and problems by kind. */
function emptyExpected() {
  return { rows: 0, problemRows: 0, email: 0, birthdate: 0, vip: 0, lifetimeValue: 0, duplicate: 0, bytes: 0 };
}

/**
 * The customers file as UTF-8 bytes, of `rows` data rows or about `bytes` bytes.
 * @param {{ rows?: number, bytes?: number, seed?: number }} size
 * @returns {{ bytes: Uint8Array, expected: ReturnType<typeof emptyExpected> }}
 */
export function customersCsv(size) {
  const expected = emptyExpected();
  const encoder = new TextEncoder();
  const chunks = [];
  for (const text of batches(size, expected)) chunks.push(encoder.encode(text));
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  expected.bytes = total;
  return { bytes, expected };
}

/**
 * Writes the customers file to `path` as it is generated, never holding it whole.
 * @param {string} path
 * @param {{ rows?: number, bytes?: number, seed?: number }} size
 */
export async function writeCustomersCsv(path, size) {
  const expected = emptyExpected();
  const out = createWriteStream(path);
  for (const text of batches({ rowsPerBatch: 8192, ...size }, expected)) {
    const chunk = Buffer.from(text, 'utf8');
    expected.bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return expected;
}

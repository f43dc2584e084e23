// big-csv.mjs: writes a large customers import CSV with realistic rows and about 0.5 % rows
// with realistic errors, streamed and from a fixed seed (the same file every time), to measure
// the CSV check on big files:
//
//   node scripts/big-csv.mjs 1000000 customers-1m.csv
//   /usr/bin/time -v node pkg/bin/voucherify-sync.js check-csv customers customers-1m.csv --json > /dev/null

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded-random.mjs';

const HEADER = 'Name,Source_id,Email,Phone,Address_line_1,City,Postal_Code,Country,Birthdate,loyalty_tier,newsletter,lifetime_orders,signup_date';
const FIRST = ['Maria', 'Jonas', 'Lucía', 'Tom', 'Sofia', 'Jan', 'Emma', 'Pierre', 'Lena', 'Ole', 'Aino', 'Bram', 'Nora', 'Ana', 'Ravi', 'Yuki', 'Chloé', 'Mateo', 'Zofia', 'Liam'];
const LAST = ['Kowalska', 'Becker', 'Fernández', 'Hughes', 'Rossi', 'de Vries', 'Larsen', 'Martin', 'Fischer', 'Hansen', 'Virtanen', 'Peeters', 'Quinn', 'Silva', 'Patel', 'Sato', 'Dubois', 'García', 'Nowak', "O'Brien"];
const PLACES = [
  ['Gdańsk', 'PL', '80-827', '+48 601 234 5'],
  ['Hamburg', 'DE', '20095', '+49 40 123 45'],
  ['Madrid', 'ES', '28013', '+34 612 345 6'],
  ['London', 'GB', 'NW1 6XE', '+44 20 7946 0'],
  ['Milano', 'IT', '20121', '+39 312 345 6'],
  ['Amsterdam', 'NL', '1015 CJ', '+31 6 1234 5'],
  ['Paris', 'FR', '75001', '+33 6 12 34 5'],
  ['Oslo', 'NO', '0154', '+47 412 34 5'],
];
const STREETS = ['Main Street', 'ul. Długa', 'Calle Mayor', 'Via Roma', 'Keizersgracht', 'rue de Rivoli', 'Karl Johans gate'];
const TIERS = ['bronze', 'silver', 'gold'];


const quote = (cell) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * The lines of a customers CSV of `count` rows (header first, each with its newline). About
 * 0.5 % of the rows have a realistic error: an impossible birthdate, no source_id, an unquoted
 * comma that adds a field, a negative lifetime_orders, a tier outside the schema or a repeated
 * source_id.
 * @param {number} count @param {number} [seed]
 */
export function* customerLines(count, seed = 20240611) {
  const next = seededRandom(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  yield `${HEADER}\n`;
  for (let row = 1; row <= count; row += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, country, postal, phone] = pick(PLACES);
    const id = `crm-${String(row).padStart(7, '0')}`;
    const cells = [
      `${first} ${last}`,
      id,
      `${first}.${last}.${row}@example.com`.normalize('NFD').toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      `${phone}${String(row % 100).padStart(2, '0')}`,
      `${1 + Math.floor(next() * 200)} ${pick(STREETS)}`,
      city,
      postal,
      country,
      `${1950 + Math.floor(next() * 55)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      pick(TIERS),
      next() < 0.5 ? 'true' : 'false',
      String(Math.floor(next() * 40)),
      `20${String(15 + Math.floor(next() * 10))}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 10)}`,
    ];
    if (next() < 0.005) {
      const error = Math.floor(next() * 6);
      if (error === 0) cells[8] = '1990-02-30';
      else if (error === 1) cells[1] = '';
      else if (error === 2) cells[4] = `${cells[4]}, Flat 2`;
      else if (error === 3) cells[11] = '-3';
      else if (error === 4) cells[9] = 'platinum';
      else cells[1] = `crm-${String(Math.max(1, row - 1)).padStart(7, '0')}`;
      if (error === 2) {
        yield `${cells.map((cell, index) => (index === 4 ? cell : quote(cell))).join(',')}\n`;
        continue;
      }
    }
    yield `${cells.map(quote).join(',')}\n`;
  }
}

/** Writes `count` rows to `file` through a stream, waiting whenever it is full. */
export async function writeCustomersCsv(count, file) {
  const out = createWriteStream(file);
  for (const line of customerLines(count)) {
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [count, file] = process.argv.slice(2);
  if (!/^\d+$/.test(count ?? '') || !file) {
    process.stderr.write('usage: node scripts/big-csv.mjs ROWS FILE\n');
    process.exitCode = 2;
  } else {
    await writeCustomersCsv(Number(count), file);
  }
}

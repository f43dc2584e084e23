// csv-excel.test.mjs: files as Excel saves them, through validateCsv (the JS API) and the CLI:
// the same expected reports and cleaned files as the Rust test, and the Windows-1252 and UTF-16
// conversion compared with the platform's own TextDecoder.

import assert from 'node:assert/strict';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateCsv, validateCsvWithOutputs } from '../../pkg/node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'tests/fixtures/csv/excel');
const FIXTURES = readdirSync(DIR).filter((name) => /\.(csv|txt)$/.test(name) && !/\.(cleaned|failed)\.csv$/.test(name));
const expected = (name, suffix) => join(DIR, `${name.replace(/\.[^.]+$/, '')}.${suffix}`);

test('there are six Excel fixtures', () => {
  assert.equal(FIXTURES.length, 6);
});

for (const name of FIXTURES) {
  test(`validateCsv reads ${name} into its expected report and UTF-8, comma outputs`, async () => {
    const { report, cleaned, failed, parts } = await validateCsvWithOutputs('customers', createReadStream(join(DIR, name), { highWaterMark: 7 }));
    assert.deepEqual(report, JSON.parse(readFileSync(expected(name, 'report.json'), 'utf8')));
    assert.equal(await cleaned.text(), readFileSync(expected(name, 'cleaned.csv'), 'utf8'));
    assert.equal(await failed.text(), readFileSync(expected(name, 'failed.csv'), 'utf8'));
    assert.equal(parts.length, 1);
    assert.equal(await parts[0].text(), await cleaned.text());
  });
}

test('check-csv --out-dir writes the converted files of an Excel file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'voucherify-sync-excel-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const result = spawnSync(process.execPath, [join(ROOT, 'pkg/bin/voucherify-sync.js'), 'check-csv', 'customers', join(DIR, 'unicode-text-utf16le.txt'), '--out-dir', dir], { encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /csv_converted \(1\)\n +warning +header, line 1 +the file was read as UTF-16LE, delimiter tab/);
  assert.equal(readFileSync(join(dir, 'unicode-text-utf16le.cleaned.csv'), 'utf8'), readFileSync(expected('unicode-text-utf16le.txt', 'cleaned.csv'), 'utf8'));
  assert.equal(readFileSync(join(dir, 'unicode-text-utf16le.failed.csv'), 'utf8'), readFileSync(expected('unicode-text-utf16le.txt', 'failed.csv'), 'utf8'));
});

/** The Name cell of the cleaned file of `bytes` (a two-column customers file). */
async function nameCell(bytes) {
  const { report, cleaned } = await validateCsvWithOutputs('customers', bytes, { outputs: ['cleaned'] });
  const text = await cleaned.text();
  return { report, name: text.split('\n')[1].replace(/^c1,/, '').replace(/^"(.*)"$/s, '$1').replace(/""/g, '"') };
}

// Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 as U+0080, not €), so here the
// comparison covers 0xA0-0xFF; tests/browser/csv-worker.test.mjs compares all 128 bytes with
// Chromium's TextDecoder, which follows the WHATWG Encoding Standard.
test('Windows-1252 bytes 0xA0-0xFF convert as TextDecoder("windows-1252") converts them', async () => {
  const high = Uint8Array.from({ length: 96 }, (_, index) => 0xa0 + index);
  const bytes = new Uint8Array([...Buffer.from('source_id,name\nc1,x'), ...high, ...Buffer.from('x\n')]);
  const { report, name } = await nameCell(bytes);
  assert.equal(report.issues[0].code, 'csv_converted');
  assert.equal(name, `x${new TextDecoder('windows-1252').decode(high)}x`);
});

test('UTF-16 text with characters outside the BMP converts as TextDecoder converts it', async () => {
  const text = 'source_id,name\nc1,Zoë 😀 Ωmega\n';
  for (const [label, bom, bigEndian] of [['utf-16le', [0xff, 0xfe], false], ['utf-16be', [0xfe, 0xff], true]]) {
    const units = Buffer.from(text, 'utf16le');
    if (bigEndian) units.swap16();
    const bytes = new Uint8Array([...bom, ...units]);
    const { name } = await nameCell(bytes);
    assert.equal(name, new TextDecoder(label).decode(bytes).split('\n')[1].slice(3), label);
  }
});

test('a plain UTF-8 comma file gets no csv_converted warning', async () => {
  const report = await validateCsv('customers', 'source_id,name\nc1,Renée\n');
  assert.deepEqual(report.issues, []);
});

// csv.test.mjs: CSV validation through the package: every kind of source gives the same report,
// progress and cancellation work, outputs stream out, and no row is lost.

import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { validateCsv, validateCsvWithOutputs, validatePayload, VoucherifySyncError } from '../../pkg/node.js';

const fixture = (name) => new URL(`../fixtures/csv/${name}`, import.meta.url);
const MIXED = readFileSync(fixture('customers_mixed.csv'));

/** A customers file of `rows` rows; every 7th row has a bad birthdate, every 11th a bad email. */
function generated(rows) {
  const lines = ['source_id,name,email,birthdate,vip'];
  for (let i = 0; i < rows; i += 1) {
    const email = i % 11 === 0 ? `user${i}-at-example.com` : `user${i}@example.com`;
    const birthdate = i % 7 === 0 ? '1990-02-30' : `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(`c${i},"Name, ${i}",${email},${birthdate},${i % 2 === 0}`);
  }
  return `${lines.join('\n')}\n`;
}

function* slices(bytes, size) {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

test('text, bytes, a Blob, a web stream, a Node stream and an async iterable give the same report', async () => {
  const expected = await validateCsv('customers', MIXED);
  assert.equal(expected.valid, false);
  assert.ok(expected.rows > 0 && expected.issues.length > 0);
  const sources = [
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(MIXED),
    new Blob([MIXED]),
    Readable.toWeb(Readable.from(slices(MIXED, 5))),
    createReadStream(fixture('customers_mixed.csv'), { highWaterMark: 7 }),
    (async function* () {
      yield* slices(MIXED, 3);
    })(),
  ];
  for (const source of sources) {
    assert.deepEqual(await validateCsv('customers', source), expected);
  }
});

test('an issue carries its row, line and column', async () => {
  const report = await validateCsv('customers', MIXED);
  const birthdate = report.issues.find((issue) => issue.value === '1985-02-30');
  assert.deepEqual(
    { code: birthdate.code, severity: birthdate.severity, row: birthdate.row, line: birthdate.line, column: birthdate.column },
    { code: 'invalid_format', severity: 'error', row: 2, line: 3, column: 'Birthdate' },
  );
});

test('progress is reported at least every megabyte, and a signal cancels the check', async () => {
  const bytes = new TextEncoder().encode(generated(60_000));
  assert.ok(bytes.length > 3_000_000);
  const progress = [];
  const report = await validateCsv('customers', bytes, { onProgress: (p) => progress.push(p) });
  assert.ok(progress.length >= Math.floor(bytes.length / (1 << 20)), `${progress.length} reports`);
  for (let i = 1; i < progress.length; i += 1) {
    assert.ok(progress[i].bytes - progress[i - 1].bytes <= 1 << 20);
    assert.equal(progress[i].totalBytes, bytes.length);
  }
  assert.equal(progress.at(-1).bytes, bytes.length);
  assert.equal(progress.at(-1).rows, report.rows);

  const controller = new AbortController();
  const cancelled = validateCsv('customers', Readable.from(slices(bytes, 1 << 16)), {
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  await assert.rejects(cancelled, (error) => error instanceof VoucherifySyncError && error.code === 'aborted');
});

test('100 000 rows: every row counted once, parts rejoin into the cleaned file, failed rows hold the rest', async () => {
  const text = generated(100_000);
  const { report, cleaned, failed, parts } = await validateCsvWithOutputs('customers', text, { maxPartBytes: 512 * 1024 });
  assert.equal(report.rows, 100_000);
  assert.equal(report.validRows + report.invalidRows, report.rows);
  const expectedInvalid = Array.from({ length: 100_000 }, (_, i) => i % 7 === 0).filter(Boolean).length;
  assert.equal(report.invalidRows, expectedInvalid);
  assert.equal(report.truncated, true);
  assert.equal(report.countsByCode.invalid_format, expectedInvalid + Math.ceil(100_000 / 11));

  const cleanedText = await cleaned.text();
  const failedText = await failed.text();
  assert.equal(cleanedText.trimEnd().split('\n').length - 1, report.validRows);
  assert.equal(failedText.trimEnd().split('\n').length - 1, report.invalidRows);
  assert.ok(parts.length > 1);
  const header = cleanedText.slice(0, cleanedText.indexOf('\n') + 1);
  let joined = '';
  for (const [index, part] of parts.entries()) {
    assert.ok(part.size <= 512 * 1024, `part ${index} is ${part.size} bytes`);
    const partText = await part.text();
    assert.ok(partText.startsWith(header));
    joined += index === 0 ? partText : partText.slice(header.length);
  }
  assert.equal(joined, cleanedText);
  assert.equal((await validateCsv('customers', cleanedText)).valid, true);
});

test('SKUs are checked against a products file given as text, bytes or a Blob', async () => {
  const skus = readFileSync(fixture('skus.csv'));
  const products = readFileSync(fixture('products.csv'));
  const expected = await validateCsv('skus', skus, { products: new TextDecoder().decode(products) });
  for (const given of [products, new Blob([products])]) {
    assert.deepEqual(await validateCsv('skus', skus, { products: given }), expected);
  }
  const without = await validateCsv('skus', skus);
  assert.ok(expected.issues.some((issue) => issue.code === 'csv_unknown_product' || issue.code === 'csv_unknown_attribute'));
  assert.ok(!without.issues.some((issue) => issue.code === 'csv_unknown_product'));
});

test('an orders file streams import bodies that validate', async () => {
  const bodies = [];
  const report = await validateCsv('orders', readFileSync(fixture('orders.csv')), { onImportBody: (body) => bodies.push(body) });
  assert.ok(bodies.length >= 1);
  for (const body of bodies) {
    assert.ok(Array.isArray(body) && body.length <= 2000);
    assert.equal(validatePayload('POST /v1/orders/import', body).valid, true);
  }
  assert.ok(report.rows > 0);
});

test('misuse throws typed errors, and the module keeps working afterwards', async () => {
  await assert.rejects(validateCsv('coupons', 'a,b\n'), (error) => error.code === 'invalid_argument');
  await assert.rejects(validateCsv('customers', 'a\n', { maxIssue: 3 }), (error) => error.code === 'invalid_options');
  await assert.rejects(validateCsv('customers', 42), (error) => error.code === 'invalid_argument');
  await assert.rejects(validateCsv('customers', 'a\n', null), (error) => error.code === 'invalid_options');
  const report = await validateCsv('customers', 'source_id\nc1\n');
  assert.deepEqual([report.valid, report.rows], [true, 1]);
});

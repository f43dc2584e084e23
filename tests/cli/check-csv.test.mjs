// check-csv.test.mjs: `voucherify-sync check-csv` run as a child process: exit codes, the JSON
// report against validateCsv, the human report, and the --out-dir files re-checked.

import assert from 'node:assert/strict';
import { createReadStream, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateCsv, validatePayload } from '../../pkg/node.js';
import { customerLines } from '../../scripts/big-csv.mjs';
import { csvFixture, example, fixture, run, runJson, tempDir } from './cli.mjs';

const schemas = JSON.parse(readFileSync(example('metadata-schemas.json'), 'utf8'));

test('a valid file exits 0 and an invalid one 1', () => {
  assert.equal(run(['check-csv', 'customers', fixture('customers-clean.csv')]).status, 0);
  assert.equal(run(['check-csv', 'customers', example('customers.csv')]).status, 1);
});

test('--json prints one document equal to the report of validateCsv', async () => {
  for (const [kind, file, options, args] of [
    ['customers', example('customers.csv'), { metadataSchemas: schemas }, ['--metadata-schemas', example('metadata-schemas.json')]],
    ['products', example('products.csv'), {}, []],
    ['skus', example('skus.csv'), { products: readFileSync(example('products.csv')) }, ['--products', example('products.csv')]],
    ['orders', example('orders.csv'), { priceUnit: 'units' }, ['--price-unit', 'units']],
    ['customers', csvFixture('customers_mixed.csv'), { maxIssues: 2 }, ['--max-issues', '2']],
  ]) {
    const { status, stdout, stderr, report } = runJson(['check-csv', kind, file, ...args]);
    assert.equal(stdout.trim().split('\n').length, 1, 'exactly one line of JSON');
    assert.equal(stderr, '', 'no progress bar when stderr is not a terminal');
    assert.deepEqual(report, await validateCsv(kind, createReadStream(file), options), file);
    assert.equal(status, report.valid ? 0 : 1);
  }
});

test('the human report shows the summary and each issue with its row, line and column', () => {
  const { stdout } = run(['check-csv', 'customers', example('customers.csv'), '--metadata-schemas', example('metadata-schemas.json')]);
  assert.match(stdout, /customers\.csv {2}customers {2}INVALID/);
  assert.match(stdout, /rows +valid +invalid +errors +warnings +size\n +10 +5 +5 +6 +2 /);
  assert.match(stdout, /^invalid_format \(2\)$/m);
  assert.match(stdout, /error +row 4, line 5, column Birthdate +birthdate must be a real date/);
  assert.match(stdout, /error +row 8, line 9 +the row has 14 fields/);
  assert.doesNotMatch(stdout, /\x1b\[/, 'no colours when stdout is not a terminal');
});

test('header issues are placed on the header', () => {
  const { stdout, status } = run(['check-csv', 'customers', '-'], { input: 'source_id,City,Address_City\nc1,a,b\n' });
  assert.equal(status, 1);
  assert.match(stdout, /error +header, line 1, column Address_City/);
});

test('--out-dir writes a cleaned file that re-checks clean, the failed rows and the parts', async (t) => {
  const dir = tempDir(t);
  const input = join(dir, 'customers.csv');
  writeFileSync(input, [...customerLines(1200)].join(''));
  const { status, report } = runJson(['check-csv', 'customers', input, '--out-dir', dir, '--max-part-bytes', '32768']);
  assert.equal(status, 1);
  const files = readdirSync(dir).sort();
  assert.deepEqual(files.filter((name) => !name.includes('.part-')), ['customers.cleaned.csv', 'customers.csv', 'customers.failed.csv']);
  assert.ok(report.invalidRows > 0 && report.validRows > 1000, JSON.stringify(report.countsByCode));
  const cleaned = readFileSync(join(dir, 'customers.cleaned.csv'));
  const recheck = await validateCsv('customers', cleaned);
  assert.equal(recheck.errors, 0);
  assert.equal(recheck.rows, report.validRows);
  // Run again on the cleaned file through the binary: valid, exit 0.
  const again = run(['check-csv', 'customers', join(dir, 'customers.cleaned.csv')]);
  assert.equal(again.status, 0, again.stdout);

  const failed = readFileSync(join(dir, 'customers.failed.csv'), 'utf8').trim().split('\n');
  assert.match(failed[0], /,error$/);
  assert.equal(failed.length - 1, report.invalidRows);

  const parts = files.filter((name) => name.includes('.part-'));
  assert.ok(parts.length > 1, `${parts.length} parts`);
  let rows = 0;
  for (const [index, name] of parts.entries()) {
    assert.equal(name, `customers.part-${String(index + 1).padStart(3, '0')}.csv`);
    const bytes = readFileSync(join(dir, name));
    assert.ok(bytes.length <= 32768, `${name} is ${bytes.length} bytes`);
    const partReport = await validateCsv('customers', bytes);
    assert.equal(partReport.errors, 0, name);
    rows += partReport.rows;
  }
  assert.equal(rows, report.validRows);
});

test('--out-dir writes order import bodies that are valid and under the limit', async (t) => {
  const dir = tempDir(t);
  const { report } = runJson(['check-csv', 'orders', csvFixture('orders.csv'), '--out-dir', dir]);
  const bodies = readdirSync(dir).filter((name) => name.startsWith('orders.import-'));
  assert.deepEqual(bodies, ['orders.import-001.json']);
  const bytes = readFileSync(join(dir, bodies[0]));
  assert.ok(bytes.length <= 10_485_760);
  const body = JSON.parse(bytes);
  assert.ok(body.length > 0);
  assert.deepEqual(validatePayload('POST /v1/orders/import', body).issues.filter((issue) => issue.severity === 'error'), []);
  assert.equal(readdirSync(dir).some((name) => name.includes('.part-')), false, 'orders get bodies, not parts');
  assert.equal(report.valid, false);
});

test('--out-dir replaces the files of an earlier run', (t) => {
  const dir = tempDir(t);
  const input = join(dir, 'customers.csv');
  writeFileSync(input, [...customerLines(100)].join(''));
  run(['check-csv', 'customers', input, '--out-dir', dir, '--max-part-bytes', '1024']);
  const before = readdirSync(dir).filter((name) => name.includes('.part-')).length;
  run(['check-csv', 'customers', input, '--out-dir', dir]);
  const after = readdirSync(dir).filter((name) => name.includes('.part-'));
  assert.ok(before > 1);
  assert.deepEqual(after, ['customers.part-001.csv']);
});

test('a SKUs file is checked against --products', () => {
  const { report } = runJson(['check-csv', 'skus', example('skus.csv'), '--products', example('products.csv')]);
  assert.deepEqual(Object.keys(report.countsByCode).sort(), ['csv_unknown_attribute', 'csv_unknown_product', 'duplicate']);
});

test('standard input is read with -', () => {
  const { status, report } = runJson(['check-csv', 'customers', '-'], { input: readFileSync(fixture('customers-clean.csv')) });
  assert.equal(status, 0);
  assert.equal(report.rows, 3);
});

test('usage and I/O errors exit 2 with one line naming the problem', (t) => {
  const missing = 'no-such-file.csv';
  for (const [args, message] of [
    [['check-csv', 'customers', missing], /^voucherify-sync check-csv: no-such-file\.csv: no such file or directory\n$/],
    [['check-csv', 'customers', tempDir(t)], /: is a directory\n$/],
    [['check-csv', 'vouchers', example('customers.csv')], /^voucherify-sync check-csv: unknown kind "vouchers"; use customers, products, skus or orders\n$/],
    [['check-csv', 'customers'], /^voucherify-sync check-csv: missing FILE\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--frobnicate'], /^voucherify-sync check-csv: unknown option --frobnicate\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--out-dir'], /--out-dir needs a value\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--max-part-bytes', '10MB'], /--max-part-bytes must be an integer from 1024 to 10485760, not "10MB"\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--products', example('products.csv')], /--products is only for a skus file\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--metadata-schemas', example('customers.csv')], /customers\.csv: not valid JSON \(.*\); it should hold the body of GET \/v1\/metadata-schemas\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--metadata-schemas', fixture('mapping.json')], /mapping\.json: .*\n$/],
    [['check-csv', 'customers', example('customers.csv'), '--out-dir', join(example('customers.csv'), 'out')], /customers\.csv\/out: a parent is not a directory\n$/],
  ]) {
    const result = run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
    assert.equal(result.stdout, '');
  }
});

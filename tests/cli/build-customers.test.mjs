// build-customers.test.mjs: `voucherify-sync build-customers`: CSV, JSON and NDJSON records
// through the customer builder, the customers written, and the report.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCustomer, validateCustomer } from '../../pkg/node.js';
import { csvFixture, example, fixture, run, runJson, tempDir } from './cli.mjs';

const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));

test('a CSV file becomes one customer per line, quoted commas and quotes kept', (t) => {
  const out = join(tempDir(t), 'customers.ndjson');
  const { status, report } = runJson(['build-customers', fixture('customers-clean.csv'), '--out', out]);
  assert.equal(status, 0);
  assert.deepEqual(report, {
    valid: true, records: 3, validRecords: 3, invalidRecords: 0, errorCount: 0, warningCount: 0, countsByCode: {}, issues: [], truncated: false,
  });
  const customers = lines(out);
  assert.deepEqual(customers.map((customer) => customer.name), ['Ann Lee', 'Smith, Bob', 'Quote "Q" Jones']);
  assert.equal(customers[1].address.city, 'Leeds, West Yorkshire');
  const record = { Name: 'Smith, Bob', Source_id: 'c-002', Email: 'bob.smith@example.com', Phone: '+44 20 7946 0019', City: 'Leeds, West Yorkshire', Country: 'GB', Birthdate: '1985-02-28', tier: 'silver' };
  assert.deepEqual(customers[1], buildCustomer(record).customer);
  for (const customer of customers) assert.equal(validateCustomer(customer).valid, true);
});

test('NDJSON with the builder options: mapping, phone country and date order', (t) => {
  const out = join(tempDir(t), 'customers.ndjson');
  const args = ['build-customers', fixture('crm.ndjson'), '--out', out, '--mapping', fixture('mapping.json'), '--default-country', 'GB', '--date-order', 'dmy'];
  const { status, report } = runJson(args);
  assert.equal(status, 1, 'one line is not JSON');
  assert.deepEqual(
    report.issues.map(({ record, line, code }) => ({ record, line, code })),
    [{ record: 3, line: 4, code: 'invalid_json' }],
  );
  const customers = lines(out);
  assert.deepEqual(customers.map((customer) => customer.source_id), ['CRM-1001', 'CRM-1002', 'CRM-1004']);
  assert.equal(customers[0].phone, '+442079460018');
  assert.equal(customers[1].birthdate, '1990-07-03');
  assert.equal(customers[2].metadata, undefined, 'Notes is dropped by the mapping');
});

test('records with errors are left out and reported with row, line and record key', (t) => {
  const out = join(tempDir(t), 'customers.ndjson');
  const args = ['build-customers', example('customers.csv'), '--out', out, '--metadata-schemas', example('metadata-schemas.json')];
  const { status, report } = runJson(args);
  assert.equal(status, 1);
  assert.equal(report.records, 10);
  assert.equal(lines(out).length, report.validRecords);
  const where = report.issues.map(({ row, line, column, code }) => `${row}:${line}:${column}:${code}`);
  assert.deepEqual(where, [
    '4:5:Birthdate:invalid_format',
    '5:6:Email:invalid_format',
    '8:9::csv_field_count',
    '9:10:newsletter:metadata_invalid_type',
    '10:11:lifetime_orders:metadata_out_of_range',
  ]);
  const { stdout } = run(args);
  assert.match(stdout, /error +row 10, line 11, column lifetime_orders +lifetime_orders: must be greater than or equal to 0/);
  assert.match(stdout, /Written to .*customers\.ndjson: 6 customers, one per line/);
});

test('a JSON list response and --max-issues: counts stay exact', (t) => {
  const dir = tempDir(t);
  const input = join(dir, 'list.json');
  const records = Array.from({ length: 5 }, (_, index) => ({ source_id: `c${index}`, birthdate: '1990-02-30' }));
  writeFileSync(input, JSON.stringify({ object: 'list', customers: records }));
  const { report } = runJson(['build-customers', input, '--out', join(dir, 'out.ndjson'), '--max-issues', '2']);
  assert.equal(report.invalidRecords, 5);
  assert.equal(report.errorCount, 5);
  assert.equal(report.issues.length, 2);
  assert.equal(report.truncated, true);
  assert.deepEqual(report.issues[1], {
    record: 2, column: 'birthdate', code: 'invalid_format', severity: 'error', path: '/birthdate',
    message: buildCustomer(records[1]).issues[0].message,
  });
});

test('usage and I/O errors exit 2 naming the file or option, and write nothing', (t) => {
  const dir = tempDir(t);
  const out = join(dir, 'out.ndjson');
  for (const [args, message] of [
    [['build-customers', fixture('crm.ndjson')], /^voucherify-sync build-customers: --out is required\n$/],
    [['build-customers', fixture('mapping.json').replace('.json', '.txt'), '--out', out], /mapping\.txt: unknown format; name it \.csv, \.json or \.ndjson\n$/],
    [['build-customers', 'gone.csv', '--out', out], /^voucherify-sync build-customers: gone\.csv: no such file or directory\n$/],
    [['build-customers', fixture('crm.ndjson'), '--out', out, '--mapping', fixture('mapping-bad.json')], /mapping-bad\.json: mapping\.Customer No: "customer_number" is not a customer field/],
    [['build-customers', fixture('crm.ndjson'), '--out', out, '--default-country', 'XX'], /--default-country: defaultCountry "XX" is not supported/],
    [['build-customers', fixture('crm.ndjson'), '--out', out, '--date-order', 'ymd'], /--date-order must be "dmy" or "mdy", not "ymd"\n$/],
    [['build-customers', fixture('crm.ndjson'), '--out', join(dir, 'missing', 'out.ndjson')], /missing\/out\.ndjson: no such file or directory\n$/],
  ]) {
    const result = run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
  }
  assert.throws(() => readFileSync(out), /ENOENT/);
});

test('a repeated header name and records that are not objects are errors, not crashes', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'dup.csv'), 'Source_id,Name,Name\nc1,A,B\n');
  const dup = runJson(['build-customers', join(dir, 'dup.csv'), '--out', join(dir, 'a.ndjson')]);
  assert.equal(dup.status, 1);
  assert.deepEqual(dup.report.issues.map(({ row, line, code }) => [row, line, code]), [[0, 1, 'csv_duplicate_header']]);
  assert.equal(dup.report.records, 1, 'the header is not a record');
  writeFileSync(join(dir, 'odd.json'), '[{"source_id": "a"}, 5, null]');
  const odd = runJson(['build-customers', join(dir, 'odd.json'), '--out', join(dir, 'b.ndjson')]);
  assert.equal(odd.status, 1);
  assert.deepEqual(odd.report.issues.map(({ record, code }) => [record, code]), [[2, 'invalid_type'], [3, 'invalid_type']]);
  assert.equal(lines(join(dir, 'b.ndjson')).length, 1);
});

test('Excel files with semicolons or in Windows-1252 become customers with their names as written', (t) => {
  // The fixtures hold the same three records; the second has a birthdate that is not a date.
  for (const name of ['semicolon-utf8.csv', 'windows-1252.csv']) {
    const out = join(tempDir(t), 'customers.ndjson');
    const { status, report } = runJson(['build-customers', csvFixture(`excel/${name}`), '--out', out]);
    assert.equal(status, 1, name);
    assert.deepEqual(report.issues.map(({ row, column, code }) => ({ row, column, code })), [{ row: 2, column: 'Birthdate', code: 'invalid_format' }], name);
    const customers = lines(out);
    assert.deepEqual(
      customers.map(({ source_id, name, address }) => [source_id, name, address.city, address.line_1]),
      [['c-001', 'Renée Müller', 'Genève', 'Rue du Rhône 5, 2e étage'], ['c-003', 'Zoë O’Brien-Ångström', 'Malmö', 'Storgatan 3']],
      name,
    );
  }
});

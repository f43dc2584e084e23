// plan.test.mjs: `voucherify-sync plan`: the plan against planSync, the bulk bodies written
// (valid, under the limit), the conflicts file, export CSVs as the remote side, exit codes.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { planSync, validatePayload } from '../../pkg/node.js';
import { readRecords } from '../../pkg/cli/files.js';
import { example, fixture, run, runJson, tempDir } from './cli.mjs';

const LIMIT = 10_485_760;

async function recordsOf(file) {
  const records = [];
  for await (const { record } of readRecords(file)) if (record) records.push(record);
  return records;
}

/** The plan as planSync returns it: without the places and the unreadable records the command adds. */
function withoutPlaces(plan) {
  const { unreadable, ...rest } = plan;
  return { ...rest, entries: rest.entries.map(({ row, line, record, ...entry }) => entry) };
}

/** The bulk bodies in `dir`, in order, each checked as a body of `operation` under `limit` bytes. */
function bodiesIn(dir, kind, limit = LIMIT) {
  const names = readdirSync(dir).filter((name) => name.startsWith(`${kind}-bulk-`)).sort();
  return names.map((name, index) => {
    assert.equal(name, `${kind}-bulk-${String(index + 1).padStart(3, '0')}.json`);
    const bytes = readFileSync(join(dir, name));
    assert.ok(bytes.length <= limit, `${name}: ${bytes.length} bytes`);
    const report = validatePayload(`POST /v1/${kind}/bulk/async`, bytes);
    assert.deepEqual(report.issues.filter((issue) => issue.severity === 'error'), [], name);
    return JSON.parse(bytes);
  });
}

test('the plan of the example snapshots matches planSync, and its files hold what it plans', async (t) => {
  const dir = tempDir(t);
  const args = ['plan', 'customers', '--local', example('customers-crm.csv'), '--remote', example('customers-voucherify.json'), '--out-dir', dir, '--default-country', 'PL'];
  const { status, report, stdout } = runJson(args);
  assert.equal(status, 1, 'some records conflict');
  assert.equal(stdout.trim().split('\n').length, 1);
  const local = await recordsOf(example('customers-crm.csv'));
  const remote = JSON.parse(readFileSync(example('customers-voucherify.json'), 'utf8'));
  const expected = planSync('customers', local, remote, { customerOptions: { defaultCountry: 'PL' } });
  assert.deepEqual(withoutPlaces(report), expected);
  assert.deepEqual(report.summary, { local: 9, remote: 4, create: 1, update: 2, unchanged: 1, conflict: 5, batches: 1 });
  assert.deepEqual(report.unreadable, []);
  assert.deepEqual(report.entries.map(({ row, line }) => [row, line]).slice(0, 2), [[1, 2], [2, 3]]);

  assert.deepEqual(bodiesIn(dir, 'customers'), expected.batches);
  const conflicts = readFileSync(join(dir, 'customers-conflicts.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(
    conflicts.map(({ row, line, key, reason }) => [row, line, key, reason]),
    [
      [5, 6, 'crm-000402', 'duplicate_key'],
      [6, 7, 'crm-000355-b', 'immutable_source_id'],
      [7, 8, 'crm-000412', 'invalid_record'],
      [8, 9, null, 'missing_key'],
      [9, 10, 'crm-000402', 'duplicate_key'],
    ],
  );
  assert.equal(conflicts[2].issues[0].path, '/Birthdate');
});

test('the human plan shows the counts, each conflict with its row and line, and the files', (t) => {
  const dir = tempDir(t);
  const { stdout } = run(['plan', 'customers', '--local', example('customers-crm.csv'), '--remote', example('customers-voucherify.json'), '--out-dir', dir, '--default-country', 'PL']);
  assert.match(stdout, /local +remote +create +update +unchanged +conflict +unreadable +bodies\n +9 +4 +1 +2 +1 +5 +0 +1/);
  assert.match(stdout, /immutable_source_id \(1\)\n +error +row 6, line 7, source_id "crm-000355-b" +the record's id names a customer whose source_id is "crm-000355"/);
  assert.match(stdout, /error +row 7, line 8, source_id "crm-000412" +invalid_format at \/Birthdate: birthdate '1990-02-31'/);
  assert.match(stdout, /customers-bulk-001\.json +\d+ B, 3 records/);
  assert.match(stdout, /Nothing was sent: send each customers-bulk-NNN\.json as the body of POST \/v1\/customers\/bulk\/async\./);
});

test('products against an export CSV: prices in units locally, statistics and JSON cells read', (t) => {
  const dir = tempDir(t);
  const { status, report } = runJson(['plan', 'products', '--local', fixture('products-local.csv'), '--remote', fixture('products-export.csv'), '--out-dir', dir]);
  assert.equal(status, 0);
  assert.deepEqual(report.entries.map(({ key, action }) => [key, action]), [
    ['tee-classic', 'unchanged'], ['hoodie-zip', 'update'], ['travel-mug', 'unchanged'], ['gift-wrap', 'create'],
  ]);
  assert.deepEqual(bodiesIn(dir, 'products'), [[
    { price: 5490, source_id: 'hoodie-zip' },
    { metadata: { material: 'paper' }, name: 'Gift wrap', price: 350, source_id: 'gift-wrap' },
  ]]);
  assert.equal(readFileSync(join(dir, 'products-conflicts.ndjson'), 'utf8'), '');
});

test('many records are packed into several bodies, each under --max-body-bytes', async (t) => {
  const dir = tempDir(t);
  const local = join(dir, 'local.ndjson');
  const records = Array.from({ length: 60 }, (_, index) => ({ source_id: `crm-${index}`, name: `Customer number ${index}`, email: `customer.${index}@example.com` }));
  writeFileSync(local, records.map((record) => JSON.stringify(record)).join('\n'));
  const { status, report } = runJson(['plan', 'customers', '--local', local, '--out-dir', dir, '--max-body-bytes', '1024']);
  assert.equal(status, 0);
  const bodies = bodiesIn(dir, 'customers', 1024);
  assert.ok(bodies.length > 3, `${bodies.length} bodies`);
  assert.deepEqual(bodies, report.batches);
  assert.deepEqual(bodies.flat().map((body) => body.source_id), records.map((record) => record.source_id));
  assert.deepEqual(report.entries.slice(0, 2).map(({ line }) => line), [1, 2]);

  // A second run with fewer bodies leaves no stale ones behind.
  runJson(['plan', 'customers', '--local', local, '--out-dir', dir]);
  assert.equal(bodiesIn(dir, 'customers').length, 1);
});

test('local rows that cannot be read are listed as unreadable and exit 1', (t) => {
  const dir = tempDir(t);
  const local = join(dir, 'local.csv');
  writeFileSync(local, 'Source_id,Name\nc1,Ann\nc2,Smith, Bob\nc3,Cleo\n');
  const { status, report } = runJson(['plan', 'customers', '--local', local, '--out-dir', dir]);
  assert.equal(status, 1);
  assert.equal(report.summary.create, 2);
  assert.deepEqual(report.unreadable, [{ row: 2, line: 3, code: 'csv_field_count', message: 'the row has 3 fields, but the header has 2' }]);
  assert.deepEqual(report.entries.map(({ row }) => row), [1, 3]);
  const [conflict] = readFileSync(join(dir, 'customers-conflicts.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(conflict.reason, 'unreadable');
});

test('usage and I/O errors exit 2 with one line', (t) => {
  const dir = tempDir(t);
  const brokenRemote = join(dir, 'remote.csv');
  writeFileSync(brokenRemote, 'source_id,name\np1,"open\n');
  const brokenLocal = join(dir, 'local.json');
  writeFileSync(brokenLocal, '[{"source_id": "p1"},]');
  const local = ['--local', fixture('products-local.csv')];
  for (const [args, message] of [
    [['plan', 'products', '--out-dir', dir], /^voucherify-sync plan: --local is required\n$/],
    [['plan', 'products', ...local], /^voucherify-sync plan: --out-dir is required\n$/],
    [['plan', 'orders', ...local, '--out-dir', dir], /unknown kind "orders"; use customers or products\n$/],
    [['plan', 'customers', ...local, '--out-dir', dir, '--price-unit', 'cents'], /--price-unit is only for products\n$/],
    [['plan', 'products', ...local, '--out-dir', dir, '--mapping', fixture('mapping.json')], /--mapping is only for customers\n$/],
    [['plan', 'products', ...local, '--out-dir', dir, '--max-body-bytes', '100'], /--max-body-bytes must be an integer from 1024 to 10485760/],
    [['plan', 'products', ...local, '--remote', 'gone.json', '--out-dir', dir], /^voucherify-sync plan: gone\.json: no such file or directory\n$/],
    [['plan', 'products', ...local, '--remote', brokenRemote, '--out-dir', dir], /remote\.csv: row 1, line 2: the quoted field 2 is still open at the end of the input; what Voucherify holds must be read whole\n$/],
    [['plan', 'products', '--local', brokenLocal, '--out-dir', dir], /local\.json: not valid JSON \(.*\); it should hold an array of records or a list response\n$/],
  ]) {
    const result = run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  }
});

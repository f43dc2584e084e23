// sync.test.mjs: `voucherify-sync sync` against the stand-in API: the dry run and its call
// costs, --apply and its report (failures mapped to their row and line), the keys kept out of
// every output, the rate limit, exit codes.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './cli.mjs';
import { APP_ID, APP_TOKEN, csvText, runCli, standin, syncEnv } from './sync-support.mjs';

const REMOTE = [
  { source_id: 'kept', name: 'Kept Customer' },
  { source_id: 'renamed', name: 'Old Name' },
];

function localFile(dir, extraRows = []) {
  const file = join(dir, 'crm.csv');
  writeFileSync(file, csvText(['source_id', 'name', 'email'], [['kept', 'Kept Customer', ''], ['renamed', 'New Name', ''], ['fresh', 'Fresh Customer', 'fresh@example.com'], ...extraRows]));
  return file;
}

/** Asserts that no output, journal or snapshot of the run holds either key. */
function assertNoKeys(result, dir) {
  for (const text of [result.stdout, result.stderr, ...readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'))]) {
    assert.ok(!text.includes(APP_TOKEN) && !text.includes(APP_ID), 'a key was written');
  }
}

test('sync without the keys in the environment exits 2 naming the variables, never their values', async (t) => {
  const dir = tempDir(t);
  const result = await runCli(['sync', 'customers', '--local', localFile(dir)], { env: { ...process.env, VOUCHERIFY_APP_ID: APP_ID, VOUCHERIFY_APP_TOKEN: '' } });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^voucherify-sync sync: VOUCHERIFY_APP_TOKEN must be set in the environment/);
  assert.ok(!result.stderr.includes(APP_ID));
});

test('sync takes no key as a flag, and refuses an unknown kind', async (t) => {
  const dir = tempDir(t);
  const flag = await runCli(['sync', 'customers', '--local', localFile(dir), '--app-token', APP_TOKEN], { env: process.env });
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /unknown option --app-token/);
  assert.ok(!flag.stderr.includes(APP_TOKEN));
  const kind = await runCli(['sync', 'vouchers', '--local', localFile(dir)], { env: process.env });
  assert.equal(kind.status, 2);
  assert.match(kind.stderr, /unknown kind "vouchers"/);
});

test('a dry run reads one export, prints the plan and what it would cost, and sends nothing', async (t) => {
  const dir = tempDir(t);
  const api = await standin({ customers: REMOTE });
  t.after(() => api.close());
  const result = await runCli(['sync', 'customers', '--local', localFile(dir), '--journal', join(dir, 'journal.ndjson'), '--poll-ms', '2'], { env: syncEnv(api) });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /dry run: nothing is sent/);
  assert.match(result.stdout, /1 × POST \/v1\/customers\/bulk\/async {2}2 records/);
  assert.match(result.stdout, /reading what Voucherify holds {2}3 through the export, against 1 page by page/);
  assert.match(result.stdout, /Nothing was sent: run again with --apply to send 1 request\./);
  assert.equal(api.actions.length, 0);
  assert.deepEqual(Object.keys(api.stats.byOperation).sort(), ['GET /v1/exports/{exp_id}', 'POST /v1/exports']);
  assert.deepEqual(readdirSync(dir).sort(), ['crm.csv', 'journal.ndjson.remote.csv'], 'a dry run starts no journal');
  assertNoKeys(result, dir);

  const json = await runCli(['sync', 'customers', '--local', localFile(dir), '--journal', join(dir, 'journal.ndjson'), '--poll-ms', '2', '--json'], { env: syncEnv(api) });
  const document = JSON.parse(json.stdout);
  assert.deepEqual(document.summary, { local: 3, remote: 2, create: 1, update: 1, unchanged: 1, conflict: 0, batches: 1 });
  assert.deepEqual(document.entries.map((entry) => [entry.key, entry.action, entry.row, entry.line]), [['kept', 'unchanged', 1, 2], ['renamed', 'update', 2, 3], ['fresh', 'create', 3, 4]]);
  assert.deepEqual(document.costs.read, { export: 3, pages: 1 });
  assert.equal(api.actions.length, 0);
});

test('--apply sends the plan and reports every record, failures with their row, line and the API reason', async (t) => {
  const dir = tempDir(t);
  const api = await standin({ customers: REMOTE, reject: (kind, record) => (record.name === 'Refused Customer' ? 'name: refused by the project' : null) });
  t.after(() => api.close());
  const file = localFile(dir, [['refused', 'Refused Customer', ''], ['', 'Without Key', '']]);
  const args = ['sync', 'customers', '--local', file, '--journal', join(dir, 'journal.ndjson'), '--poll-ms', '2', '--apply'];
  const result = await runCli([...args, '--json'], { env: syncEnv(api) });
  assert.equal(result.status, 1, result.stderr);
  const { report } = JSON.parse(result.stdout);
  assert.deepEqual(report.summary, { local: 5, created: 1, updated: 1, unchanged: 1, conflict: 1, failed: 1 });
  const refused = report.records[3];
  assert.deepEqual([refused.key, refused.outcome, refused.reason, refused.row, refused.line], ['refused', 'failed', 'invalid_payload', 4, 5]);
  assert.match(refused.message, /refused by the project/);
  assert.equal(api.store.customers.get('renamed').name, 'New Name');
  assertNoKeys(result, dir);

  // Run again: a new run finds the failed record still to create, the rest in step.
  const human = await runCli(args, { env: syncEnv(api) });
  assert.equal(human.status, 1);
  assert.match(human.stdout, /row 4, line 5, source_id "refused" +name: refused by the project/);
  assert.match(human.stdout, /created +updated +unchanged +conflict +failed\n +0 +0 +3 +1 +1/);
});

test('--apply under a tight rate limit waits instead of going over it', async (t) => {
  const dir = tempDir(t);
  const api = await standin({ customers: REMOTE, rateLimit: { calls: 4, windowMs: 1000 } });
  t.after(() => api.close());
  const result = await runCli(['sync', 'customers', '--local', localFile(dir), '--journal', join(dir, 'journal.ndjson'), '--poll-ms', '2', '--apply', '--json'], { env: syncEnv(api) });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(api.stats.overLimit, 0);
  const { calls } = JSON.parse(result.stdout);
  assert.ok(calls.calls > 4, `${calls.calls} calls, more than one window holds`);
});

test('orders are imported at most 2000 a request; held orders stay unchanged; import failures map to their rows', async (t) => {
  const dir = tempDir(t);
  const api = await standin({ reject: (kind, record) => (kind === 'orders' && record.source_id === 'ord-04321' ? 'customer: the customer is blocked' : null) });
  t.after(() => api.close());
  api.store.orders.set('ord-00007', { id: 'ord_held', source_id: 'ord-00007', status: 'PAID' });
  const rows = [];
  for (let i = 0; i < 4500; i += 1) {
    const key = `ord-${String(i).padStart(5, '0')}`;
    // Two items for every tenth order: one order, two rows.
    rows.push([key, 'PAID', `c-${i}`, 'sku-1', 'sku', '1', '10.00']);
    if (i % 10 === 0) rows.push([key, 'PAID', `c-${i}`, 'sku-2', 'sku', '2', '5.00']);
  }
  rows.push(['', 'PAID', 'c-x', 'sku-1', 'sku', '1', '10.00']);
  const file = join(dir, 'orders.csv');
  writeFileSync(file, csvText(['source_id', 'status', 'customer_source_id', 'item_source_id', 'related_object', 'quantity', 'price'], rows));
  const result = await runCli(['sync', 'orders', '--local', file, '--journal', join(dir, 'journal.ndjson'), '--poll-ms', '2', '--apply', '--json'], { env: syncEnv(api) });
  assert.equal(result.status, 1, result.stderr);
  const document = JSON.parse(result.stdout);
  assert.deepEqual(document.requests.map((request) => [request.operation, request.records]), [['POST /v1/orders/import', 2000], ['POST /v1/orders/import', 2000], ['POST /v1/orders/import', 499]]);
  assert.deepEqual(document.report.summary, { local: 4501, created: 4498, updated: 0, unchanged: 1, conflict: 1, failed: 1 });
  const failed = document.report.records.find((record) => record.outcome === 'failed');
  // Order 4321 starts on row 4321 + 433 (the second rows of orders 0, 10, ..., 4320) + 1.
  assert.deepEqual([failed.key, failed.row, failed.line], ['ord-04321', 4321 + 433 + 1, 4321 + 433 + 2]);
  assert.match(failed.message, /the customer is blocked/);
  assert.equal(document.report.records.find((record) => record.key === 'ord-00007').outcome, 'unchanged');
  assert.equal(document.report.records.at(-1).reason, 'missing_key');
  assert.equal(api.store.orders.size, 4499);
  assert.equal(api.store.orders.get('ord-00010').items.length, 2);
  assert.equal(api.store.orders.get('ord-00007').id, 'ord_held');
});

test('the progress line counts requests and calls, and its ETA includes a rate-limit wait under way', async () => {
  const { progressText } = await import('../../pkg/cli/sync.js');
  assert.equal(progressText({ phase: 'export' }), 'reading what Voucherify holds (export)');
  const line = progressText({ phase: 'send', requests: 4, sent: 2, done: 0, calls: 7, etaMs: 3_000, waitMs: 95_000 });
  assert.equal(line, '[####------------]  2/4 sent  0/4 done  7 calls  ETA 1:35  waiting for the rate limit 1:35');
  assert.ok(line.length < 100);
  assert.match(progressText({ phase: 'wait', requests: 4, sent: 4, done: 3, calls: 20, etaMs: 12_000, waitMs: 0 }), /^\[#{14}-{2}\] {2}4\/4 sent {2}3\/4 done {2}20 calls {2}ETA 0:12$/);
});

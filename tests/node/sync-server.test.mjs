// sync-server.test.mjs: the Node-only server entry against the stand-in API: the client's keys,
// rate limits and retries, applyPlan's accounting of every record, the metadata requests, the
// lookup of a request whose answer was lost, and the journal.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { planSync } from '../../pkg/node.js';
import { applyPlan, createServerClient, openJournal, planSends, syncRecords } from '../../pkg/server.js';
import { startStandin } from './standin-api.mjs';

const KEYS = { appId: 'id-3c1f0a', appToken: 'token-secret-7b2e99d1' };
const env = (api) => ({ VOUCHERIFY_APP_ID: KEYS.appId, VOUCHERIFY_APP_TOKEN: KEYS.appToken, VOUCHERIFY_API_URL: api.url });
const fast = { pollMs: 2, maxPollMs: 20 };

function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'voucherify-sync-server-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function standin(t, options = {}) {
  const api = await startStandin({ ...KEYS, actionMs: 2, exportMs: 2, ...options });
  t.after(() => api.close());
  return api;
}

test('createServerClient needs both keys from the environment and never shows them', () => {
  assert.throws(
    () => createServerClient({ env: { VOUCHERIFY_APP_ID: KEYS.appId } }),
    (error) => error.code === 'missing_credentials' && /VOUCHERIFY_APP_TOKEN/.test(error.message) && !error.message.includes(KEYS.appId),
  );
  const client = createServerClient({ env: { VOUCHERIFY_APP_ID: KEYS.appId, VOUCHERIFY_APP_TOKEN: KEYS.appToken } });
  assert.equal(client.apiUrl, 'https://api.voucherify.io/');
  for (const shown of [JSON.stringify(client), inspect(client, { showHidden: true, depth: 5 }), Object.keys(client).join()]) {
    assert.ok(!shown.includes(KEYS.appToken) && !shown.includes(KEYS.appId), shown);
  }
});

test('createServerClient refuses plain HTTP except on this machine, and URLs with credentials', () => {
  const keys = { VOUCHERIFY_APP_ID: KEYS.appId, VOUCHERIFY_APP_TOKEN: KEYS.appToken };
  assert.throws(() => createServerClient({ env: { ...keys, VOUCHERIFY_API_URL: 'http://api.voucherify.io' } }), (error) => error.code === 'invalid_options');
  assert.throws(() => createServerClient({ env: { ...keys, VOUCHERIFY_API_URL: 'https://user:pw@api.voucherify.io' } }), (error) => error.code === 'invalid_options');
  assert.equal(createServerClient({ env: { ...keys, VOUCHERIFY_API_URL: 'http://127.0.0.1:9/' } }).apiUrl, 'http://127.0.0.1:9/');
});

test('the client waits for the rate limit window instead of going over it', async (t) => {
  const api = await standin(t, { rateLimit: { calls: 3, windowMs: 1000 } });
  const client = createServerClient({ env: env(api) });
  for (let i = 0; i < 7; i += 1) await client.get('/v1/async-actions?limit=1');
  assert.equal(api.stats.overLimit, 0, 'no call beyond X-Rate-Limit-Remaining');
  assert.equal(client.calls.calls, 7);
  assert.ok(client.rateLimit.waitedMs > 0, 'it waited for X-Rate-Limit-Retry');
});

test('a 429 waits for Retry-After and is sent again; reads are retried after 5xx and dropped connections', async (t) => {
  const api = await standin(t, { faults: { seed: 5, rate: 0.5, kinds: ['429', '503', 'drop-before'] } });
  const client = createServerClient({ env: env(api), retryMs: 1 });
  for (let i = 0; i < 10; i += 1) assert.equal((await client.get('/v1/async-actions?limit=1')).object, 'list');
  const injected = Object.values(api.stats.faults).reduce((sum, count) => sum + count, 0);
  assert.ok(injected > 0);
  assert.equal(client.calls.calls, 10 + injected);
});

test('a write whose connection drops is thrown as ambiguous, not sent again', async (t) => {
  const api = await standin(t, { faults: { seed: 1, rate: 1, kinds: ['drop-after'] } });
  const client = createServerClient({ env: env(api) });
  await assert.rejects(client.post('/v1/customers/bulk/async', [{ source_id: 'a' }]), (error) => error.ambiguous === true && error.code === 'network_error' && !error.message.includes(KEYS.appToken));
  assert.equal(api.stats.byOperation['POST /v1/customers/bulk/async'], 1);
});

test('applyPlan accounts for every record once: created, updated, unchanged, conflict, failed with the API reason', async (t) => {
  const remote = [
    { source_id: 'same', name: 'Same' },
    { source_id: 'renamed', name: 'Old' },
    { source_id: 'gone-later', name: 'Old' },
  ];
  const api = await standin(t, { customers: remote, reject: (kind, record) => (record.name === 'Refused' ? 'name: must not be Refused' : null) });
  const client = createServerClient({ env: env(api) });
  const local = [
    { source_id: 'same', name: 'Same' },
    { source_id: 'renamed', name: 'New' },
    { source_id: 'fresh', name: 'Fresh' },
    { source_id: 'refused', name: 'Refused' },
    { name: 'no key' },
    { source_id: 'gone-later', name: 'Newer' },
  ];
  const plan = planSync('customers', local, remote);
  // Deleted in the project after the plan was made: the report says it was not found.
  api.store.customers.delete('gone-later');
  const report = await applyPlan(client, plan, fast);
  assert.deepEqual(report.records.map(({ index, key, outcome, reason }) => [index, key, outcome, reason ?? null]), [
    [0, 'same', 'unchanged', null],
    [1, 'renamed', 'updated', null],
    [2, 'fresh', 'created', null],
    [3, 'refused', 'failed', 'invalid_payload'],
    [4, null, 'conflict', 'missing_key'],
    [5, 'gone-later', 'created', null],
  ]);
  assert.match(report.records[3].message, /must not be Refused/);
  assert.deepEqual(report.summary, { local: 6, created: 2, updated: 1, unchanged: 1, conflict: 1, failed: 1 });
  assert.equal(api.store.customers.get('renamed').name, 'New');
  assert.equal(api.store.customers.has('refused'), false);
});

test('updates that only set the same metadata go as one metadata request when that saves requests', async (t) => {
  const remote = Array.from({ length: 30 }, (_, i) => ({ source_id: `m${i}`, name: `Customer number ${i}`, metadata: { tier: 'bronze' } }));
  const api = await standin(t, { customers: remote });
  const client = createServerClient({ env: env(api) });
  const local = remote.map((record) => ({ ...record, metadata: { tier: 'gold' } }));
  const plan = planSync('customers', local, remote, { maxBodyBytes: 1024 });
  assert.ok(plan.batches.length > 1);
  const sends = planSends(plan, { maxBodyBytes: 1024 });
  assert.deepEqual(sends.map((send) => send.operation), ['POST /v1/customers/metadata/async']);
  assert.deepEqual(JSON.parse(sends[0].bytes).metadata, { tier: 'gold' });
  const report = await applyPlan(client, plan, { ...fast, maxBodyBytes: 1024 });
  assert.equal(report.summary.updated, 30);
  assert.ok([...api.store.customers.values()].every((record) => record.metadata.tier === 'gold'));
  assert.equal(planSends(plan, { maxBodyBytes: 1024, metadataBodies: false }).length, plan.batches.length);
});

test('a request whose answer was lost is found among the async actions, not sent again', async (t) => {
  let dropped = 0;
  // The first bulk request is processed, then its connection is dropped before the answer.
  const pick = (info) => (info.operation === 'POST /v1/customers/bulk/async' && (dropped += 1) === 1 ? 'drop-after' : null);
  const api = await standin(t, { faults: { pick } });
  const client = createServerClient({ env: env(api) });
  const plan = planSync('customers', [{ source_id: 'a', name: 'A' }, { source_id: 'b', name: 'B' }], []);
  const journal = join(tempDir(t), 'journal.ndjson');
  const report = await applyPlan(client, plan, { ...fast, journal });
  assert.equal(report.summary.created, 2);
  assert.deepEqual([...api.applications.values()], [1]);
  assert.equal(api.stats.byOperation['POST /v1/customers/bulk/async'], 1);
  assert.equal(api.stats.byOperation['GET /v1/async-actions'], 1);
  const entries = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(entries.map((entry) => entry.type), ['start', 'plan', 'sending', 'sent', 'result', 'done']);
  assert.equal(entries[3].found, 'async_actions');
});

test('a run continued from its journal adopts the async action of a request left at sending', async (t) => {
  const api = await standin(t);
  const client = createServerClient({ env: env(api) });
  const plan = planSync('customers', [{ source_id: 'a', name: 'A' }], []);
  const [send] = planSends(plan);
  const journal = join(tempDir(t), 'journal.ndjson');
  // What a run killed right after sending leaves: the intent, no answer; the API took the body.
  const first = openJournal(journal);
  first.append({ type: 'start' });
  const planHash = (await import('../../pkg/server/sends.js')).contentHash(`${send.operation} ${send.hash}`);
  first.append({ type: 'plan', planHash, requests: [{ operation: send.operation, hash: send.hash, records: 1 }] });
  first.append({ type: 'sending', body: 0, hash: send.hash, operation: send.operation });
  first.close();
  await client.post(send.path, send.bytes);
  appendFileSync(journal, '{"type":"sent","bo'); // a line cut short by the kill
  const report = await applyPlan(client, plan, { ...fast, journal });
  assert.equal(report.summary.created, 1);
  assert.deepEqual([...api.applications.values()], [1]);
  assert.equal(api.stats.byOperation['POST /v1/customers/bulk/async'], 1, 'the body was not sent again');
  const entries = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(entries.map((entry) => entry.type), ['start', 'plan', 'sending', 'sent', 'result', 'done']);
  assert.equal(entries[3].found, 'async_actions');
});

test('a request left at sending that the API never received is sent again', async (t) => {
  const api = await standin(t);
  const client = createServerClient({ env: env(api) });
  const plan = planSync('customers', [{ source_id: 'a', name: 'A' }], []);
  const journal = join(tempDir(t), 'journal.ndjson');
  const [send] = planSends(plan);
  const first = openJournal(journal);
  first.append({ type: 'start' });
  const { contentHash } = await import('../../pkg/server/sends.js');
  first.append({ type: 'plan', planHash: contentHash(`${send.operation} ${send.hash}`), requests: [] });
  first.append({ type: 'sending', body: 0, hash: send.hash, operation: send.operation });
  first.close();
  const report = await applyPlan(client, plan, { ...fast, journal });
  assert.equal(report.summary.created, 1);
  const types = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line).type);
  assert.deepEqual(types, ['start', 'plan', 'sending', 'unsent', 'sending', 'sent', 'result', 'done']);
});

test('an unfinished journal of another plan is refused', async (t) => {
  const api = await standin(t);
  const client = createServerClient({ env: env(api) });
  const journal = join(tempDir(t), 'journal.ndjson');
  writeFileSync(journal, `${JSON.stringify({ type: 'start' })}\n${JSON.stringify({ type: 'plan', planHash: 'other', requests: [] })}\n`);
  await assert.rejects(applyPlan(client, planSync('customers', [{ source_id: 'a' , name: 'A' }], []), { ...fast, journal }), (error) => error.code === 'journal_mismatch');
  assert.equal(api.stats.requests, 0);
});

test('syncRecords reads the project through one export, not page by page, and converges', async (t) => {
  const remote = Array.from({ length: 450 }, (_, i) => ({ source_id: `r${i}`, name: `R ${i}` }));
  const api = await standin(t, { customers: remote });
  const client = createServerClient({ env: env(api) });
  const local = [...remote.map((record, i) => (i % 9 === 0 ? { ...record, name: `Renamed ${i}` } : record)), { source_id: 'new', name: 'New', email: 'new@example.com' }];
  const journal = join(tempDir(t), 'journal.ndjson');
  const dry = await syncRecords(client, 'customers', local, { journal, ...fast });
  assert.equal(api.applications.size, 0, 'a dry run sends nothing');
  assert.deepEqual(dry.costs.read, { export: 3, pages: 5 });
  assert.equal(api.stats.byOperation['GET /v1/customers'], undefined);
  const { report } = await syncRecords(client, 'customers', local, { journal, apply: true, ...fast });
  assert.deepEqual(report.summary, { local: 451, created: 1, updated: 50, unchanged: 400, conflict: 0, failed: 0 });
  const after = await syncRecords(client, 'customers', local, { journal, ...fast });
  assert.deepEqual([after.plan.summary.create, after.plan.summary.update], [0, 0]);
  assert.ok(!readFileSync(journal, 'utf8').includes(KEYS.appToken) && !readFileSync(journal, 'utf8').includes(KEYS.appId));
});

test('a body the API refuses as too large fails its records with the reason; the other bodies go on', async (t) => {
  const api = await standin(t, { bulkLimit: 1100 });
  const client = createServerClient({ env: env(api) });
  const local = [{ source_id: 'small', name: 'Small' }, ...Array.from({ length: 12 }, (_, i) => ({ source_id: `big-${i}`, name: `A rather long customer name number ${i}` }))];
  const plan = planSync('customers', local, [], { maxBodyBytes: 1024 });
  const report = await applyPlan(client, plan, fast);
  assert.ok(report.requests.length >= 1);
  assert.equal(report.summary.failed + report.summary.created, 13);
  // 1024-byte bodies fit the stand-in's 1100-byte limit: nothing is refused.
  assert.equal(report.summary.failed, 0);
  const tight = await standin(t, { bulkLimit: 200 });
  const refused = await applyPlan(createServerClient({ env: env(tight) }), plan, fast);
  const failed = refused.records.filter((record) => record.outcome === 'failed');
  assert.ok(failed.length > 0);
  assert.deepEqual([...new Set(failed.map((record) => record.reason))], ['too_large']);
  assert.match(failed[0].message, /answered 413/);
  assert.equal(refused.summary.failed + refused.summary.created, 13);
});

test('wrong keys stop the run with the 401, and the key is not in the error', async (t) => {
  const api = await standin(t);
  const client = createServerClient({ env: { ...env(api), VOUCHERIFY_APP_TOKEN: 'wrong-token-5e5e5e' } });
  await assert.rejects(
    applyPlan(client, planSync('customers', [{ source_id: 'a', name: 'A' }], []), fast),
    (error) => error.status === 401 && /answered 401/.test(error.message) && !error.message.includes('wrong-token-5e5e5e'),
  );
  assert.equal(api.applications.size, 0);
});

test('an async action of an earlier run of the journal is never adopted by a later one', async (t) => {
  const api = await standin(t);
  const client = createServerClient({ env: env(api) });
  const journal = join(tempDir(t), 'journal.ndjson');
  const first = await applyPlan(client, planSync('customers', [{ source_id: 'a', name: 'A' }], []), { ...fast, journal });
  assert.equal(first.summary.created, 1);
  // A second run is killed right after its `sending` entry, before the request left.
  const plan = planSync('customers', [{ source_id: 'b', name: 'B' }], []);
  const [send] = planSends(plan);
  const { contentHash } = await import('../../pkg/server/sends.js');
  const second = openJournal(journal);
  second.append({ type: 'start' });
  second.append({ type: 'plan', planHash: contentHash(`${send.operation} ${send.hash}`), requests: [] });
  second.append({ type: 'sending', body: 0, hash: send.hash, operation: send.operation });
  second.close();
  const report = await applyPlan(client, plan, { ...fast, journal });
  assert.equal(report.summary.created, 1);
  assert.equal(api.store.customers.get('b')?.name, 'B', 'the body was sent, not mistaken for the first run\'s action');
  assert.deepEqual([...api.applications.values()], [1, 1]);
});

// sync-demo.mjs: a 100 000-customer sync against the stand-in API (tests/node/standin-api.mjs),
// through the real command line, and the calls it made against what reading page by page and
// writing one record at a time would cost. `node scripts/sync-demo.mjs [RECORDS]`; prints a
// table. The stand-in answers at once, so the times are this machine's, not the API's.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../tests/node/standin-api.mjs';
import { createServerClient } from '../pkg/server.js';
import { PAGE_SIZE, RATE_LIMITS } from '../pkg/server/costs.js';

const RECORDS = Number(process.argv[2] ?? 100_000);
const BIN = fileURLToPath(new URL('../pkg/bin/voucherify-sync.js', import.meta.url));
const keys = { appId: 'demo-app-id', appToken: 'demo-app-token' };

// The project holds 95 % of the shop's customers; a tenth of those changed their name.
const newFrom = Math.floor(RECORDS * 0.95);
const remote = [];
const rows = ['source_id,name,email,tier'];
for (let i = 0; i < RECORDS; i += 1) {
  const key = `crm-${String(i).padStart(7, '0')}`;
  const name = `Customer ${i}`;
  const email = `customer.${i}@example.com`;
  if (i < newFrom) remote.push({ source_id: key, name: i % 10 === 0 ? `Old ${i}` : name, email, metadata: { tier: 'silver' } });
  rows.push(`${key},${name},${email},silver`);
}
const dir = mkdtempSync(join(tmpdir(), 'voucherify-sync-demo-'));
const local = join(dir, 'customers.csv');
writeFileSync(local, `${rows.join('\n')}\n`);
const api = await startStandin({ ...keys, customers: remote, actionMs: 200, exportMs: 200 });
const env = { ...process.env, VOUCHERIFY_APP_ID: keys.appId, VOUCHERIFY_APP_TOKEN: keys.appToken, VOUCHERIFY_API_URL: api.url };

const started = Date.now();
const child = spawn(process.execPath, [BIN, 'sync', 'customers', '--local', local, '--journal', join(dir, 'journal.ndjson'), '--apply', '--json', '--poll-ms', '100'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let stdout = '';
child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
const status = await new Promise((resolve) => child.on('close', resolve));
const seconds = (Date.now() - started) / 1000;
if (status !== 0) throw new Error(`the sync exited with ${status}`);
const result = JSON.parse(stdout);

// The other way, measured against the same stand-in: reading the project page by page.
const client = createServerClient({ env });
for (let page = 1; ; page += 1) {
  const answer = await client.get(`/v1/customers?limit=${PAGE_SIZE}&page=${page}`);
  if (!answer.has_more) break;
}
const pages = client.calls.calls;
const oneByOne = result.report.summary.created + result.report.summary.updated;
const applied = [...api.applications.values()];
const inStep = [...api.store.customers.values()].filter((record) => record.name === `Customer ${Number(record.source_id.slice(4))}`).length;
await api.close();
rmSync(dir, { recursive: true, force: true });

const made = result.calls.calls;
const reads = Object.entries(result.calls.byOperation).filter(([operation]) => /exports/.test(operation)).reduce((sum, [, count]) => sum + count, 0);
const hours = (calls, limit) => (Math.max(0, Math.ceil(calls / limit.calls) - 1) * limit.windowMs) / 3_600_000;
const table = [
  ['', 'export + bulk (this sync)', 'pages + one by one'],
  ['read what the project holds', `${reads} calls`, `${pages} calls (${PAGE_SIZE} per page)`],
  ['write the changes', `${made - reads} calls (${result.requests.length} bulk request${result.requests.length === 1 ? '' : 's'})`, `${oneByOne} calls`],
  ['in all', `${made} calls`, `${pages + oneByOne} calls`],
  ['sandbox, 100 calls an hour', `${hours(made, RATE_LIMITS.sandbox).toFixed(1)} h of waiting`, `${hours(pages + oneByOne, RATE_LIMITS.sandbox).toFixed(1)} h of waiting`],
  ['Business, 100 calls a minute', `${(hours(made, RATE_LIMITS.business) * 60).toFixed(0)} min`, `${(hours(pages + oneByOne, RATE_LIMITS.business) * 60).toFixed(0)} min`],
];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
process.stdout.write(`${RECORDS} local customers, ${remote.length} in the project: ${JSON.stringify(result.report.summary)}\n`);
process.stdout.write(`calls made: ${JSON.stringify(result.calls.byOperation)}\n`);
process.stdout.write(`bodies applied by the stand-in: ${applied.length}, each ${[...new Set(applied)].join(' or ')} time(s); customers in step with the file: ${inStep} of ${RECORDS}\n`);
process.stdout.write(`${table.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n')}\n`);
process.stdout.write(`the sync took ${seconds.toFixed(1)} s on this machine (stand-in: each export and async action takes 200 ms)\n`);

// sync-readme.test.mjs: the README's sync script runs as printed (only the package specifier is
// pointed at pkg/) against the stand-in API, and does what it says.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROOT, tempDir } from './cli.mjs';
import { runCli, standin, syncEnv } from './sync-support.mjs';
import { spawn } from 'node:child_process';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SCRIPT = [...README.matchAll(/```javascript\n([\s\S]*?)```/g)].map((match) => match[1]).find((source) => source.includes('syncRecords(client'));

function runScript(file, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: join(file, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('the README sync script syncs an NDJSON file, reports what failed, and sets the exit code', async (t) => {
  assert.ok(SCRIPT, 'README.md has a script that calls syncRecords');
  const dir = tempDir(t);
  const api = await standin({ customers: [{ source_id: 'ann', name: 'Ann' }] });
  t.after(() => api.close());
  const script = join(dir, 'sync-customers.mjs');
  writeFileSync(script, SCRIPT.replaceAll(`'voucherify-sync/server'`, `'${pathToFileURL(join(ROOT, 'pkg/server.js')).href}'`));
  writeFileSync(join(dir, 'customers.ndjson'), ['{"source_id":"ann","name":"Ann Smith"}', '{"source_id":"bob","name":"Bob"}', '{"name":"nobody"}', ''].join('\n'));
  const result = await runScript(script, ['customers.ndjson'], syncEnv(api));
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^\{"local":3,"created":1,"updated":1,"unchanged":0,"conflict":1,"failed":0\} \d+ calls\n$/);
  assert.match(result.stderr, /^record 3: null: missing_key: the record has no source_id/);
  assert.equal(api.store.customers.get('ann').name, 'Ann Smith');
  assert.equal(api.store.customers.get('bob').name, 'Bob');
  // The CLI agrees that the project is now in step.
  const check = await runCli(['sync', 'customers', '--local', join(dir, 'customers.ndjson'), '--journal', join(dir, 'check.ndjson'), '--json', '--poll-ms', '2'], { env: syncEnv(api) });
  assert.deepEqual(JSON.parse(check.stdout).summary, { local: 3, remote: 2, create: 0, update: 0, unchanged: 2, conflict: 1, batches: 0 });
});

// server-entry.test.mjs: the server entry stays out of the browser: no browser or storefront
// bundle loads it (the files each page loads, as `make size` finds them), its export has no
// browser condition, and the client-side client still refuses server keys.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleFiles, readBudget } from '../../scripts/size.mjs';
import { createClient } from '../../pkg/node.js';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${PKG}package.json`, 'utf8'));
const SERVER_MARKERS = ['createServerClient', 'VOUCHERIFY_APP_TOKEN', 'applyPlan', 'async-actions'];

test('no browser bundle loads the server entry or its modules', () => {
  const bundles = Object.values(readBudget().bundles);
  assert.deepEqual(bundles.map((bundle) => bundle.entry).sort(), ['index.js', 'storefront.js']);
  for (const { entry } of bundles) {
    const files = bundleFiles(entry);
    assert.ok(files.length > 3, `${entry} loads ${files.length} files`);
    assert.deepEqual(files.filter((file) => file === 'server.js' || file.startsWith('server/') || file === 'cli/sync.js'), [], entry);
    for (const file of files.filter((name) => name.endsWith('.js'))) {
      const text = readFileSync(`${PKG}${file}`, 'utf8');
      for (const marker of SERVER_MARKERS) assert.ok(!text.includes(marker), `${entry}: ${file} holds ${marker}`);
    }
  }
});

test('voucherify-sync/server is exported for Node only, and resolves there', () => {
  assert.deepEqual(manifest.exports['./server'], { types: './server.d.ts', node: './server.js' });
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    const server = await import('voucherify-sync/server');
    console.log(JSON.stringify([import.meta.resolve('voucherify-sync/server'), Object.keys(server).sort()]));
  `], { cwd: PKG, encoding: 'utf8' });
  const [resolved, names] = JSON.parse(out);
  assert.ok(resolved.endsWith('/pkg/server.js'), resolved);
  assert.deepEqual(names, ['ServerRequestError', 'applyPlan', 'callCosts', 'createServerClient', 'exportRemote', 'openJournal', 'planOrders', 'planSends', 'readExport', 'syncRecords']);
});

test('the client-side client still refuses server keys, as options and as headers', () => {
  const options = { clientApplicationId: 'client-id', clientToken: 'client-token', origin: 'https://shop.example' };
  assert.throws(() => createClient({ ...options, appToken: 'secret-value' }), (error) => error.code === 'server_key_refused' && !error.message.includes('secret-value'));
  assert.throws(() => createClient({ ...options, headers: { 'X-App-Token': 'secret-value' } }), (error) => error.code === 'server_key_refused' && !error.message.includes('secret-value'));
});

test('no module of the server entry calls console', () => {
  const files = ['server.js', 'cli/sync.js', ...readdirSync(`${PKG}server`).map((name) => `server/${name}`)];
  assert.ok(files.length >= 10);
  for (const file of files) assert.doesNotMatch(readFileSync(`${PKG}${file}`, 'utf8'), /\bconsole\s*[.[]/, file);
});

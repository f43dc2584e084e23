// package.test.mjs: the package as a user gets it: exports that resolve, both entries with the
// same API, init() paths, declarations that match the module, the packed files, and the bin.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as nodeEntry from '../../pkg/node.js';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${PKG}package.json`, 'utf8'));

/** Runs an ES module snippet in a fresh Node process inside pkg/; returns its stdout. */
function runInPackage(source) {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: PKG, encoding: 'utf8' });
}

/** The members of a string-literal union type declared in index.d.ts. */
function declaredUnion(name) {
  const declarations = readFileSync(`${PKG}index.d.ts`, 'utf8');
  const body = declarations.match(new RegExp(`export type ${name} =([^;]*);`))[1];
  return [...body.matchAll(/'([^']*)'/g)].map((match) => match[1]);
}

test('"voucherify-sync" resolves to the Node entry and validates with no set-up', () => {
  const out = runInPackage(`
    import { validateCustomer } from 'voucherify-sync';
    const report = validateCustomer({ source_id: 'c1', birthdate: '1990-02-30' });
    console.log(JSON.stringify([import.meta.resolve('voucherify-sync'), report.issues[0].code]));
  `);
  const [resolved, code] = JSON.parse(out);
  assert.ok(resolved.endsWith('/pkg/node.js'), resolved);
  assert.equal(code, 'invalid_format');
  const manifestUrl = runInPackage(`console.log(import.meta.resolve('voucherify-sync/package.json'))`).trim();
  assert.equal(fileURLToPath(manifestUrl), `${PKG}package.json`);
});

test('package.json exports the types first, then the Node and the default entries', () => {
  assert.deepEqual(Object.keys(manifest.exports['.']), ['types', 'node', 'default']);
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.dependencies, undefined, 'no runtime dependencies');
});

test('the browser and Node entries export the same API', async () => {
  const browserEntry = await import('../../pkg/index.js');
  const names = Object.keys(nodeEntry).sort();
  assert.deepEqual(Object.keys(browserEntry).sort(), names);
  assert.deepEqual(names, [
    'VoucherifyRequestError', 'VoucherifySyncError', 'buildCustomer', 'buildCustomerStrict', 'createClient',
    'createCsvWorker', 'diffCustomer', 'init', 'issueCodes', 'listOperations', 'planSync', 'prepareStackableRequest', 'prepareStackableRequestStrict',
    'summarizeResult', 'upsertEffects', 'validateCsv', 'validateCsvWithOutputs', 'validateCustomer',
    'validateCustomerUpdate', 'validateOrder', 'validatePayload', 'validatePayloads', 'validateProduct', 'validateSku',
  ]);
  assert.equal(browserEntry.VoucherifySyncError, nodeEntry.VoucherifySyncError);
});

test('init() is idempotent in Node', async () => {
  const first = nodeEntry.init();
  assert.ok(first instanceof Promise);
  assert.equal(await first, undefined);
  await Promise.all([nodeEntry.init(), nodeEntry.init()]);
  assert.equal(nodeEntry.validateOrder({ amount: 0, items: [] }).valid, true);
});

test('the browser entry throws not_initialized until init(), then loads from given bytes once', () => {
  const out = runInPackage(`
    import { readFileSync } from 'node:fs';
    import { init, validateCustomer } from './index.js';
    let before;
    try { validateCustomer({}); } catch (error) { before = error.code; }
    const bytes = readFileSync('./wasm/voucherify_sync_bg.wasm');
    await Promise.all([init(bytes), init(bytes)]);
    await init();
    console.log(JSON.stringify([before, validateCustomer({ source_id: 'c1' }).valid]));
  `);
  assert.deepEqual(JSON.parse(out), ['not_initialized', true]);
});

test('the browser entry throws init_failed for a wasm it cannot load, and can retry', () => {
  const out = runInPackage(`
    import { readFileSync } from 'node:fs';
    import { init, validateCustomer } from './index.js';
    let failed;
    try { await init(new Uint8Array([0, 1, 2])); } catch (error) { failed = [error.name, error.code]; }
    await init(readFileSync('./wasm/voucherify_sync_bg.wasm'));
    console.log(JSON.stringify([failed, validateCustomer({}).valid]));
  `);
  assert.deepEqual(JSON.parse(out), [['VoucherifySyncError', 'init_failed'], true]);
});

test('the IssueCode and Operation types in index.d.ts match the module', () => {
  const compare = (declared, actual, what) => {
    const missing = actual.filter((name) => !declared.includes(name));
    const extra = declared.filter((name) => !actual.includes(name));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `update ${what} in pkg/index.d.ts`);
    assert.deepEqual(declared, actual, `keep ${what} in pkg/index.d.ts in documentation order`);
  };
  compare(declaredUnion('IssueCode'), nodeEntry.issueCodes(), 'IssueCode');
  compare(declaredUnion('Operation'), nodeEntry.listOperations().map((entry) => entry.operation), 'Operation');
});

test('the packed package holds the entries, the declarations and the wasm, and nothing else', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8' }));
  const files = packed.files.map((file) => file.path).sort();
  assert.deepEqual(files, [
    'LICENSE', 'README.md', 'api.js', 'bin/voucherify-sync.js', 'bridge.js', 'cli/args.js', 'cli/build-customers.js', 'cli/check-csv.js',
    'cli/check-payload.js', 'cli/files.js', 'cli/formats.js', 'cli/globs.js', 'cli/human.js', 'cli/main.js', 'cli/option-files.js', 'cli/plan.js',
    'cli/progress.js', 'cli/sync.js', 'client.js', 'csv-worker-client.js', 'csv-worker.js', 'csv.js',
    'customers.js', 'errors.js', 'index.d.ts',
    'index.js', 'node.js', 'package.json',
    'server.d.ts', 'server.js', 'server/apply.js', 'server/client.js', 'server/costs.js', 'server/export.js', 'server/journal.js',
    'server/orders.js', 'server/polling.js', 'server/rate-limit.js', 'server/results.js', 'server/sends.js', 'server/sync.js',
    'stackable.js', 'storefront-node.js', 'storefront.d.ts', 'storefront.js', 'sync.js', 'validation.js',
    'wasm-node/voucherify_sync.js', 'wasm-node/voucherify_sync_bg.wasm',
    'wasm-storefront/voucherify_sync.js', 'wasm-storefront/voucherify_sync_bg.wasm',
    'wasm/voucherify_sync.js', 'wasm/voucherify_sync_bg.wasm',
  ]);
});

test('the bin prints usage with --help and exits 2 on an unknown or missing command', () => {
  const bin = `${PKG}bin/voucherify-sync.js`;
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: voucherify-sync <command>/);
  const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  assert.equal(version.stdout.trim(), manifest.version);
  for (const args of [['frobnicate'], []]) {
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^voucherify-sync: (unknown command "frobnicate"|no command given)\n/);
  }
});

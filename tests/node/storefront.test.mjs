// storefront.test.mjs: the storefront entry (voucherify-sync/storefront): exactly the storefront
// part of the API, its own wasm without the CSV and sync exports, and the same answers as the
// full build.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as nodeEntry from '../../pkg/node.js';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const STOREFRONT_NAMES = [
  'VoucherifyRequestError', 'VoucherifySyncError', 'buildCustomer', 'buildCustomerStrict', 'createClient',
  'diffCustomer', 'init', 'issueCodes', 'listOperations', 'prepareStackableRequest', 'prepareStackableRequestStrict',
  'summarizeResult', 'upsertEffects', 'validateCustomer', 'validateCustomerUpdate', 'validateOrder', 'validatePayload',
  'validatePayloads', 'validateProduct', 'validateSku',
];

/** Runs an ES module snippet in a fresh Node process inside pkg/; returns its stdout parsed as JSON. */
function runInPackage(source) {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: PKG, encoding: 'utf8' }));
}

test('the storefront entry exports exactly the storefront API', async () => {
  const storefront = await import('../../pkg/storefront.js');
  assert.deepEqual(Object.keys(storefront).sort(), STOREFRONT_NAMES);
  for (const name of STOREFRONT_NAMES.filter((name) => name !== 'init')) {
    assert.equal(storefront[name], nodeEntry[name], `${name} is the full entry's own`);
  }
});

test('storefront.d.ts declares the same values as the module exports', () => {
  const declarations = readFileSync(`${PKG}storefront.d.ts`, 'utf8');
  const values = declarations.match(/export \{([^}]*)\} from '\.\/index\.js';/)[1];
  assert.deepEqual(values.split(',').map((name) => name.trim()).filter(Boolean).sort(), STOREFRONT_NAMES);
});

test('"voucherify-sync/storefront" resolves to the storefront entry, its types and its wasm', () => {
  const manifest = JSON.parse(readFileSync(`${PKG}package.json`, 'utf8'));
  assert.deepEqual(manifest.exports['./storefront'], { types: './storefront.d.ts', node: './storefront-node.js', default: './storefront.js' });
  const [entry, wasm] = runInPackage(`
    console.log(JSON.stringify([import.meta.resolve('voucherify-sync/storefront'), import.meta.resolve('voucherify-sync/storefront_bg.wasm')]));
  `);
  assert.equal(fileURLToPath(entry), `${PKG}storefront-node.js`, 'Node gets the entry that reads the wasm from its file');
  assert.equal(fileURLToPath(wasm), `${PKG}wasm-storefront/voucherify_sync_bg.wasm`);
});

test('"voucherify-sync/storefront" starts in Node with no set-up and answers as the Node entry does', async () => {
  const storefrontNode = await import('../../pkg/storefront-node.js');
  assert.deepEqual(Object.keys(storefrontNode).sort(), STOREFRONT_NAMES);
  const body = { source_id: 'c1', email: 'not an email', birthdate: '1990-02-30' };
  const [before, afterInit] = runInPackage(`
    import { init, validatePayload } from 'voucherify-sync/storefront';
    const before = validatePayload('POST /v1/customers', ${JSON.stringify(body)});
    await init();
    console.log(JSON.stringify([before, validatePayload('POST /v1/customers', ${JSON.stringify(body)})]));
  `);
  const expected = nodeEntry.validatePayload('POST /v1/customers', body);
  assert.deepEqual(before, expected, 'usable on import, as the main Node entry');
  assert.deepEqual(afterInit, expected, 'init() changes nothing');
  assert.deepEqual(expected.issues.map((issue) => [issue.code, issue.severity, issue.path]), [['invalid_format', 'warning', '/email'], ['invalid_format', 'error', '/birthdate']]);
});

test('the storefront wasm has no CSV, CSV-records or sync-planning exports', async () => {
  const full = Object.keys(await import('../../pkg/wasm/voucherify_sync.js'));
  const storefront = Object.keys(await import('../../pkg/wasm-storefront/voucherify_sync.js'));
  assert.deepEqual(full.filter((name) => !storefront.includes(name)).sort(), ['WasmCsvValidator', 'csvRecords', 'heapGrowths', 'planSync', 'seedHashes']);
  assert.deepEqual(storefront.filter((name) => !full.includes(name)), []);
});

test('the storefront entry throws not_initialized until init(), then answers as the full build does', () => {
  const cart = {
    codes: ['SUMMER10', ' SUMMER10 '],
    giftCards: [{ code: 'GIFT-2000', credits: 2000 }],
    items: [{ productId: 'prod_tee', price: 2500, quantity: 4 }],
    customer: { Email: 'Ann.Smith@BÜCHER.Example', Source_id: 'CRM-1001', Birthdate: '31/12/1990' },
    session: { ttl: -1.5 },
  };
  const record = { Name: '  ΟΔΥΣΣΕΥΣ  ', Email: 'ΟΔΥΣΣΕΥΣ@ΙΘΑΚΗ.GR', Phone: '020 7946 0018', visits: '12.50' };
  const options = { defaultCountry: 'GB', lowercaseEmail: true, metadataSchemas: [{ related_object: 'customer', properties: { visits: { type: 'number', lt: 10 } } }] };
  const order = { amount: 100, items: [{ product_id: 'p', quantity: 0, price: 100.5 }], metadata: { where: 'geo:52.52, 13.40', from: '91.5,0', visits: 12.5 } };
  const orderSchemas = [{ related_object: 'order', properties: { where: { type: 'geopoint' }, from: { type: 'geopoint' }, visits: { type: 'number', lt: 1e9, gte: 20.25 } } }];
  const expected = {
    before: 'not_initialized',
    customer: nodeEntry.validateCustomer({ source_id: 'c1', birthdate: '1990-02-30' }),
    order: nodeEntry.validateOrder(order, { metadataSchemas: orderSchemas }),
    ndjson: nodeEntry.validatePayloads('POST /v1/customers', '{}\n{"email":1}\nnot json\n'),
    built: nodeEntry.buildCustomer(record, options),
    prepared: nodeEntry.prepareStackableRequest(cart, { customerOptions: { dateOrder: 'dmy' } }),
    summary: nodeEntry.summarizeResult({ redeemables: [{ id: 'A', status: 'APPLICABLE', result: { discount: { type: 'AMOUNT', amount_off: 100 } } }] }),
    effects: nodeEntry.upsertEffects('POST /v1/orders', { source_id: 'o1', customer: { source_id: 'c1' } }),
    operations: nodeEntry.listOperations(),
    codes: nodeEntry.issueCodes(),
    unknown: 'unknown_operation',
  };
  const actual = runInPackage(`
    import { readFileSync } from 'node:fs';
    import * as storefront from './storefront.js';
    let before;
    try { storefront.validateCustomer({}); } catch (error) { before = error.code; }
    await storefront.init(readFileSync('./wasm-storefront/voucherify_sync_bg.wasm'));
    let unknown;
    try { storefront.validatePayload('GET /v1/customers', {}); } catch (error) { unknown = error.code; }
    console.log(JSON.stringify({
      before,
      customer: storefront.validateCustomer({ source_id: 'c1', birthdate: '1990-02-30' }),
      order: storefront.validateOrder(${JSON.stringify(order)}, { metadataSchemas: ${JSON.stringify(orderSchemas)} }),
      ndjson: storefront.validatePayloads('POST /v1/customers', '{}\\n{"email":1}\\nnot json\\n'),
      built: storefront.buildCustomer(${JSON.stringify(record)}, ${JSON.stringify(options)}),
      prepared: storefront.prepareStackableRequest(${JSON.stringify(cart)}, { customerOptions: { dateOrder: 'dmy' } }),
      summary: storefront.summarizeResult({ redeemables: [{ id: 'A', status: 'APPLICABLE', result: { discount: { type: 'AMOUNT', amount_off: 100 } } }] }),
      effects: storefront.upsertEffects('POST /v1/orders', { source_id: 'o1', customer: { source_id: 'c1' } }),
      operations: storefront.listOperations(),
      codes: storefront.issueCodes(),
      unknown,
    }));
  `);
  assert.deepEqual(actual, expected);
  assert.deepEqual(
    expected.built.issues.filter((issue) => issue.path === '/Email').map((issue) => issue.code),
    ['invalid_format'],
    'an address that is not ASCII is refused, as the WHATWG rule does',
  );
  assert.ok(expected.prepared.issues.some((issue) => issue.message.includes('actual value is -1.5')), JSON.stringify(expected.prepared.issues));
  assert.deepEqual(
    expected.order.issues.filter((issue) => issue.code.startsWith('metadata')).map((issue) => [issue.path, issue.message]),
    [
      ['/metadata/from', `from: must be a geopoint written "latitude, longitude" (actual value is '91.5,0')`],
      ['/metadata/visits', 'visits: must be greater than or equal to 20.25 (actual value is 12.5)'],
    ],
  );
});

// robustness.test.mjs: every export survives hostile arguments (a report, or a typed error), and
// the next normal call still gives the right answer; nothing in the package logs, and no thrown
// message repeats a server token it was handed.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../../pkg/node.js';
import { assertBirthdateReport, customerWithBadBirthdate, orderWithItems } from './fixtures.mjs';

const { VoucherifySyncError } = api;
const PKG = new URL('../../pkg/', import.meta.url);

// --- hostile values ----------------------------------------------------------------------------

function nested(levels) {
  const root = {};
  let node = root;
  for (let level = 0; level < levels; level += 1) node = node.child = {};
  return root;
}

const circular = { source_id: 'c1' };
circular.self = circular;

/**
 * What the caller's own code throws from inside a hostile value. The package may let it through
 * as it is (like `JSON.stringify` does) or wrap it as the `cause` of a typed error.
 */
const CALLER_ERROR = new Error('thrown by the caller\'s own code');
/** A value whose serialization runs caller code that throws. */
const throwingToJson = { toJSON() { throw CALLER_ERROR; } };
/** A value whose every property read throws. */
const throwingProxy = new Proxy({}, { get() { throw CALLER_ERROR; }, ownKeys() { throw CALLER_ERROR; }, has() { throw CALLER_ERROR; } });

/** Arguments no caller should pass, for any parameter. */
const HOSTILE = [
  ['undefined', undefined],
  ['null', null],
  ['NaN', Number.NaN],
  ['-0', -0],
  ['a bigint', 10n ** 30n],
  ['a symbol', Symbol('s')],
  ['a function', () => 1],
  ['a circular object', circular],
  ['an object whose toJSON throws', throwingToJson],
  ['a proxy that throws', throwingProxy],
  ['a lone surrogate string', '\ud800'],
  ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ['a NUL string', '\u0000'],
  ['a 2 MB string', 'x'.repeat(2 * 1024 * 1024)],
  ['10 000 nested arrays as text', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ['a 300-level nested object', nested(300)],
  ['an object with 100 000 keys', Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))],
  ['an array of 100 000 nulls', new Array(100_000).fill(null)],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "source_id": "c1"}')],
  ['a Map', new Map([['source_id', 'c1']])],
  ['a Date', new Date(0)],
];

/** Hostile options objects, for the functions that take options. */
const HOSTILE_OPTIONS = [
  ['an unknown option', { nope: true }],
  ['maxIssues of -1', { maxIssues: -1 }],
  ['maxIssues of 1e300', { maxIssues: 1e300 }],
  ['metadataSchemas of the wrong shape', { metadataSchemas: [1, 2] }],
  ['a getter that throws', Object.defineProperty({}, 'mapping', { enumerable: true, get() { throw CALLER_ERROR; } })],
  ['a string', 'options'],
  ['an array', []],
  ['a circular object', circular],
];

// --- every export, with a normal call and its right answer --------------------------------------

const cart = {
  codes: ['SUMMER10'],
  items: [{ productId: 'prod_1', quantity: 2, price: 1500 }],
  customer: { source_id: 'crm-000184' },
};
const validationResponse = {
  valid: true,
  redeemables: [{ status: 'APPLICABLE', id: 'SUMMER10', object: 'voucher', order: { amount: 3000, total_discount_amount: 300 } }],
  order: { amount: 3000, total_discount_amount: 300, total_amount: 2700 },
};
const csv = 'source_id,name,email\nc1,Maria,maria@example.com\nc2,Jan,not-an-email\n';

/** A fetch that answers every request with `body`, without any network. */
function answering(body, status = 200) {
  return async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function client(fetch = answering(validationResponse)) {
  return api.createClient({ clientApplicationId: 'app-id', clientToken: 'client-token', origin: 'shop.example.com', fetch, maxRetries: 0 });
}

/**
 * Per export: `normal()` resolves to the value a normal call gives, checked by `check` against
 * the value it gave before any hostile call; `hostile(value)` calls the export with a hostile
 * value in each argument position in turn.
 */
const EXPORTS = {
  validatePayload: {
    normal: () => api.validatePayload('POST /v1/customers', customerWithBadBirthdate),
    check: (report) => assertBirthdateReport(assert, report),
    hostile: (v) => [() => api.validatePayload(v, {}), () => api.validatePayload('POST /v1/customers', v), () => api.validatePayload('POST /v1/customers', {}, v)],
  },
  validatePayloads: {
    normal: () => api.validatePayloads('POST /v1/customers', `${JSON.stringify(customerWithBadBirthdate)}\n{"source_id":"c2"}\n`),
    hostile: (v) => [() => api.validatePayloads(v, ''), () => api.validatePayloads('POST /v1/customers', v), () => api.validatePayloads('POST /v1/customers', '{}', v)],
  },
  listOperations: { normal: () => api.listOperations(), hostile: () => [] },
  issueCodes: { normal: () => api.issueCodes(), hostile: () => [] },
  validateCustomer: {
    normal: () => api.validateCustomer(customerWithBadBirthdate),
    check: (report) => assertBirthdateReport(assert, report),
    hostile: (v) => [() => api.validateCustomer(v), () => api.validateCustomer({}, v)],
  },
  validateCustomerUpdate: {
    normal: () => api.validateCustomerUpdate({ name: 'Maria', birthdate: '1990-02-30' }),
    hostile: (v) => [() => api.validateCustomerUpdate(v), () => api.validateCustomerUpdate({}, v)],
  },
  validateProduct: {
    normal: () => api.validateProduct({ source_id: 'p1', name: 'Shirt', price: 19.99 }),
    hostile: (v) => [() => api.validateProduct(v), () => api.validateProduct({}, v)],
  },
  validateSku: {
    normal: () => api.validateSku({ source_id: 's1', sku: 'Shirt XS', price: 1999 }),
    hostile: (v) => [() => api.validateSku(v), () => api.validateSku({}, v)],
  },
  validateOrder: {
    normal: () => api.validateOrder(orderWithItems(3)),
    check: (report) => assert.equal(report.valid, true),
    hostile: (v) => [() => api.validateOrder(v), () => api.validateOrder({}, v)],
  },
  buildCustomer: {
    normal: () => api.buildCustomer({ 'E-mail': ' Maria@Example.COM ', Name: 'Maria', Birthdate: '1990-07-03' }),
    check: (built) => assert.deepEqual(built.customer, { email: 'Maria@example.com', name: 'Maria', birthdate: '1990-07-03' }),
    hostile: (v) => [() => api.buildCustomer(v), () => api.buildCustomer({ name: 'x' }, v)],
  },
  buildCustomerStrict: {
    normal: () => api.buildCustomerStrict({ source_id: 'c1', name: ' Maria ' }),
    check: (customer) => assert.deepEqual(customer, { source_id: 'c1', name: 'Maria' }),
    hostile: (v) => [() => api.buildCustomerStrict(v), () => api.buildCustomerStrict({ name: 'x' }, v)],
  },
  diffCustomer: {
    normal: () => api.diffCustomer({ id: 'cust_1', source_id: 'c1', name: 'Maria' }, { source_id: 'c1', name: 'Maria K' }),
    check: (diff) => assert.deepEqual(diff.body, { name: 'Maria K' }),
    hostile: (v) => [() => api.diffCustomer(v, {}), () => api.diffCustomer({}, v), () => api.diffCustomer({}, {}, v)],
  },
  upsertEffects: {
    normal: () => api.upsertEffects('POST /v1/orders', orderWithItems(1)),
    hostile: (v) => [() => api.upsertEffects(v, {}), () => api.upsertEffects('POST /v1/orders', v)],
  },
  prepareStackableRequest: {
    normal: () => api.prepareStackableRequest(cart),
    check: (prepared) => assert.deepEqual(prepared.body.redeemables, [{ object: 'voucher', id: 'SUMMER10' }]),
    hostile: (v) => [() => api.prepareStackableRequest(v), () => api.prepareStackableRequest(cart, v)],
  },
  prepareStackableRequestStrict: {
    normal: () => api.prepareStackableRequestStrict(cart),
    hostile: (v) => [() => api.prepareStackableRequestStrict(v), () => api.prepareStackableRequestStrict(cart, v)],
  },
  summarizeResult: {
    normal: () => api.summarizeResult(validationResponse),
    check: (summary) => assert.equal(summary.redeemables[0].status, 'applied'),
    hostile: (v) => [() => api.summarizeResult(v)],
  },
  planSync: {
    normal: () => api.planSync('customers', [{ source_id: 'c1', name: 'Maria' }], []),
    hostile: (v) => [() => api.planSync(v, []), () => api.planSync('customers', v), () => api.planSync('customers', [], v), () => api.planSync('customers', [], [], v)],
  },
  createClient: {
    normal: () => client().validate(prepareBody()),
    check: (response) => assert.deepEqual(response, validationResponse),
    hostile: (v) => [() => api.createClient(v), () => client(() => v).validate(prepareBody()), () => client().validate(v)],
  },
  validateCsv: {
    normal: () => api.validateCsv('customers', csv),
    hostile: (v) => [() => api.validateCsv(v, csv), () => api.validateCsv('customers', v), () => api.validateCsv('customers', csv, v)],
  },
  createCsvWorker: {
    // Node has no Web Workers: the right answer here is the not_supported error.
    normal: () => {
      try {
        api.createCsvWorker();
      } catch (error) {
        return error.code;
      }
      return 'created';
    },
    check: (code) => assert.equal(code, 'not_supported'),
    hostile: (v) => [() => api.createCsvWorker(v)],
  },
  validateCsvWithOutputs: {
    normal: () => api.validateCsvWithOutputs('customers', csv),
    hostile: (v) => [() => api.validateCsvWithOutputs('customers', v)],
  },
};

function prepareBody() {
  return api.prepareStackableRequest(cart).body;
}

/** Runs `call`; a thrown value or a rejection must be a typed error, or the caller's own. */
async function survive(call, label) {
  try {
    await call();
  } catch (error) {
    if (error === CALLER_ERROR) return;
    assert.ok(error instanceof VoucherifySyncError, `${label}: threw ${error?.name}: ${error?.message}`);
    assert.equal(typeof error.code, 'string', label);
  }
}

test('every function of the package is covered here', () => {
  const functions = Object.entries(api)
    .filter(([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name) && name !== 'init')
    .map(([name]) => name)
    .sort();
  assert.deepEqual(functions, Object.keys(EXPORTS).sort());
});

for (const [name, { normal, check, hostile }] of Object.entries(EXPORTS)) {
  test(`${name}: every hostile argument gives a result or a typed error, and the next call is right`, async () => {
    const baseline = await normal();
    check?.(baseline);
    const cases = [...HOSTILE, ...HOSTILE_OPTIONS];
    for (const [label, value] of cases) {
      for (const [position, call] of hostile(value).entries()) {
        await survive(call, `${name} with ${label} as argument ${position + 1}`);
        const after = await normal();
        check?.(after);
        assert.deepEqual(after, baseline, `${name} after ${label} as argument ${position + 1}`);
      }
    }
  });
}

test('a body over the 16 MiB input limit is too_large, and the module still works', () => {
  const body = `{"source_id":"c1","name":"${'x'.repeat(16 * 1024 * 1024)}"}`;
  const report = api.validatePayload('POST /v1/customers', body);
  assert.deepEqual(report.issues.map(({ code, path }) => [code, path]), [['too_large', '']]);
  assertBirthdateReport(assert, api.validatePayload('POST /v1/customers', customerWithBadBirthdate));
});

test('a report past maxIssues ends with one too_many issue that keeps valid honest', () => {
  // Keys sort before "birthdate", so its error is among the issues left out.
  const body = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`aa_unknown_${i}`, i]));
  body.birthdate = '1990-02-30';
  const report = api.validatePayload('POST /v1/customers', body, { maxIssues: 10 });
  assert.equal(report.issues.length, 11);
  const last = report.issues.at(-1);
  assert.deepEqual([last.code, last.severity, last.path], ['too_many', 'error', '']);
  assert.equal(report.valid, false);
});

// --- no logging, no echoed secrets ----------------------------------------------------------------

test('no module of the package calls console', () => {
  const files = [
    ...readdirSync(PKG).filter((file) => file.endsWith('.js')).map((file) => new URL(file, PKG)),
    ...readdirSync(new URL('bin/', PKG)).filter((file) => file.endsWith('.js')).map((file) => new URL(`bin/${file}`, PKG)),
  ];
  assert.ok(files.length >= 8, `only ${files.length} files`);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /\bconsole\s*[.[]/, `${file.pathname} mentions console`);
  }
});

const TOKEN = 'sk_live_7f3e9a1c0b2d4e6f8a9b0c1d2e3f4a5b';
const APP_ID = 'app_id_0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/**
 * Calls in which a server token is handed over where a caller might put one: client options and
 * headers, a failing transport, and the data (bodies, records, carts, responses, CSV). Options
 * that name a choice (`defaultCountry`, a metadata `type`) quote a wrong value back on purpose,
 * so that a typo can be found, and so do the strict builders' errors for a bad value in a field
 * (an email, a birthdate); those are not places for a token, and are left out (see SECURITY.md).
 */
const TOKEN_CALLS = [
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: 'client-token', origin: 'shop.example.com', headers: { 'X-App-Token': TOKEN } }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: 'client-token', origin: 'shop.example.com', headers: [['x-app-token', TOKEN], ['X-App-Id', APP_ID]] }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: TOKEN, origin: 'shop.example.com', appToken: TOKEN }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: TOKEN, origin: `shop\r\nX-App-Token: ${TOKEN}` }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: `${TOKEN}\n`, origin: 'shop.example.com' }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: TOKEN, origin: 'shop.example.com', fetch: answering({ code: 401, key: 'unauthorized', message: 'Unauthorized', details: 'bad token' }, 401), maxRetries: 0 }).validate({ redeemables: [{ object: 'voucher', id: 'X' }] }),
  () => api.createClient({ clientApplicationId: APP_ID, clientToken: TOKEN, origin: 'shop.example.com', fetch: async () => { throw new Error(`connection reset while sending X-App-Token: ${TOKEN}`); }, maxRetries: 0 }).validate({ redeemables: [{ object: 'voucher', id: 'X' }] }),
  () => api.validatePayload('POST /v1/customers', { source_id: TOKEN, email: TOKEN, metadata: { 'X-App-Token': TOKEN } }),
  () => api.validatePayload('POST /v1/customers', `{"source_id": "${TOKEN}",`),
  () => api.validatePayload('POST /v1/customers', {}, { maxIssues: TOKEN }),
  () => api.validatePayloads('POST /v1/customers', `{"x-app-token":"${TOKEN}"}\n${TOKEN}\n`),
  () => api.buildCustomer({ 'X-App-Token': TOKEN, email: TOKEN, phone: TOKEN, birthdate: TOKEN }, { defaultCountry: 'US' }),
  () => api.buildCustomerStrict({ 'X-App-Token': TOKEN, source_id: TOKEN, phone: '' }, { clearEmpty: TOKEN }),
  () => api.diffCustomer({ source_id: TOKEN }, { source_id: `${TOKEN}2` }, { keepMissing: TOKEN }),
  () => api.upsertEffects('POST /v1/orders', { customer: { source_id: TOKEN }, items: TOKEN }),
  () => api.prepareStackableRequest({ codes: [TOKEN], customer: { 'X-App-Token': TOKEN } }),
  () => api.prepareStackableRequestStrict({ codes: TOKEN }),
  () => api.summarizeResult({ error: { key: TOKEN, message: TOKEN } }),
  () => api.planSync('customers', [{ source_id: TOKEN }], null, { maxBodyBytes: TOKEN }),
  () => api.validateCsv('customers', `source_id,x-app-token\n${TOKEN},${TOKEN}\n`, { maxIssues: TOKEN }),
  () => api.validateCsvWithOutputs('customers', `source_id\n${TOKEN}\n`),
];

test('no export logs, and no thrown message repeats a server token, however it was handed over', async () => {
  const calls = [];
  const originals = {};
  for (const key of Object.keys(console)) {
    if (typeof console[key] === 'function') {
      originals[key] = console[key];
      console[key] = (...args) => calls.push([key, args]);
    }
  }
  const thrown = [];
  try {
    for (const call of TOKEN_CALLS) {
      try {
        await call();
      } catch (error) {
        thrown.push(error);
      }
    }
    for (const { normal } of Object.values(EXPORTS)) await normal();
  } finally {
    Object.assign(console, originals);
  }
  assert.deepEqual(calls.map(([key]) => key), [], 'the package wrote to the console');
  assert.ok(thrown.length >= 8, `only ${thrown.length} calls threw`);
  for (const error of thrown) {
    assert.ok(error instanceof VoucherifySyncError, `${error?.name}: ${error?.message}`);
    const visible = JSON.stringify({ message: error.message, stack: error.stack, details: error.details, path: error.path });
    assert.ok(!visible.includes(TOKEN), `${error.code}: ${error.message}`);
  }
});

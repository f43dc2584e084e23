// customers.test.mjs: the customer builder, the update diff and upsert effects through the wasm
// build, on the same CRM fixtures as the Rust tests.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  buildCustomer,
  buildCustomerStrict,
  diffCustomer,
  upsertEffects,
  validatePayload,
  VoucherifySyncError,
} from '../../pkg/node.js';

const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/crm_records.json', import.meta.url), 'utf8'));
const pairs = (issues) => issues.map((issue) => [issue.code, issue.path]).sort();

test('every CRM fixture builds the expected customer through the package', () => {
  assert.ok(FIXTURES.length >= 60);
  for (const fixture of FIXTURES) {
    const built = buildCustomer(fixture.record, fixture.options);
    assert.deepEqual(built.customer, fixture.customer, fixture.label);
    assert.deepEqual(pairs(built.issues.filter((issue) => issue.severity === 'error')), (fixture.errors ?? []).map((pair) => [...pair]).sort(), fixture.label);
    assert.deepEqual(pairs(built.issues.filter((issue) => issue.severity === 'warning')), (fixture.warnings ?? []).map((pair) => [...pair]).sort(), fixture.label);
    assert.equal(built.fields.length, Object.keys(fixture.record).length, `${fixture.label}: every key accounted for`);
    const operation = fixture.options?.clearEmpty ? 'PUT /v1/customers/{customerId}' : 'POST /v1/customers';
    const body = { ...built.customer };
    if (operation.startsWith('PUT')) delete body.source_id;
    const report = validatePayload(operation, body, { metadataSchemas: fixture.options?.metadataSchemas ?? null });
    assert.equal(report.valid, true, `${fixture.label}: ${JSON.stringify(report.issues)}`);
  }
});

test('buildCustomerStrict returns the customer, or throws invalid_record with the issues', () => {
  assert.deepEqual(buildCustomerStrict({ Email: 'Ann@Example.COM' }), { email: 'Ann@example.com' });
  assert.throws(
    () => buildCustomerStrict({ source_id: 'c1', birthdate: '03/04/1990', phone: 'call me' }, { defaultCountry: 'GB' }),
    (error) => {
      assert.ok(error instanceof VoucherifySyncError);
      assert.equal(error.code, 'invalid_record');
      assert.deepEqual(pairs(error.issues), [['ambiguous_date', '/birthdate'], ['invalid_format', '/phone']]);
      return true;
    },
  );
});

test('the builder refuses records that are not objects and bad options, with typed errors', () => {
  for (const record of [null, [], 'a,b', 3, undefined]) {
    assert.throws(() => buildCustomer(record), (error) => error instanceof VoucherifySyncError && error.code === 'invalid_argument');
  }
  for (const options of [{ defaultCountry: 'XX' }, { dateOrder: 'ymd' }, { mapping: { a: 'nickname' } }, { clear_empty: true }]) {
    assert.throws(() => buildCustomer({}, options), (error) => error instanceof VoucherifySyncError && error.code === 'invalid_options');
  }
  assert.equal(buildCustomer({ source_id: 'still works' }).valid, true);
});

test('a record, customer, cart or response over 16 MiB is refused with too_large, and the module keeps working', async () => {
  const { prepareStackableRequest, summarizeResult } = await import('../../pkg/node.js');
  const huge = 'x'.repeat(17 * 1024 * 1024);
  for (const call of [
    () => buildCustomer({ name: huge }),
    () => diffCustomer({ name: huge }, {}),
    () => prepareStackableRequest({ codes: [huge] }),
    () => summarizeResult({ redeemables: [], note: huge }),
  ]) {
    assert.throws(call, (error) => error instanceof VoucherifySyncError && error.code === 'too_large');
    assert.deepEqual(buildCustomer({ Email: 'A@B.IO' }).customer, { email: 'A@b.io' });
  }
});

test('diffCustomer sends only what changed and refuses a source_id change', () => {
  const stored = {
    id: 'cust_1', object: 'customer', source_id: 'c1', name: 'Ann', email: 'ann@x.io', phone: '1',
    address: { city: 'Oslo', line_1: null }, metadata: { tier: 'gold', old: true }, created_at: '2024-01-01T00:00:00Z',
  };
  const local = { source_id: 'c1', name: 'Ann', email: 'ann@y.io', address: { city: 'Oslo' }, metadata: { tier: 'gold' } };
  assert.deepEqual(diffCustomer(stored, local), { valid: true, body: { email: 'ann@y.io', phone: null, metadata: { old: null } }, issues: [] });
  assert.deepEqual(diffCustomer(stored, local, { keepMissing: true }).body, { email: 'ann@y.io' });
  assert.equal(diffCustomer(stored, { ...stored }).body, null);
  const moved = diffCustomer(stored, { ...local, source_id: 'c2' });
  assert.equal(moved.valid, false);
  assert.deepEqual(pairs(moved.issues), [['immutable_field', '/source_id']]);
  assert.match(moved.issues[0].message, /delete the customer and create it again/);
  const body = diffCustomer(stored, local).body;
  assert.equal(validatePayload('PUT /v1/customers/{customerId}', body).valid, true);
  assert.throws(() => diffCustomer('x', {}), (error) => error.code === 'invalid_argument');
  assert.throws(() => diffCustomer({}, {}, { keep: true }), (error) => error.code === 'invalid_options');
});

test('upsertEffects lists the writes of an order and warns about product data without override', () => {
  const { effects, issues } = upsertEffects('POST /v1/orders', {
    source_id: 'ord-1',
    customer: { source_id: 'c1' },
    items: [{ product: { source_id: 'p1', override: true, price: 100 } }, { product_id: 'prod_2', product: { name: 'Cap' } }],
  });
  assert.deepEqual(effects.map((e) => [e.resource, e.action, e.key, e.value, e.path]), [
    ['order', 'upsert', 'source_id', 'ord-1', ''],
    ['customer', 'upsert', 'source_id', 'c1', '/customer'],
    ['product', 'upsert', 'source_id', 'p1', '/items/0/product'],
  ]);
  assert.deepEqual(pairs(issues), [['not_persisted', '/items/1/product']]);
  assert.deepEqual(upsertEffects('POST /client/v1/validations', { redeemables: [], customer: { source_id: 'c' } }).effects, []);
  assert.throws(() => upsertEffects('GET /v1/orders', {}), (error) => error.code === 'unknown_operation');
});

// sync.test.mjs: sync planning through the wasm build.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planSync, validatePayload, VoucherifySyncError } from '../../pkg/node.js';

test('planSync puts every local record in one bucket and packs valid bulk bodies', () => {
  const remote = { object: 'list', customers: [{ id: 'cust_1', source_id: 'c1', name: 'Ann', object: 'customer' }] };
  const local = [
    { source_id: 'c1', name: 'Ann' },
    { source_id: 'c1x', Name: 'New  Person', Email: 'New@Example.COM' },
    { name: 'no key' },
  ];
  const plan = planSync('customers', local, remote);
  assert.deepEqual(plan.entries.map((e) => [e.index, e.action, e.reason]), [
    [0, 'unchanged', null],
    [1, 'create', null],
    [2, 'conflict', 'missing_key'],
  ]);
  assert.deepEqual(plan.summary, { local: 3, remote: 1, create: 1, update: 0, unchanged: 1, conflict: 1, batches: 1 });
  assert.equal(plan.operation, 'POST /v1/customers/bulk/async');
  assert.deepEqual(plan.batches, [[{ source_id: 'c1x', name: 'New Person', email: 'New@example.com' }]]);
  assert.equal(validatePayload(plan.operation, plan.batches[0]).valid, true);
});

test('planSync refuses a bad kind, records that are not lists, and bad options', () => {
  assert.throws(() => planSync('orders', []), (e) => e instanceof VoucherifySyncError && e.code === 'invalid_argument');
  assert.throws(() => planSync('customers', { nope: 1 }), (e) => e.code === 'invalid_argument');
  assert.throws(() => planSync('products', [], [], { priceUnit: 'euros' }), (e) => e.code === 'invalid_options');
  assert.equal(planSync('products', [], null).summary.local, 0);
});

// validate.test.mjs: validatePayload and the named helpers, through the Node entry with no set-up.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  issueCodes,
  listOperations,
  validateCustomer,
  validateCustomerUpdate,
  validateOrder,
  validatePayload,
  validateProduct,
  validateSku,
} from '../../pkg/node.js';
import { assertBirthdateReport, customerWithBadBirthdate, orderWithItems } from './fixtures.mjs';

const encode = (value) => new TextEncoder().encode(JSON.stringify(value));

test('validates a 20-item order with no set-up', () => {
  assert.deepEqual(validatePayload('POST /v1/orders', orderWithItems(20)), { valid: true, issues: [] });
});

test('reports an impossible customer birthdate at its path', () => {
  assertBirthdateReport(assert, validatePayload('POST /v1/customers', customerWithBadBirthdate));
});

test('an object, its JSON string and its UTF-8 bytes give identical reports', () => {
  const bodies = [orderWithItems(3), { ...orderWithItems(2), amount: 1 }, customerWithBadBirthdate, [], null];
  for (const body of bodies) {
    const fromObject = validatePayload('POST /v1/orders', body);
    assert.deepEqual(validatePayload('POST /v1/orders', JSON.stringify(body)), fromObject);
    assert.deepEqual(validatePayload('POST /v1/orders', encode(body)), fromObject);
    assert.deepEqual(validatePayload('POST /v1/orders', Buffer.from(JSON.stringify(body))), fromObject);
  }
});

test('each named helper validates its own operation', () => {
  const body = { source_id: 'x-1', name: 'x', price: 100, birthdate: '1990-02-30' };
  const helpers = [
    [validateCustomer, 'POST /v1/customers'],
    [validateCustomerUpdate, 'PUT /v1/customers/{customerId}'],
    [validateProduct, 'POST /v1/products'],
    [validateSku, 'POST /v1/products/{productId}/skus'],
    [validateOrder, 'POST /v1/orders'],
  ];
  for (const [helper, operation] of helpers) {
    assert.deepEqual(helper(body), validatePayload(operation, body), operation);
  }
});

test('accepts a concrete path in place of the template', () => {
  const report = validatePayload('put /v1/customers/cust_123', { source_id: 'new-id' });
  assert.deepEqual(report.issues.map((issue) => [issue.code, issue.path]), [['immutable_field', '/source_id']]);
});

test('lists the operations with summaries, and every issue code once', () => {
  const operations = listOperations();
  assert.ok(operations.length >= 16);
  assert.equal(new Set(operations.map((entry) => entry.operation)).size, operations.length);
  for (const { operation, summary } of operations) {
    assert.match(operation, /^(POST|PUT) \//);
    assert.equal(typeof summary, 'string');
  }
  const codes = issueCodes();
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(codes.every((code) => /^[a-z][a-z0-9_]*$/.test(code)), 'codes are snake_case');
  assert.ok(codes.includes('amount_mismatch'));
});

test('checks metadata against the schemas in the options, and sees changed options', () => {
  const options = {
    metadataSchemas: {
      schemas: [{ related_object: 'customer', properties: { tier: { type: 'string', eq: ['gold', 'silver'] } } }],
    },
  };
  const body = { source_id: 'c1', metadata: { tier: 'platinum' } };
  assert.deepEqual(validateCustomer(body).issues, []);
  const report = validateCustomer(body, options);
  assert.deepEqual(report.issues.map((issue) => [issue.code, issue.path]), [['metadata_not_allowed', '/metadata/tier']]);
  assert.deepEqual(validateCustomer(body, options), report, 'the cached validator gives the same report');
  options.metadataSchemas.schemas[0].properties.tier.eq.push('platinum');
  assert.deepEqual(validateCustomer(body, options).issues, [], 'a changed options object is read again');
});

// errors.test.mjs: every misuse throws a real Error, a VoucherifySyncError with a stable code.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateCustomer, validatePayload, validatePayloads, VoucherifySyncError } from '../../pkg/node.js';

/** Asserts that `run` throws a VoucherifySyncError with `code`. */
function assertThrowsCode(run, code) {
  assert.throws(run, (error) => {
    assert.ok(error instanceof Error, 'an Error, not a string');
    assert.ok(error instanceof VoucherifySyncError);
    assert.equal(error.name, 'VoucherifySyncError');
    assert.equal(error.code, code);
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0 && !error.message.endsWith('.'), error.message);
    assert.ok(error.stack.includes('VoucherifySyncError'));
    return true;
  });
}

const circular = { name: 'loop' };
circular.self = circular;

test('an unknown operation throws unknown_operation', () => {
  for (const operation of ['GET /v1/customers', 'POST /v2/orders', '', 'POST']) {
    assertThrowsCode(() => validatePayload(operation, {}), 'unknown_operation');
  }
});

test('an operation that is not a string throws invalid_argument', () => {
  for (const operation of [undefined, null, 42, { operation: 'POST /v1/customers' }]) {
    assertThrowsCode(() => validatePayload(operation, {}), 'invalid_argument');
  }
});

test('bad options throw invalid_options', () => {
  const cases = [{ metadataSchema: {} }, { maxIssues: -1 }, { maxIssues: 'ten' }, 'strict', 7, [], circular, { maxIssues: 1n }];
  for (const options of cases) assertThrowsCode(() => validateCustomer({}, options), 'invalid_options');
  const badSchema = { metadataSchemas: { schemas: [{ related_object: 'customer', properties: { a: { type: 'nope' } } }] } };
  assertThrowsCode(() => validateCustomer({}, badSchema), 'invalid_options');
});

test('a body with no JSON form throws invalid_argument', () => {
  for (const body of [undefined, circular, 10n, { total: 10n }, () => {}, Symbol('body')]) {
    assertThrowsCode(() => validateCustomer(body), 'invalid_argument');
  }
});

test('NDJSON that is neither text nor bytes throws invalid_argument', () => {
  for (const ndjson of [undefined, null, [{}], { lines: [] }, 3]) {
    assertThrowsCode(() => validatePayloads('POST /v1/orders', ndjson), 'invalid_argument');
  }
});

test('the error keeps the cause of a failed serialization', () => {
  try {
    validateCustomer(circular);
    assert.fail('expected a throw');
  } catch (error) {
    assert.ok(error.cause instanceof TypeError);
    assert.equal('path' in error, false);
  }
});

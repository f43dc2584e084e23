// json-boundary.test.mjs: the forms a JSON argument can take (an object, JSON text, UTF-8 bytes)
// are judged alike: a lone surrogate, a leading byte order mark; and prepareStackableRequest caps
// its issues at maxIssues as other reports do.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareStackableRequest, summarizeResult, upsertEffects, validatePayload, validatePayloads } from '../../pkg/node.js';

const BOM = '\uFEFF';

test('a lone surrogate in JSON text is invalid_json, as in the same object', () => {
  for (const name of ['a\uD800b', 'tail\uDC00', '\uDBFF']) {
    const object = validatePayload('POST /v1/customers', { source_id: 'c1', name });
    const text = validatePayload('POST /v1/customers', JSON.stringify({ source_id: 'c1' }).slice(0, -1) + `,"name":"${name}"}`);
    assert.equal(object.valid, false);
    assert.deepEqual(object.issues.map((issue) => [issue.code, issue.path]), [['invalid_json', '']]);
    assert.deepEqual(text, object, JSON.stringify(name));
  }
  // A surrogate pair is a character like any other.
  assert.equal(validatePayload('POST /v1/customers', '{"name":"\uD83D\uDE00"}').valid, true);
  const ndjson = validatePayloads('POST /v1/customers', '{"name":"ok"}\n{"name":"\uD800"}\n');
  assert.deepEqual(ndjson.issues.map((issue) => [issue.line, issue.code]), [[2, 'invalid_json']]);
});

test('summarizeResult and upsertEffects skip a leading byte order mark, as validation does', () => {
  const response = { valid: true, redeemables: [{ status: 'APPLICABLE', id: 'CODE1', object: 'voucher', result: { discount: { type: 'AMOUNT', amount_off: 500 } } }], order: { amount: 10_000 } };
  const text = JSON.stringify(response);
  assert.deepEqual(summarizeResult(BOM + text), summarizeResult(response));
  const body = { source_id: 'c1', name: 'Ann' };
  const effects = upsertEffects('POST /v1/customers', body);
  assert.equal(effects.effects.length, 1);
  assert.deepEqual(upsertEffects('POST /v1/customers', BOM + JSON.stringify(body)), effects);
  assert.equal(validatePayload('POST /v1/customers', BOM + JSON.stringify(body)).valid, true);
});

test('prepareStackableRequest lists at most maxIssues issues, then a too_many summary', () => {
  const cart = { codes: Array.from({ length: 30 }, (_, i) => ({ bad: i })), items: Array.from({ length: 30 }, () => ({ quantity: -1 })) };
  const full = prepareStackableRequest(cart);
  assert.ok(full.issues.length > 10, `${full.issues.length} issues`);
  const capped = prepareStackableRequest(cart, { maxIssues: 5 });
  assert.equal(capped.valid, false);
  assert.deepEqual(capped.issues.slice(0, 5), full.issues.slice(0, 5));
  assert.equal(capped.issues.length, 6);
  assert.deepEqual([capped.issues[5].code, capped.issues[5].severity, capped.issues[5].path], ['too_many', 'error', '']);
  assert.match(capped.issues[5].message, new RegExp(`^${full.issues.length - 5} more issues`));
  assert.deepEqual(capped.body, full.body);
});

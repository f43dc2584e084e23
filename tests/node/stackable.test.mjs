// stackable.test.mjs: request preparation and result summaries through the wasm build.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  prepareStackableRequest,
  prepareStackableRequestStrict,
  summarizeResult,
  VoucherifySyncError,
} from '../../pkg/node.js';

test('a cart becomes the request body, with amounts computed from price and quantity', () => {
  const prepared = prepareStackableRequest({
    codes: ['SUMMER10'],
    giftCards: [{ code: 'GIFT-1', credits: 2000 }],
    items: [{ productId: 'prod_1', price: 1500, quantity: 2 }],
    customer: { source_id: 'c1' },
    session: true,
  });
  assert.equal(prepared.valid, true, JSON.stringify(prepared.issues));
  assert.deepEqual(prepared.body, {
    redeemables: [{ object: 'voucher', id: 'SUMMER10' }, { object: 'voucher', id: 'GIFT-1', gift: { credits: 2000 } }],
    order: { amount: 3000, items: [{ product_id: 'prod_1', price: 1500, quantity: 2, amount: 3000 }] },
    customer: { source_id: 'c1' },
    session: { type: 'LOCK' },
  });
  assert.deepEqual(prepared.applicationOrder.map((p) => [p.id, p.position, p.skippedBecause]), [['SUMMER10', 0, null], ['GIFT-1', 1, null]]);
});

test('the stacking rules mark what will be skipped', () => {
  const prepared = prepareStackableRequest({ codes: ['A', 'B'] }, { stackingRules: { applicable_redeemables_limit: 1 } });
  assert.deepEqual(prepared.issues.map((i) => [i.code, i.severity, i.path]), [['skipped_by_stacking_rules', 'warning', '/body/redeemables/1']]);
  assert.equal(prepared.applicationOrder[1].skippedBecause, 'applicable_redeemables_limit_exceeded');
});

test('prepareStackableRequestStrict throws invalid_cart with the issues', () => {
  assert.throws(
    () => prepareStackableRequestStrict({ codes: ['', 'A\nB'] }),
    (error) => {
      assert.ok(error instanceof VoucherifySyncError);
      assert.equal(error.code, 'invalid_cart');
      assert.deepEqual(error.issues.map((i) => [i.code, i.path]), [['empty_value', '/codes/0'], ['invalid_format', '/codes/1'], ['too_few', '/body/redeemables']]);
      return true;
    },
  );
  assert.deepEqual(prepareStackableRequestStrict({ promotionTiers: ['promo_1'] }), { redeemables: [{ object: 'promotion_tier', id: 'promo_1' }] });
  assert.throws(() => prepareStackableRequest([]), (error) => error.code === 'invalid_argument');
  assert.throws(() => prepareStackableRequest({}, { stackingRules: { redeemables_limit: 99 } }), (error) => error.code === 'invalid_options');
});

test('summarizeResult reads a validation response, given as an object or as JSON text', () => {
  const response = {
    valid: false,
    redeemables: [
      { status: 'APPLICABLE', id: 'A', object: 'voucher', result: { discount: { type: 'AMOUNT', amount_off: 500 } }, order: { total_applied_discount_amount: 500 } },
      { status: 'INAPPLICABLE', id: 'B', object: 'voucher', result: { error: { code: 404, key: 'not_found', message: 'Resource not found', details: 'Cannot find voucher with id B' } } },
    ],
    order: { amount: 5000, total_discount_amount: 500, total_amount: 4500 },
  };
  for (const input of [response, JSON.stringify(response)]) {
    const summary = summarizeResult(input);
    assert.deepEqual(summary.redeemables.map((r) => [r.id, r.status, r.reasonKey, r.discountAmount]), [
      ['A', 'applied', null, 500],
      ['B', 'inapplicable', 'not_found', null],
    ]);
    assert.deepEqual(summary.totals, { amount: 5000, discountAmount: 500, totalAmount: 4500 });
  }
  assert.throws(() => summarizeResult({ code: 400 }), (error) => error.code === 'invalid_argument');
});

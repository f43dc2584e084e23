// stackable.js: preparing stackable validation and redemption bodies from a cart, and reading
// the API's answers as one line per redeemable.

import { VoucherifySyncError } from './errors.js';
import { call, handleFor, jsonText, loaded, valueBytes } from './bridge.js';

/**
 * Turns a cart into the body of a stackable validation or redemption and checks it against the
 * contract and the stacking rules. Issue paths point into the cart, or into the body under
 * `/body`; `applicationOrder` is the order the API will apply the redeemables in.
 * @param {object} cart `{ codes, giftCards, loyaltyCards, promotionTiers, promotionStack, items, customer, trackingId, session, metadata, expand }`
 * @param {object} [options] `{ stackingRules?, categories?, operation?, customerOptions?, metadataSchemas?, maxIssues? }`
 * @returns {{ valid: boolean, body: object, issues: object[], applicationOrder: object[] }}
 */
export function prepareStackableRequest(cart, options) {
  const preparer = handleFor('WasmStackablePreparer', options);
  const bytes = valueBytes(cart, 'the cart');
  return call(() => preparer.prepare(bytes));
}

/**
 * Like {@link prepareStackableRequest}, but returns the body and throws a `VoucherifySyncError`
 * with code `invalid_cart` and the `issues` when any issue is an error.
 */
export function prepareStackableRequestStrict(cart, options) {
  const prepared = prepareStackableRequest(cart, options);
  if (!prepared.valid) {
    const first = prepared.issues.find((issue) => issue.severity === 'error');
    throw new VoucherifySyncError('invalid_cart', `the cart cannot be sent: ${first.path || '(cart)'} ${first.message}`, {
      path: first.path,
      issues: prepared.issues,
    });
  }
  return prepared.body;
}

/**
 * Reads a validation or redemption response as one entry per requested redeemable: applied,
 * skipped or inapplicable, the API's reason, and what it produced; plus the order totals.
 * @param {object | string} response the response body
 */
export function summarizeResult(response) {
  const bindings = loaded();
  const bytes = typeof response === 'string' ? jsonText(response) : valueBytes(response, 'the response');
  return call(() => bindings.summarizeResult(bytes));
}

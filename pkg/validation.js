// validation.js: payload validation, keyed by the API operation, for one body or NDJSON.

import { VoucherifySyncError } from './errors.js';
import { answer, asBytes, bodyBytes, call, callReport, describe, handleFor, jsonText, loaded } from './bridge.js';

/**
 * Validates one request body of `operation` and returns the report; problems in the body are
 * issues in the report, never exceptions.
 * @param {string} operation `"METHOD /path"`, a key of `listOperations()` or a concrete path
 * @param {unknown} body a JSON value, a JSON string, or UTF-8 JSON bytes
 * @param {object} [options] `{ metadataSchemas?, maxIssues? }`
 * @returns {{ valid: boolean, issues: object[] }}
 */
export function validatePayload(operation, body, options) {
  const validator = handleFor('WasmValidator', options);
  expectOperation(operation);
  const bytes = bodyBytes(body);
  return callReport(() => validator.validate(operation, bytes));
}

/**
 * Validates NDJSON, one body of `operation` per line; issues carry their 1-based line number,
 * and the counts stay exact when the issue list is cut at `maxIssues`.
 * @param {string} operation `"METHOD /path"`
 * @param {string | Uint8Array} ndjson the lines, as text or UTF-8 bytes
 * @param {object} [options] `{ metadataSchemas?, maxIssues? }`
 * @returns {object} the NDJSON report
 */
export function validatePayloads(operation, ndjson, options) {
  const validator = handleFor('WasmValidator', options);
  expectOperation(operation);
  const bytes = typeof ndjson === 'string' ? jsonText(ndjson) : asBytes(ndjson);
  if (bytes === undefined) {
    throw new VoucherifySyncError(
      'invalid_argument',
      `ndjson must be a string or a Uint8Array, not ${describe(ndjson)}`,
    );
  }
  return call(() => validator.validateNdjson(operation, bytes));
}

/**
 * The operations this package validates.
 * @returns {{ operation: string, summary: string }[]}
 */
export function listOperations() {
  return answer(loaded().listOperations());
}

/**
 * Every issue code a report can contain, in documentation order.
 * @returns {string[]}
 */
export function issueCodes() {
  return answer(loaded().issueCodes());
}

/**
 * Validates the body of `POST /v1/customers`.
 * @param {unknown} body @param {object} [options]
 */
export function validateCustomer(body, options) {
  return validatePayload('POST /v1/customers', body, options);
}

/**
 * Validates the body of `PUT /v1/customers/{customerId}`.
 * @param {unknown} body @param {object} [options]
 */
export function validateCustomerUpdate(body, options) {
  return validatePayload('PUT /v1/customers/{customerId}', body, options);
}

/**
 * Validates the body of `POST /v1/products`.
 * @param {unknown} body @param {object} [options]
 */
export function validateProduct(body, options) {
  return validatePayload('POST /v1/products', body, options);
}

/**
 * Validates the body of `POST /v1/products/{productId}/skus`.
 * @param {unknown} body @param {object} [options]
 */
export function validateSku(body, options) {
  return validatePayload('POST /v1/products/{productId}/skus', body, options);
}

/**
 * Validates the body of `POST /v1/orders`.
 * @param {unknown} body @param {object} [options]
 */
export function validateOrder(body, options) {
  return validatePayload('POST /v1/orders', body, options);
}


/** Throws `invalid_argument` unless `operation` is a string (the core checks the rest). */
export function expectOperation(operation) {
  if (typeof operation !== 'string') {
    throw new VoucherifySyncError(
      'invalid_argument',
      `operation must be a string such as "POST /v1/customers", not ${describe(operation)}`,
    );
  }
}

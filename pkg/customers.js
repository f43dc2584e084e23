// customers.js: building customer objects from flat records, the minimal update between a
// stored and a local customer, and the writes a request performs.

import { VoucherifySyncError } from './errors.js';
import { call, handleFor, jsonText, loaded, valueBytes } from './bridge.js';
import { expectOperation } from './validation.js';

/**
 * Builds a clean customer object from a flat record (a CRM row, a signup form, a CSV row as an
 * object). Problems come back as issues whose paths point at record keys; `fields` says where
 * every record key went.
 * @param {Record<string, unknown>} record
 * @param {object} [options] `{ mapping?, lowercaseEmail?, defaultCountry?, dateOrder?, clearEmpty?, metadataSchemas? }`
 * @returns {{ valid: boolean, customer: object, issues: object[], fields: object[] }}
 */
export function buildCustomer(record, options) {
  const builder = handleFor('WasmCustomerBuilder', options);
  const bytes = valueBytes(record, 'the record');
  return call(() => builder.build(bytes));
}

/**
 * Like {@link buildCustomer}, but returns the customer object and throws a
 * `VoucherifySyncError` with code `invalid_record` and the `issues` when any issue is an error.
 */
export function buildCustomerStrict(record, options) {
  const built = buildCustomer(record, options);
  if (!built.valid) {
    const first = built.issues.find((issue) => issue.severity === 'error');
    throw new VoucherifySyncError('invalid_record', `the record cannot make a valid customer: ${first.path} ${first.message}`, {
      path: first.path,
      issues: built.issues,
    });
  }
  return built.customer;
}

/**
 * The smallest `PUT /v1/customers/{customerId}` body that turns `stored` (the API's customer
 * object) into `local`; `body` is null when nothing changed. A `source_id` that differs is an
 * `immutable_field` error: delete the customer and create it again.
 * @param {object} stored @param {object} local
 * @param {{ keepMissing?: boolean }} [options]
 * @returns {{ valid: boolean, body: object | null, issues: object[] }}
 */
export function diffCustomer(stored, local, options) {
  const bindings = loaded();
  const storedBytes = valueBytes(stored, 'stored');
  const localBytes = valueBytes(local, 'local');
  const optionBytes = options === undefined ? new Uint8Array(0) : valueBytes(options, 'options');
  return call(() => bindings.diffCustomer(storedBytes, localBytes, optionBytes));
}

/**
 * The writes the API performs for `body` sent to `operation`: customers, products, SKUs and
 * orders created or updated, with the key they are matched by, and warnings about what the
 * request will not do.
 * @param {string} operation @param {unknown} body
 * @returns {{ effects: object[], issues: object[] }}
 */
export function upsertEffects(operation, body) {
  const bindings = loaded();
  expectOperation(operation);
  const bytes = typeof body === 'string' ? jsonText(body) : valueBytes(body, 'the body');
  return call(() => bindings.upsertEffects(operation, bytes));
}

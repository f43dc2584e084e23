// sync.js: sync planning: which local records to create, update or leave alone, the conflicts,
// and the bulk request bodies that carry the changes.

import { VoucherifySyncError } from './errors.js';
import { call, loaded, utf8, valueBytes } from './bridge.js';

/**
 * Plans a sync of the shop's records against what Voucherify holds. Every local record lands in
 * exactly one bucket (`create`, `update`, `unchanged`, `conflict` with a reason); the changes are
 * packed into `POST /v1/{customers,products}/bulk/async` bodies under the size limit. Nothing is
 * sent.
 * @param {'customers' | 'products'} kind
 * @param {object[] | object} local records (objects or flat rows), or a list response
 * @param {object[] | object | null} [remote] what Voucherify holds: records or a list response
 * @param {object} [options] `{ customerOptions?, priceUnit?, maxBodyBytes?, metadataSchemas? }`
 */
export function planSync(kind, local, remote, options) {
  const bindings = loaded();
  if (typeof kind !== 'string') {
    throw new VoucherifySyncError('invalid_argument', 'kind must be "customers" or "products"');
  }
  const localBytes = valueBytes(local, 'local');
  const remoteBytes = remote === undefined || remote === null ? utf8('null') : valueBytes(remote, 'remote');
  const optionBytes = options === undefined ? new Uint8Array(0) : valueBytes(options, 'options');
  return call(() => bindings.planSync(kind, localBytes, remoteBytes, optionBytes));
}

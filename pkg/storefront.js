// storefront.js: the storefront entry (`voucherify-sync/storefront`), for pages that check what
// they send before it leaves the browser: payload validation, customers, stackable redemption
// and the client. It loads its own, smaller WebAssembly module, built without the CSV and
// sync-planning code, when init() is awaited; every other function throws `not_initialized`
// until then. A page uses this entry or the full one (index.js), not both.

import initWasm, * as bindings from './wasm-storefront/voucherify_sync.js';
import { wasmLoader } from './bridge.js';

export {
  validatePayload,
  validatePayloads,
  listOperations,
  issueCodes,
  validateCustomer,
  validateCustomerUpdate,
  validateProduct,
  validateSku,
  validateOrder,
} from './validation.js';
export { buildCustomer, buildCustomerStrict, diffCustomer, upsertEffects } from './customers.js';
export { prepareStackableRequest, prepareStackableRequestStrict, summarizeResult } from './stackable.js';
export { createClient, VoucherifyRequestError } from './client.js';
export { VoucherifySyncError } from './errors.js';

/**
 * Loads the storefront WebAssembly module. Call it once before the rest of the API; later
 * calls return the same promise. A failed load can be retried.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [input] where
 *   to find the `.wasm` file, or its bytes; by default `wasm-storefront/voucherify_sync_bg.wasm`
 *   beside this module
 * @returns {Promise<void>}
 */
export const init = wasmLoader(initWasm, bindings, () => new URL('./wasm-storefront/voucherify_sync_bg.wasm', import.meta.url));

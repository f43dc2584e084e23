// index.js: the browser and bundler entry. It loads the WebAssembly module with fetch when
// init() is awaited; every other function throws `not_initialized` until then.

import initWasm, * as bindings from './wasm/voucherify_sync.js';
import { attachWasm } from './bridge.js';
import { VoucherifySyncError } from './errors.js';

export * from './api.js';

let loading = null;

/**
 * Loads the WebAssembly module. Call it once before the rest of the API; later calls return
 * the same promise. A failed load can be retried.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [input] where
 *   to find the `.wasm` file, or its bytes; by default the file beside this module
 * @returns {Promise<void>}
 */
export async function init(input) {
  loading ??= initWasm({
    module_or_path: input ?? new URL('./wasm/voucherify_sync_bg.wasm', import.meta.url),
  }).then(
    () => attachWasm(bindings),
    (error) => {
      loading = null;
      throw new VoucherifySyncError('init_failed', `the WebAssembly module could not be loaded: ${error?.message ?? error}`, { cause: error });
    },
  );
  return loading;
}

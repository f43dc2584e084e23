// index.js: the browser and bundler entry. It loads the WebAssembly module with fetch when
// init() is awaited; every other function throws `not_initialized` until then.

import initWasm, * as bindings from './wasm/voucherify_sync.js';
import { wasmLoader } from './bridge.js';

export * from './api.js';

/**
 * Loads the WebAssembly module. Call it once before the rest of the API; later calls return
 * the same promise. A failed load can be retried.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [input] where
 *   to find the `.wasm` file, or its bytes; by default the file beside this module
 * @returns {Promise<void>}
 */
export const init = wasmLoader(initWasm, bindings, () => new URL('./wasm/voucherify_sync_bg.wasm', import.meta.url));

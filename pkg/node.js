// node.js: the Node entry. It loads the WebAssembly module synchronously when imported, so
// `import { validatePayload } from "voucherify-sync"` needs no set-up.

import { readFileSync } from 'node:fs';
import * as bindings from './wasm-node/voucherify_sync.js';
import { attachWasm } from './bridge.js';
import { VoucherifySyncError } from './errors.js';

export * from './api.js';

// The speed-optimized build (see the Makefile); browsers load the size-optimized one in wasm/.
const wasmUrl = new URL('./wasm-node/voucherify_sync_bg.wasm', import.meta.url);
let wasmBytes;
try {
  wasmBytes = readFileSync(wasmUrl);
} catch (error) {
  throw new VoucherifySyncError('init_failed', `the WebAssembly module could not be read from ${wasmUrl.pathname}: ${error.message}`, { cause: error });
}
bindings.initSync({ module: wasmBytes });
attachWasm(bindings);

/**
 * Does nothing: in Node the module is loaded on import. Kept so that code written for the
 * browser entry (`await init()`) runs unchanged.
 * @param {unknown} [_input] ignored
 * @returns {Promise<void>}
 */
export async function init(_input) {}

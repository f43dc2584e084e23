// builds.mjs: both wasm builds of the package in one process, so the benchmarks can run the
// speed build the Node entry loads (pkg/wasm-node) and the size build browsers load (pkg/wasm)
// through the same API, alternating. `useBuild` attaches one build to the package's bridge.

import { readFileSync } from 'node:fs';
import '../../pkg/node.js';
import { attachWasm } from '../../pkg/bridge.js';
import * as speed from '../../pkg/wasm-node/voucherify_sync.js';
import * as size from '../../pkg/wasm/voucherify_sync.js';

size.initSync({ module: readFileSync(new URL('../../pkg/wasm/voucherify_sync_bg.wasm', import.meta.url)) });

/** The builds by name: `node` (opt-level 3, what Node loads) and `browser` (optimized for size). */
export const BUILDS = { node: speed, browser: size };

/** Makes the package's functions run on build `name` until the next call. */
export function useBuild(name) {
  attachWasm(BUILDS[name]);
}

/** The bytes of the wasm memory of build `name`. */
export function wasmMemoryBytes(name) {
  return BUILDS[name].initSync().memory.buffer.byteLength;
}

// bridge.js: the one place that talks to the wasm-bindgen module. It holds the loaded module,
// turns JS values into UTF-8 JSON bytes, caches the wasm objects built from options, and turns
// the module's JSON answers and error envelopes into values and typed errors.

import { VoucherifySyncError } from './errors.js';

const encoder = new TextEncoder();
const NO_BYTES = new Uint8Array(0);

/** The initialized wasm-bindgen module, or null before `init()`. */
let wasm = null;
/** Per wasm class: the instance for calls without options, and one per options object. */
let handles = new Map();

/**
 * The `init()` of an entry: loads the wasm-bindgen module once, from `input` or else from
 * `defaultInput()`, then attaches `bindings`. Later calls return the same promise; a failed load
 * can be retried.
 */
export function wasmLoader(initWasm, bindings, defaultInput) {
  let loading = null;
  return (input) => {
    loading ??= initWasm({ module_or_path: input ?? defaultInput() }).then(
      () => attachWasm(bindings),
      (error) => {
        loading = null;
        throw new VoucherifySyncError('init_failed', `the WebAssembly module could not be loaded: ${error?.message ?? error}`, { cause: error });
      },
    );
    return loading;
  };
}

/**
 * Makes the API usable with an initialized wasm-bindgen module (called by the entries).
 * @param {typeof import('./wasm/voucherify_sync.js')} bindings
 */
export function attachWasm(bindings) {
  if (wasm === bindings) return;
  wasm = bindings;
  handles = new Map();
  // Keys the CSV duplicate-id hash (wasm has no randomness of its own).
  const random = globalThis.crypto?.getRandomValues?.(new Uint8Array(16));
  if (random !== undefined) bindings.seedHashes?.(random);
}

/** The loaded module; throws `not_initialized` before `init()`. */
export function loaded() {
  if (wasm === null) {
    throw new VoucherifySyncError(
      'not_initialized',
      'the WebAssembly module is not loaded yet; await init() before calling the API',
    );
  }
  return wasm;
}

/**
 * The instance of the wasm class `className` (`WasmValidator`, `WasmCustomerBuilder`, ...) for
 * `options`, reused while the options object serializes to the same JSON; its options are
 * checked once, when it is built.
 */
export function handleFor(className, options) {
  const Class = loaded()[className];
  let cache = handles.get(className);
  if (cache === undefined) {
    cache = { plain: null, byOptions: new WeakMap() };
    handles.set(className, cache);
  }
  if (options === undefined || options === null) {
    cache.plain ??= accepted(new Class(NO_BYTES));
    return cache.plain;
  }
  const json = optionsJson(options);
  if (typeof options !== 'object') return accepted(new Class(encoder.encode(json)));
  const cached = cache.byOptions.get(options);
  if (cached !== undefined && cached.json === json) return cached.handle;
  const handle = accepted(new Class(encoder.encode(json)));
  cached?.handle.free();
  cache.byOptions.set(options, { json, handle });
  return handle;
}

/** Returns `handle` if its options were accepted; frees it and throws otherwise. */
function accepted(handle) {
  const envelope = handle.optionsError();
  if (envelope === undefined) return handle;
  handle.free();
  return answer(envelope);
}

/** Options as JSON text; throws `invalid_options` for what has no JSON form. */
export function optionsJson(options) {
  let json;
  try {
    json = JSON.stringify(options);
  } catch (error) {
    throw new VoucherifySyncError('invalid_options', `options cannot be serialized as JSON: ${firstLine(error)}`, { cause: error });
  }
  if (json === undefined) {
    throw new VoucherifySyncError('invalid_options', `options must be an object, not ${describe(options)}`);
  }
  return json;
}

/** Text as UTF-8 bytes. */
export function utf8(text) {
  return encoder.encode(text);
}

/** A lone surrogate (with the `u` flag, a pair never matches). */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * JSON text as UTF-8 bytes, a lone surrogate written as the `\uXXXX` escape `JSON.stringify`
 * writes (UTF-8 would turn it into U+FFFD): judged as the object form is.
 */
export function jsonText(text) {
  const wellFormed = typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
  LONE_SURROGATE.lastIndex = 0;
  if (wellFormed) return encoder.encode(text);
  return encoder.encode(text.replace(LONE_SURROGATE, (half) => `\\u${half.charCodeAt(0).toString(16)}`));
}

/** Bytes as given (a Uint8Array, another view, an ArrayBuffer), or undefined. */
export function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

/** A body as UTF-8 JSON: bytes pass through, a string is JSON text, anything else is serialized. */
export function bodyBytes(body, name = 'the body') {
  const bytes = asBytes(body);
  if (bytes !== undefined) return bytes;
  if (typeof body === 'string') return jsonText(body);
  return valueBytes(body, name);
}

/** A JS value (never bytes or JSON text) serialized as UTF-8 JSON. */
export function valueBytes(value, name) {
  let json;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new VoucherifySyncError('invalid_argument', `${name} cannot be serialized as JSON: ${firstLine(error)}`, { cause: error });
  }
  if (json === undefined) {
    throw new VoucherifySyncError(
      'invalid_argument',
      `${name} is ${describe(value)}, which has no JSON form; pass an object, a JSON string or UTF-8 bytes`,
    );
  }
  return encoder.encode(json);
}

/** Runs a wasm call and parses its JSON answer, throwing its error envelope or a trap as a typed error. */
export function call(run) {
  return answer(trapsAsErrors(run));
}

/** Runs a validation in wasm: no answer is a valid body without issues. */
export function callReport(run) {
  const json = trapsAsErrors(run);
  return json === undefined ? { valid: true, issues: [] } : answer(json);
}

/** Parses a JSON answer of the wasm module, throwing its error envelope. */
export function answer(json) {
  const value = JSON.parse(json);
  if (value !== null && typeof value === 'object' && value.error !== undefined && value.valid === undefined) {
    const { code, message, path, issues } = value.error;
    throw new VoucherifySyncError(code, message, { path, issues });
  }
  return value;
}

/** Runs a wasm call, turning a trap (a bug in the core) into a typed error. */
function trapsAsErrors(run) {
  try {
    return run();
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      throw new VoucherifySyncError('internal_error', `the WebAssembly module failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** A short name of a value's type for messages: `undefined`, `a bigint`, `a Map`. */
export function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = value.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

// core.js: the API both entries share. It turns JS values into UTF-8 bytes for the wasm
// validator, parses the JSON it answers, and throws VoucherifySyncError for misuse.

import { VoucherifySyncError } from './errors.js';

const encoder = new TextEncoder();

/** The initialized wasm-bindgen module, or null before `init()`. */
let wasm = null;
/** The validator for calls without options. */
let defaultValidator = null;
/** One validator per options object: `options → { json, validator }`. */
let validators = new WeakMap();

/**
 * Makes the API usable with an initialized wasm-bindgen module (called by the entries).
 * @param {typeof import('./wasm/voucherify_sync.js')} bindings
 */
export function attachWasm(bindings) {
  if (wasm === bindings) return;
  wasm = bindings;
  defaultValidator = null;
  validators = new WeakMap();
}

/**
 * Validates one request body of `operation` and returns the report; problems in the body are
 * issues in the report, never exceptions.
 * @param {string} operation `"METHOD /path"`, a key of `listOperations()` or a concrete path
 * @param {unknown} body a JSON value, a JSON string, or UTF-8 JSON bytes
 * @param {object} [options] `{ metadataSchemas?, maxIssues? }`
 * @returns {{ valid: boolean, issues: object[] }}
 */
export function validatePayload(operation, body, options) {
  const validator = validatorFor(options);
  expectOperation(operation);
  const bytes = bodyBytes(body);
  return answer(trapsAsErrors(() => validator.validate(operation, bytes)));
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
  const validator = validatorFor(options);
  expectOperation(operation);
  const bytes = typeof ndjson === 'string' ? encoder.encode(ndjson) : asBytes(ndjson);
  if (bytes === undefined) {
    throw new VoucherifySyncError(
      'invalid_argument',
      `ndjson must be a string or a Uint8Array, not ${describe(ndjson)}`,
    );
  }
  return answer(trapsAsErrors(() => validator.validateNdjson(operation, bytes)));
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

function loaded() {
  if (wasm === null) {
    throw new VoucherifySyncError(
      'not_initialized',
      'the WebAssembly module is not loaded yet; await init() before calling the API',
    );
  }
  return wasm;
}

/** The validator for `options`, reused while the options serialize to the same JSON. */
function validatorFor(options) {
  const bindings = loaded();
  if (options === undefined || options === null) {
    defaultValidator ??= new bindings.WasmValidator(new Uint8Array(0));
    return defaultValidator;
  }
  const json = optionsJson(options);
  if (typeof options !== 'object') return accepted(new bindings.WasmValidator(encoder.encode(json)));
  const cached = validators.get(options);
  if (cached !== undefined && cached.json === json) return cached.validator;
  const validator = accepted(new bindings.WasmValidator(encoder.encode(json)));
  cached?.validator.free();
  validators.set(options, { json, validator });
  return validator;
}

/** Returns `validator` if its options were accepted; frees it and throws otherwise. */
function accepted(validator) {
  const envelope = validator.optionsError();
  if (envelope === undefined) return validator;
  validator.free();
  return answer(envelope);
}

function optionsJson(options) {
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

function expectOperation(operation) {
  if (typeof operation !== 'string') {
    throw new VoucherifySyncError(
      'invalid_argument',
      `operation must be a string such as "POST /v1/customers", not ${describe(operation)}`,
    );
  }
}

/** Bytes as given (a Uint8Array, another view, an ArrayBuffer), or undefined. */
function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return undefined;
}

/** A body as UTF-8 JSON: bytes pass through, a string is JSON text, anything else is serialized. */
function bodyBytes(body) {
  const bytes = asBytes(body);
  if (bytes !== undefined) return bytes;
  if (typeof body === 'string') return encoder.encode(body);
  let json;
  try {
    json = JSON.stringify(body);
  } catch (error) {
    throw new VoucherifySyncError('invalid_argument', `the body cannot be serialized as JSON: ${firstLine(error)}`, { cause: error });
  }
  if (json === undefined) {
    throw new VoucherifySyncError(
      'invalid_argument',
      `the body is ${describe(body)}, which has no JSON form; pass an object, a JSON string or UTF-8 bytes`,
    );
  }
  return encoder.encode(json);
}

/** Parses a JSON answer of the wasm module, throwing its error envelope. */
function answer(json) {
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
function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = value.constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

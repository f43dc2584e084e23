// csv.js: CSV import validation from any source (text, bytes, a Blob or File, a web
// ReadableStream, a Node stream), fed to the streaming validator in the core chunk by chunk,
// with progress, cancellation, and the cleaned file, failed rows, parts and order import bodies
// streamed to callbacks or collected as Blobs.

import { VoucherifySyncError } from './errors.js';
import { answer, call, describe, loaded, optionsJson, utf8 } from './bridge.js';

/** Bytes fed to the core per call, and the most between two progress reports. */
const CHUNK_BYTES = 1 << 20;
const OUTPUT_KEYS = ['onCleaned', 'onFailed', 'onPart', 'onImportBody', 'onProgress', 'signal'];

/**
 * Validates a CSV import file of `kind` (`customers`, `products`, `skus` or `orders`).
 *
 * The options the core reads: `maxIssues`, `priceUnit` (`units`, the default, or `cents`),
 * `metadataSchemas`, `products` (the products file, for SKUs), `maxPartBytes`, `totalBytes` (the
 * input's size when a stream's is known; taken from bytes, a Blob or a File otherwise: it sizes
 * the duplicate index once and is passed to `onProgress`). The options of this wrapper: `onProgress({ bytes, totalBytes, rows })` (at least every 1 MB), `signal` (an
 * `AbortSignal`), and output callbacks, each turning its output on: `onCleaned(bytes)`,
 * `onFailed(bytes)`, `onPart(bytes, index)`, `onImportBody(body, index)`. Outputs are streamed,
 * never held whole.
 *
 * @param {'customers'|'products'|'skus'|'orders'} kind
 * @param {string | Uint8Array | ArrayBuffer | Blob | ReadableStream | AsyncIterable<Uint8Array>} input
 * @param {object} [options]
 * @returns {Promise<object>} the report
 */
export async function validateCsv(kind, input, options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new VoucherifySyncError('invalid_options', `options must be an object, not ${describe(options)}`);
  }
  const source = chunksOf(input);
  const totalBytes = options.totalBytes ?? sizeOf(input);
  const coreOptions = await coreOptionsOf({ ...options, totalBytes });
  const validator = create(kind, coreOptions);
  let partIndex = 0;
  let bodyIndex = 0;
  let reported = 0;
  const drain = () => {
    if (options.onCleaned) emit(options.onCleaned, validator.takeCleaned());
    if (options.onFailed) emit(options.onFailed, validator.takeFailed());
    if (options.onPart) for (let part; (part = validator.takePart()) !== undefined; ) options.onPart(part, partIndex++);
    if (options.onImportBody) {
      for (let body; (body = validator.takeImportBody()) !== undefined; ) options.onImportBody(JSON.parse(new TextDecoder().decode(body)), bodyIndex++);
    }
  };
  try {
    for await (const chunk of source) {
      throwIfAborted(options.signal);
      for (let start = 0; start < chunk.length; start += CHUNK_BYTES) {
        validator.push(chunk.subarray(start, start + CHUNK_BYTES));
        drain();
        const bytes = validator.bytes();
        if (options.onProgress && bytes - reported >= CHUNK_BYTES) {
          reported = bytes;
          options.onProgress({ bytes, totalBytes, rows: validator.rows() });
        }
      }
      // Lets a page repaint and a cancel button run between chunks.
      await Promise.resolve();
    }
    throwIfAborted(options.signal);
    validator.endInput();
    drain();
    options.onProgress?.({ bytes: validator.bytes(), totalBytes, rows: validator.rows() });
    return call(() => validator.finish());
  } finally {
    validator.free();
  }
}

/**
 * Like {@link validateCsv}, but collects the outputs in memory: resolves with
 * `{ report, cleaned, failed, parts, importBodies }` (`cleaned` and `failed` Blobs, `parts` an
 * array of Blobs, `importBodies` an array of request bodies). Ask for outputs with
 * `options.outputs`, e.g. `['cleaned', 'failed', 'parts']`.
 */
export async function validateCsvWithOutputs(kind, input, options = {}) {
  const wanted = new Set(options.outputs ?? ['cleaned', 'failed', 'parts', 'importBodies']);
  const cleaned = [];
  const failed = [];
  const parts = [];
  const importBodies = [];
  const { outputs, ...rest } = options;
  const report = await validateCsv(kind, input, {
    ...rest,
    ...(wanted.has('cleaned') ? { onCleaned: (bytes) => cleaned.push(bytes) } : {}),
    ...(wanted.has('failed') ? { onFailed: (bytes) => failed.push(bytes) } : {}),
    ...(wanted.has('parts') ? { onPart: (bytes) => parts.push(new Blob([bytes], { type: 'text/csv' })) } : {}),
    ...(wanted.has('importBodies') && kind === 'orders' ? { onImportBody: (body) => importBodies.push(body) } : {}),
  });
  return {
    report,
    cleaned: wanted.has('cleaned') ? new Blob(cleaned, { type: 'text/csv' }) : null,
    failed: wanted.has('failed') ? new Blob(failed, { type: 'text/csv' }) : null,
    parts,
    importBodies,
  };
}

function create(kind, coreOptions) {
  if (typeof kind !== 'string') {
    throw new VoucherifySyncError('invalid_argument', 'kind must be "customers", "products", "skus" or "orders"');
  }
  const validator = new (loaded().WasmCsvValidator)(kind, utf8(optionsJson(coreOptions)));
  const envelope = validator.optionsError();
  if (envelope !== undefined) {
    validator.free();
    answer(envelope);
  }
  return validator;
}

/** The options the core reads, with outputs turned on by their callbacks and `products` as text. */
async function coreOptionsOf(options) {
  const core = {};
  for (const [key, value] of Object.entries(options)) {
    if (!OUTPUT_KEYS.includes(key) && key !== 'outputs') core[key] = value;
  }
  if (options.products !== undefined && options.products !== null) core.products = await textOf(options.products, 'products');
  core.cleaned = typeof options.onCleaned === 'function';
  core.failed = typeof options.onFailed === 'function';
  core.parts = typeof options.onPart === 'function';
  core.importBodies = typeof options.onImportBody === 'function';
  return core;
}

async function textOf(value, name) {
  if (typeof value === 'string') return value;
  const chunks = [];
  for await (const chunk of chunksOf(value, name)) chunks.push(chunk);
  return new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
}

/** The size of the input when it is known up front, else null. */
function sizeOf(input) {
  if (typeof input === 'string') return null;
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return input.byteLength;
  if (typeof Blob !== 'undefined' && input instanceof Blob) return input.size;
  return null;
}

/** The input as an async sequence of byte chunks. */
async function* chunksOf(input, name = 'the input') {
  if (typeof input === 'string') {
    for (let start = 0; start < input.length; ) {
      let end = Math.min(start + CHUNK_BYTES, input.length);
      // Never split a surrogate pair between two chunks.
      if (end < input.length && input.charCodeAt(end - 1) >= 0xd800 && input.charCodeAt(end - 1) <= 0xdbff) end += 1;
      yield utf8(input.slice(start, end));
      start = end;
    }
  } else if (input instanceof Uint8Array) {
    yield input;
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    yield input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    yield* chunksOf(input.stream(), name);
  } else if (input && typeof input.getReader === 'function') {
    const reader = input.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield asChunk(value, name);
      }
    } finally {
      reader.releaseLock();
    }
  } else if (input && typeof input[Symbol.asyncIterator] === 'function') {
    for await (const value of input) yield asChunk(value, name);
  } else {
    throw new VoucherifySyncError(
      'invalid_argument',
      `${name} must be a string, a Uint8Array, a Blob or File, a ReadableStream or a Node stream, not ${describe(input)}`,
    );
  }
}

function asChunk(value, name) {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new VoucherifySyncError('invalid_argument', `${name} yielded ${describe(value)}; a stream must give bytes or text`);
}

function emit(callback, bytes) {
  if (bytes.length > 0) callback(bytes);
}

function throwIfAborted(signal) {
  if (signal?.aborted) {
    throw new VoucherifySyncError('aborted', 'the CSV check was cancelled', { cause: signal.reason });
  }
}

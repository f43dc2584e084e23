// csv-worker-client.js: `createCsvWorker()`, the page side of a CSV check run in a Web Worker
// (`csv-worker.js`), so that a large file never blocks the page. It speaks the message protocol
// described at the top of csv-worker.js.

import { VoucherifySyncError } from './errors.js';

/**
 * Starts a Web Worker that validates CSV import files. `validate(kind, input, options)` resolves
 * like {@link validateCsvWithOutputs} (`{ report, cleaned, failed, parts, importBodies }`, the
 * outputs as Blobs); `options` are its options, with `onProgress` and `signal` handled on the
 * page. `terminate()` stops the worker and rejects the checks under way with `aborted`.
 *
 * The input is a string, bytes (copied), a Blob or File (read in the worker, never copied whole),
 * or a ReadableStream (transferred). Where there are no Web Workers (Node), it throws
 * `not_supported`: call `validateCsv` directly there.
 *
 * @param {{ url?: string | URL }} [options] where the worker module is, by default
 *   `csv-worker.js` beside this module
 */
export function createCsvWorker(options = {}) {
  if (typeof Worker !== 'function') {
    throw new VoucherifySyncError(
      'not_supported',
      'createCsvWorker needs Web Workers, which this environment does not have; call validateCsv or validateCsvWithOutputs directly',
    );
  }
  // Literal, so that bundlers see the worker and bundle it with the wasm it loads.
  const worker = options.url === undefined
    ? new Worker(new URL('./csv-worker.js', import.meta.url), { type: 'module' })
    : new Worker(options.url, { type: 'module' });
  /** The checks under way: id → { resolve, reject, onProgress }. */
  const pending = new Map();
  let nextId = 1;
  let stopped = null;

  const settle = (id, outcome, value) => {
    const entry = pending.get(id);
    if (entry === undefined) return;
    pending.delete(id);
    entry.cleanUp();
    entry[outcome](value);
  };
  const failAll = (error) => {
    for (const id of [...pending.keys()]) settle(id, 'reject', error);
  };

  let heard = false;
  worker.addEventListener('message', ({ data }) => {
    heard = true;
    if (data?.type === 'progress') pending.get(data.id)?.onProgress?.(data.progress);
    else if (data?.type === 'result') settle(data.id, 'resolve', data.result);
    else if (data?.type === 'failure') settle(data.id, 'reject', typedError(data.error));
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    stopped = heard
      ? new VoucherifySyncError('internal_error', `the CSV worker failed: ${event.message || 'an uncaught error'}`)
      : new VoucherifySyncError('init_failed', `the CSV worker could not start: ${event.message || 'its module failed to load'}`);
    worker.terminate();
    failAll(stopped);
  });
  worker.addEventListener('messageerror', () => {
    failAll(new VoucherifySyncError('internal_error', 'a message of the CSV worker could not be read'));
  });

  return Object.freeze({
    /**
     * Validates a CSV file of `kind` in the worker.
     * @param {'customers'|'products'|'skus'|'orders'} kind
     * @param {string | Uint8Array | ArrayBuffer | Blob | ReadableStream} input
     * @param {object} [checkOptions]
     */
    validate(kind, input, checkOptions = {}) {
      if (stopped !== null) return Promise.reject(stopped);
      if (checkOptions === null || typeof checkOptions !== 'object') {
        return Promise.reject(new VoucherifySyncError('invalid_options', 'options must be an object'));
      }
      const { onProgress, signal, ...rest } = checkOptions;
      if (signal?.aborted) return Promise.reject(abortedError(signal));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          worker.postMessage({ type: 'cancel', id });
          settle(id, 'reject', abortedError(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, { resolve, reject, onProgress, cleanUp: () => signal?.removeEventListener('abort', onAbort) });
        try {
          const transfer = typeof ReadableStream === 'function' && input instanceof ReadableStream ? [input] : [];
          worker.postMessage({ type: 'check', id, kind, input, options: rest }, transfer);
        } catch (error) {
          settle(id, 'reject', new VoucherifySyncError(
            'invalid_argument',
            `the input or options cannot be sent to the worker (${error?.message ?? error}); pass a string, bytes, a Blob or File, or a ReadableStream, and options without functions`,
            { cause: error },
          ));
        }
      });
    },
    /** Stops the worker; checks under way reject with `aborted`. */
    terminate() {
      worker.terminate();
      stopped ??= new VoucherifySyncError('aborted', 'the CSV worker was terminated');
      failAll(stopped);
    },
  });
}

function abortedError(signal) {
  return new VoucherifySyncError('aborted', 'the CSV check was cancelled', { cause: signal?.reason });
}

function typedError({ code, message, path, issues }) {
  return new VoucherifySyncError(code ?? 'internal_error', message ?? 'the CSV worker failed', { path, issues });
}

// csv-worker.js: the Web Worker side of `createCsvWorker()`. It loads the browser entry, runs
// `validateCsvWithOutputs` on the inputs the page posts, and posts back progress, the report and
// the outputs (as Blobs). Its one message protocol is shared with `csv-worker-client.js`:
//
//   page → worker  { type: 'check', id, kind, input, options }   { type: 'cancel', id }
//   worker → page  { type: 'progress', id, progress }   { type: 'result', id, result }
//                  { type: 'failure', id, error: { name, code, message, path?, issues? } }

import { init, validateCsvWithOutputs, VoucherifySyncError } from './index.js';

/** About how much input is read between two chances to answer a cancel message. */
const PIECE_BYTES = 1 << 20;

/** The abort controller of every check under way, by id. */
const running = new Map();

self.addEventListener('message', (event) => {
  const message = event.data;
  if (message?.type === 'check') check(message);
  else if (message?.type === 'cancel') running.get(message.id)?.abort();
});

async function check({ id, kind, input, options = {} }) {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    await init();
    const result = await validateCsvWithOutputs(kind, piecesWithPauses(input, controller.signal), {
      ...options,
      signal: controller.signal,
      onProgress: (progress) => self.postMessage({ type: 'progress', id, progress: { ...progress, totalBytes: sizeOf(input) ?? progress.totalBytes } }),
    });
    self.postMessage({ type: 'result', id, result });
  } catch (error) {
    self.postMessage({ type: 'failure', id, error: plainError(error) });
  } finally {
    running.delete(id);
  }
}

/**
 * The input in pieces of about 1 MB, with a task boundary between pieces, so that a cancel
 * message is handled while a large input is read (the validator's own awaits are microtasks,
 * which let no message in). Inputs of other types pass through for the validator to refuse.
 */
function piecesWithPauses(input, signal) {
  const pieces = piecesOf(input);
  if (pieces === null) return input;
  return (async function* paused() {
    let sincePause = 0;
    for await (const piece of pieces) {
      if (signal.aborted) return;
      yield piece;
      sincePause += piece.length;
      if (sincePause >= PIECE_BYTES) {
        sincePause = 0;
        await nextTask();
      }
    }
  })();
}

/** An iterable of the input's pieces, or null for a type the validator does not read. */
function piecesOf(input) {
  if (input instanceof Blob) {
    return (async function* blobSlices() {
      for (let start = 0; start < input.size; start += PIECE_BYTES) {
        yield new Uint8Array(await input.slice(start, start + PIECE_BYTES).arrayBuffer());
      }
    })();
  }
  if (typeof input === 'string') {
    return (function* textSlices() {
      for (let start = 0; start < input.length; ) {
        let end = Math.min(start + PIECE_BYTES, input.length);
        // Never split a surrogate pair between two pieces.
        const last = input.charCodeAt(end - 1);
        if (end < input.length && last >= 0xd800 && last <= 0xdbff) end += 1;
        yield input.slice(start, end);
        start = end;
      }
    })();
  }
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return (function* byteSlices() {
      for (let start = 0; start < bytes.length; start += PIECE_BYTES) yield bytes.subarray(start, start + PIECE_BYTES);
    })();
  }
  if (input instanceof ReadableStream) {
    return (async function* streamChunks() {
      const reader = input.getReader();
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
      } finally {
        reader.releaseLock();
      }
    })();
  }
  return null;
}

function sizeOf(input) {
  if (input instanceof Blob) return input.size;
  if (typeof input === 'string') return null;
  return input?.byteLength ?? null;
}

/** Resolves in a new task (not a microtask), so queued messages run first. */
function nextTask() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** An error as data that survives `postMessage`; the page turns it back into a typed error. */
function plainError(error) {
  if (error instanceof VoucherifySyncError) {
    const { name, code, message, path, issues } = error;
    return { name, code, message, path, issues };
  }
  return { name: 'VoucherifySyncError', code: 'internal_error', message: `the CSV worker failed: ${error?.message ?? error}` };
}

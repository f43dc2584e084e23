// files.js: reading the command line's input files (streams, JSON, NDJSON, records of a CSV,
// JSON or NDJSON file) and writing its output files with backpressure, every failure turned
// into a CliError that names the file.

import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { extname, join } from 'node:path';
import '../node.js';
import { call, loaded } from '../bridge.js';
import { CliError } from './args.js';

const REASONS = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
};

/** A Node I/O error as a CliError naming `file`. */
export function ioError(file, error) {
  if (error instanceof CliError) return error;
  const reason = REASONS[error?.code] ?? String(error?.message ?? error).split('\n')[0];
  return new CliError(`${file}: ${reason}`, { cause: error });
}

/**
 * A file opened for streaming (`-` is standard input), with its size when known. Opening
 * first reports a missing file or a directory before any work starts.
 * @returns {Promise<{ chunks: AsyncIterable<Uint8Array>, size: number | null }>}
 */
export async function openInput(file, { chunkBytes = 1 << 20 } = {}) {
  if (file === '-') return { chunks: guarded(file, process.stdin), size: null };
  let handle;
  try {
    handle = await open(file, 'r');
    const stats = await handle.stat();
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const stream = handle.createReadStream({ highWaterMark: chunkBytes });
    return { chunks: guarded(file, stream), size: stats.isFile() ? stats.size : null };
  } catch (error) {
    await handle?.close().catch(() => {});
    throw ioError(file, error);
  }
}

async function* guarded(file, stream) {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    throw ioError(file, error);
  }
}

/** Throws a CliError naming `file` unless it is a readable file (or `-`). */
export async function ensureReadable(file) {
  if (file === '-') return;
  try {
    const handle = await open(file, 'r');
    const directory = (await handle.stat()).isDirectory();
    await handle.close();
    if (directory) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw ioError(file, error);
  }
}

/** The whole file as bytes (`-` is standard input). */
export async function readBytes(file) {
  try {
    if (file !== '-') return await readFile(file);
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch (error) {
    throw ioError(file, error);
  }
}

/** The file parsed as JSON; `what` says what it should hold, for the message. */
export async function readJson(file, what) {
  const text = (await readBytes(file)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${error.message}); it should hold ${what}`, { cause: error });
  }
}

/** How a records file is read, by its extension. */
export function recordFormat(file) {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'json';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  throw new CliError(`${file}: unknown format; name it .csv, .json or .ndjson`);
}

/**
 * The records of a CSV, JSON or NDJSON file, in order. Each item is `{ record, place }` or, for
 * what cannot be read, `{ problem: { code, message }, place }`; `place` is `{ record }` (its
 * 1-based position) plus `row` and `line` for CSV and `line` for NDJSON. A CSV file is read
 * whole (the core splits it); NDJSON streams line by line. CSV items also carry `columns`, a
 * Map from each record key to its 0-based column; a problem of the header carries its
 * `column` (shortened) and `columnIndex`. A header name over 64 KiB is a `too_large` problem,
 * and every record under it a `too_large` problem too, so that no record repeats it.
 * @returns {AsyncGenerator<{ record?: object, problem?: { code: string, message: string }, place: object }>}
 */
export async function* readRecords(file) {
  const format = recordFormat(file);
  if (format === 'csv') {
    const bytes = await readBytes(file);
    yield* csvItems(call(() => loaded().csvRecords(bytes)));
  } else if (format === 'json') {
    const value = await readJson(file, 'an array of records or a list response');
    const items = listItems(value) ?? [value];
    for (const [index, record] of items.entries()) yield { record, place: { record: index + 1 } };
  } else {
    yield* ndjsonItems(file);
  }
}

/** Longest header name, in UTF-8 bytes, a record key may have: the 64 KiB limit of a JSON key. */
export const MAX_HEADER_NAME_BYTES = 65_536;
/** Longest header name, in characters, that a problem repeats. */
const SHOWN_NAME_CHARS = 80;

/** A header name as problems show it: at most 80 characters, longer ones cut with `...`. */
export function shownName(name) {
  const chars = Array.from(name.slice(0, SHOWN_NAME_CHARS * 2));
  return chars.length <= SHOWN_NAME_CHARS ? name : `${chars.slice(0, SHOWN_NAME_CHARS - 3).join('')}...`;
}

function* csvItems(read) {
  const header = { line: 1, row: 0, record: 0 };
  const repeated = read.header.findIndex((name, index) => read.header.indexOf(name) !== index);
  if (repeated !== -1) {
    const message = `the header names ${JSON.stringify(shownName(read.header[repeated]))} twice; a record keeps the last of those columns`;
    yield { problem: { code: 'csv_duplicate_header', message, column: shownName(read.header[repeated]), columnIndex: repeated }, place: header };
  }
  // Each record would repeat a name over 64 KiB as a key, multiplying the file by its rows:
  // such a header is refused, and its records are not built.
  const tooLong = read.header.findIndex((name) => Buffer.byteLength(name) > MAX_HEADER_NAME_BYTES);
  if (tooLong !== -1) {
    const bytes = Buffer.byteLength(read.header[tooLong]);
    const message = `header name ${tooLong + 1} is ${bytes} bytes long, over the limit of ${MAX_HEADER_NAME_BYTES} bytes; no record is built`;
    yield { problem: { code: 'too_large', message, column: shownName(read.header[tooLong]), columnIndex: tooLong }, place: header };
  }
  // The column each key comes from (the last of a repeated name, as the record keeps).
  const columns = new Map(read.header.map((name, index) => [name, index]));
  const refused = { code: 'too_large', message: `the record is not built: header name ${tooLong + 1} is over ${MAX_HEADER_NAME_BYTES} bytes` };
  const items = [
    ...read.records.map((cells, index) => ({
      ...(tooLong === -1 ? { record: Object.fromEntries(read.header.map((name, column) => [name, cells[column]])) } : { problem: refused }),
      place: { row: read.rows[index], line: read.lines[index] },
    })),
    ...read.errors.map(({ row, line, code, message }) => ({ problem: { code, message }, place: { row, line } })),
  ].sort((a, b) => a.place.line - b.place.line);
  for (const item of items) yield { ...item, columns, place: { record: item.place.row, ...item.place } };
}

async function* ndjsonItems(file) {
  const { chunks } = await openInput(file);
  const lines = createInterface({ input: Readable.from(chunks), crlfDelay: Infinity });
  let line = 0;
  let record = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    record += 1;
    const place = { record, line };
    try {
      yield { record: JSON.parse(text), place };
    } catch (error) {
      yield { problem: { code: 'invalid_json', message: `the line is not valid JSON: ${error.message}` }, place };
    }
  }
}

/**
 * The records of a list response saved as JSON (`{"customers": [...]}`, `{"products": [...]}`,
 * `{"data": [...]}`), or the array itself; `undefined` for anything else.
 */
export function listItems(value) {
  if (Array.isArray(value)) return value;
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of ['customers', 'products', 'data']) if (Array.isArray(value[key])) return value[key];
  return undefined;
}

/**
 * Output files in one folder, written through streams that respect backpressure: `append`
 * and `writeWhole` never wait, `drained()` resolves when every stream can take more, and
 * `close()` when everything is on disk. A write error is thrown by the next `drained()` or
 * `close()`, naming the file.
 */
export class OutputFolder {
  /** Creates the folder when needed. */
  static async create(dir) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw ioError(dir, error);
    }
    return new OutputFolder(dir);
  }

  constructor(dir) {
    this.dir = dir;
    this.streams = new Map();
    this.pending = [];
    this.failure = null;
    /** `{ name, bytes }` of every file written, in the order they were opened. */
    this.files = [];
  }

  /** Removes the files an earlier run left whose names match `pattern`, so none is stale. */
  async removeStale(pattern) {
    try {
      for (const name of await readdir(this.dir)) if (pattern.test(name)) await unlink(join(this.dir, name));
    } catch (error) {
      throw ioError(this.dir, error);
    }
  }

  /** Appends bytes to the file `name`, creating it on first use. */
  append(name, bytes) {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = this.#open(name);
      this.streams.set(name, stream);
    }
    this.#count(name, bytes);
    if (!stream.write(bytes)) this.pending.push(once(stream, 'drain'));
  }

  /** Writes the whole file `name` at once. */
  writeWhole(name, bytes) {
    const stream = this.#open(name);
    this.#count(name, bytes);
    stream.end(bytes);
    this.pending.push(finished(stream));
  }

  /** Resolves when the streams have room again. */
  async drained() {
    while (this.pending.length > 0) await Promise.allSettled(this.pending.splice(0));
    if (this.failure) throw this.failure;
  }

  /** Ends every stream and resolves when all is written. */
  async close() {
    // An ended stream never emits 'drain', so wait for the drains first.
    await this.drained();
    for (const stream of this.streams.values()) {
      stream.end();
      this.pending.push(finished(stream));
    }
    this.streams.clear();
    await this.drained();
  }

  #open(name) {
    const path = join(this.dir, name);
    const stream = createWriteStream(path);
    stream.on('error', (error) => {
      this.failure ??= ioError(path, error);
    });
    this.files.push({ name, bytes: 0 });
    return stream;
  }

  #count(name, bytes) {
    const entry = this.files.findLast((file) => file.name === name);
    entry.bytes += bytes.length;
  }
}

/**
 * A write stream for one output file that waits for room: `await write(text)`.
 * @returns {Promise<{ write(text: string): Promise<void>, close(): Promise<void> }>}
 */
export async function openOutput(file) {
  const stream = createWriteStream(file);
  let failure = null;
  stream.on('error', (error) => {
    failure ??= ioError(file, error);
  });
  try {
    await once(stream, 'open');
  } catch (error) {
    throw ioError(file, error);
  }
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) {
        await once(stream, 'drain').catch(() => {});
        if (failure) throw failure;
      }
    },
    async close() {
      stream.end();
      await finished(stream).catch(() => {});
      if (failure) throw failure;
    },
  };
}

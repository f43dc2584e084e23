// export.js: what Voucherify holds, read in a few calls through the export endpoint
// (POST /v1/exports, GET /v1/exports/{id} until it is done, then the CSV file) instead of
// paging the list 100 records at a time.

import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { VoucherifySyncError } from '../errors.js';
import { readRecords } from '../cli/files.js';
import { exportRecord } from '../cli/plan.js';
import { pollUntil } from './polling.js';
import { syncFolder } from './journal.js';

/** The export's object and the columns a sync compares, per kind. */
export const EXPORTS = Object.freeze({
  customers: {
    exported_object: 'customer',
    fields: ['id', 'source_id', 'name', 'email', 'phone', 'birthdate', 'description', 'address_line_1', 'address_line_2', 'address_city', 'address_state', 'address_postal_code', 'address_country', 'metadata'],
  },
  products: { exported_object: 'product', fields: ['id', 'source_id', 'name', 'price', 'attributes', 'image_url', 'metadata'] },
  orders: { exported_object: 'order', fields: ['id', 'source_id', 'status', 'amount', 'customer_id', 'metadata'] },
});

/**
 * Exports the project's `kind` records to `file` (written whole, then renamed into place) and
 * resolves with `{ file, exportId }`. Costs one POST, one GET per status check and one download.
 * @param {ReturnType<import('./client.js').createServerClient>} client
 * @param {'customers' | 'products' | 'orders'} kind
 * @param {{ file: string, pollMs?: number, maxPollMs?: number, sleep?: (ms: number) => Promise<void> }} options
 */
export async function exportRemote(client, kind, { file, pollMs = 1000, maxPollMs = 30_000, sleep } = {}) {
  const spec = EXPORTS[kind];
  if (!spec) throw new VoucherifySyncError('invalid_argument', 'kind must be "customers", "products" or "orders"');
  const created = await client.request('POST', '/v1/exports', { body: { exported_object: spec.exported_object, parameters: { fields: spec.fields } }, idempotent: true });
  const exportId = created?.id;
  if (typeof exportId !== 'string') throw new VoucherifySyncError('invalid_response', 'POST /v1/exports answered without an export id');
  const done = await pollUntil(
    async () => {
      const status = await client.get(`/v1/exports/${encodeURIComponent(exportId)}`);
      if (status?.status === 'DONE') return status;
      if (status?.status === 'ERROR') throw new VoucherifySyncError('export_failed', `the export ${exportId} ended with status ERROR`);
      return undefined;
    },
    { firstMs: pollMs, maxMs: maxPollMs, sleep },
  );
  const url = done.result?.url;
  if (typeof url !== 'string') throw new VoucherifySyncError('invalid_response', `the export ${exportId} is done but has no file URL`);
  const text = await client.download(url);
  writeDurably(file, text);
  return { file, exportId };
}

/** The records of an export CSV as the plan reads them (statistics dropped, metadata spread). */
export async function readExport(file) {
  const records = [];
  for await (const { record, problem, place } of readRecords(file)) {
    if (problem) throw new VoucherifySyncError('invalid_response', `the export file ${file} has an unreadable row (${place?.row ?? '?'}): ${problem.message}`);
    records.push(exportRecord(record));
  }
  return records;
}

/** Writes `text` to a temporary file, flushes it, then renames it to `file`. */
export function writeDurably(file, text) {
  const temporary = `${file}.partial`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  syncFolder(dirname(file));
}

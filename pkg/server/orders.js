// orders.js: the sync plan of an orders CSV file (the import template: one row per item): the
// POST /v1/orders/import bodies the CSV validator builds, less the orders the project already
// holds, repacked at most 2000 orders a body. An order import adds historical orders; it does
// not update them, so an order whose source_id the project holds is left unchanged.

import { validateCsvWithOutputs } from '../node.js';
import { call, loaded } from '../bridge.js';
import { pack } from './sends.js';

/** The most orders one POST /v1/orders/import takes. */
export const ORDERS_PER_BODY = 2000;
const BODY_LIMIT = 10_485_760;

/**
 * Plans the import of the orders in `bytes` (a CSV file) against `remote` (records of an orders
 * export). Every order is one entry (`create` or `unchanged`, with the row and line of its first
 * row); an order the validator left out, or a row without an order source_id, is a `conflict`
 * with the rows' issues. The shape is planSync's, with `bodies: [{ body, entries }]`.
 * @param {Uint8Array} bytes
 * @param {object[]} remote
 * @param {{ priceUnit?: 'units' | 'cents' }} [options]
 */
export async function planOrders(bytes, remote, options = {}) {
  const { report, importBodies } = await validateCsvWithOutputs('orders', bytes, { ...options, maxIssues: 1_000_000, outputs: ['importBodies'] });
  const read = call(() => loaded().csvRecords(bytes));
  const keyColumn = read.header.findIndex((name) => name.trim().toLowerCase() === 'source_id');
  const keyOfRow = new Map();
  const firstPlace = new Map();
  read.records.forEach((cells, index) => {
    const key = keyColumn === -1 ? '' : String(cells[keyColumn] ?? '').trim();
    const place = { row: read.rows[index], line: read.lines[index] };
    keyOfRow.set(place.row, key);
    if (key !== '' && !firstPlace.has(key)) firstPlace.set(key, place);
  });
  const issuesOf = new Map();
  for (const issue of report.issues) {
    if (issue.severity !== 'error' || issue.row === undefined) continue;
    const key = keyOfRow.get(issue.row) ?? '';
    const group = key === '' ? `row ${issue.row}` : key;
    if (!issuesOf.has(group)) issuesOf.set(group, []);
    issuesOf.get(group).push(issue);
  }
  const held = new Set(remote.map((record) => record.source_id).filter((key) => typeof key === 'string' && key !== ''));
  const entries = [];
  const imported = new Set();
  for (const order of importBodies.flat()) {
    const key = order.source_id;
    imported.add(key);
    const unchanged = held.has(key);
    entries.push({ index: 0, key, action: unchanged ? 'unchanged' : 'create', body: unchanged ? null : order, reason: null, message: null, issues: [], ...firstPlace.get(key) });
  }
  for (const [group, issues] of issuesOf) {
    if (imported.has(group)) continue;
    const first = issues.find((issue) => issue.code !== 'csv_order_skipped') ?? issues[0];
    const noKey = group.startsWith('row ');
    entries.push({
      index: 0,
      key: noKey ? null : group,
      action: 'conflict',
      body: null,
      reason: noKey ? 'missing_key' : 'invalid_record',
      message: noKey ? `the row has no order source_id: ${first.message}` : `${first.code}: ${first.message}`,
      issues,
      ...(noKey ? { row: first.row, line: first.line } : firstPlace.get(group)),
    });
  }
  entries.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  entries.forEach((entry, index) => (entry.index = index));
  const bodies = packOrders(entries.filter((entry) => entry.action === 'create'));
  const summary = { local: entries.length, remote: remote.length, create: 0, update: 0, unchanged: 0, conflict: 0, batches: bodies.length };
  for (const entry of entries) summary[entry.action] += 1;
  return { kind: 'orders', operation: 'POST /v1/orders/import', summary, entries, bodies, batches: bodies.map(({ body }) => body) };
}

/** Orders in file order, at most 2000 and 10 485 760 bytes a body. */
function packOrders(entries) {
  const bodies = pack(entries, BODY_LIMIT, { most: ORDERS_PER_BODY });
  return bodies.map((members) => ({ body: members.map((entry) => entry.body), entries: members.map((entry) => entry.index) }));
}

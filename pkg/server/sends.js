// sends.js: the requests a plan turns into. Each is the exact bytes to send (hashed, so the
// journal can tell bodies apart) and the plan entries it carries, in order, so that every result
// maps back to a local record.

import { createHash } from 'node:crypto';
import { VoucherifySyncError } from '../errors.js';

const BULK_LIMIT = 10_485_760;
/** The async action type each operation creates (GET /v1/async-actions `type`). */
export const ACTION_TYPES = Object.freeze({
  'POST /v1/customers/bulk/async': 'CUSTOMERS.BULK_UPDATE',
  'POST /v1/customers/metadata/async': 'CUSTOMERS.METADATA_UPDATE',
  'POST /v1/products/bulk/async': 'PRODUCTS.BULK_UPDATE',
  'POST /v1/products/metadata/async': 'PRODUCTS.METADATA_UPDATE',
  'POST /v1/orders/import': 'ORDERS.IMPORT',
});

/** The sha256 of bytes, in hex. */
export function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The requests that carry a plan's creates and updates: `[{ operation, path, bytes, hash,
 * entries, keys }]`. A planSync plan's bulk bodies are used as they are, unless updates that
 * change only metadata, to the same values, fit in fewer requests as
 * `POST /v1/{kind}/metadata/async` bodies (`{ source_ids, metadata }`). A plan of orders
 * (`{ kind: 'orders', bodies }`) sends each import body as it is.
 * @param {{ kind: string, operation?: string, entries: object[], batches?: unknown[][], bodies?: { body: object[], entries: number[] }[] }} plan
 * @param {{ maxBodyBytes?: number, metadataBodies?: boolean }} [options]
 */
export function planSends(plan, { maxBodyBytes = BULK_LIMIT, metadataBodies = true } = {}) {
  if (plan?.kind === 'orders') {
    return plan.bodies.map(({ body, entries }) => request('POST /v1/orders/import', body, entries, body.map((order) => order.source_id ?? null)));
  }
  if (plan?.kind !== 'customers' && plan?.kind !== 'products') {
    throw new VoucherifySyncError('invalid_argument', 'the plan must be one planSync returned (customers or products) or a plan of orders');
  }
  const bulkOperation = `POST /v1/${plan.kind}/bulk/async`;
  const sent = plan.entries.filter((entry) => entry.body !== null && entry.body !== undefined);
  const bulk = assignBatches(plan, sent, bulkOperation);
  if (!metadataBodies) return bulk;
  const groups = new Map();
  for (const entry of sent) {
    const keys = Object.keys(entry.body);
    if (entry.action !== 'update' || keys.length !== 2 || !keys.includes('metadata') || !keys.includes('source_id')) continue;
    const signature = canonical(entry.body.metadata);
    if (!groups.has(signature)) groups.set(signature, []);
    groups.get(signature).push(entry);
  }
  const grouped = [...groups.values()].filter((members) => members.length > 1);
  if (grouped.length === 0) return bulk;
  const inGroup = new Set(grouped.flat());
  const rest = pack(sent.filter((entry) => !inGroup.has(entry)), maxBodyBytes).map((members) =>
    request(bulkOperation, members.map((entry) => entry.body), members.map((entry) => entry.index), members.map((entry) => entry.key)),
  );
  const metadataOperation = `POST /v1/${plan.kind}/metadata/async`;
  const metadata = grouped.flatMap((members) => metadataBodiesOf(members, maxBodyBytes, metadataOperation));
  const alternative = [...rest, ...metadata];
  const bytes = (requests) => requests.reduce((sum, item) => sum + item.bytes.length, 0);
  return alternative.length < bulk.length || (alternative.length === bulk.length && bytes(alternative) < bytes(bulk)) ? alternative : bulk;
}

/** The plan's own batches, each with the entries whose bodies it holds (they are packed in entry order). */
function assignBatches(plan, sent, operation) {
  let next = 0;
  return (plan.batches ?? []).map((batch) => {
    const members = sent.slice(next, next + batch.length);
    next += batch.length;
    members.forEach((entry, position) => {
      if (batch[position]?.source_id !== entry.key) throw new VoucherifySyncError('invalid_argument', 'the plan\'s batches do not hold its entries\' bodies in order; pass the plan as planSync returned it');
    });
    return request(operation, batch, members.map((entry) => entry.index), members.map((entry) => entry.key));
  });
}

/** `{ source_ids, metadata }` bodies for records that all get the same metadata, each under the limit. */
function metadataBodiesOf(members, limit, operation) {
  const { metadata } = members[0].body;
  const fixed = Buffer.byteLength(JSON.stringify({ source_ids: [], metadata }));
  const bodies = pack(members, limit, { fixed, json: (entry) => entry.key });
  return bodies.map((group) =>
    request(operation, { source_ids: group.map((entry) => entry.key), metadata }, group.map((entry) => entry.index), group.map((entry) => entry.key)),
  );
}

/**
 * Entries packed greedily, in order, into JSON arrays under `limit` bytes of at most `most`
 * entries: `json(entry)` is what an entry adds to the array, `fixed` the bytes of the rest of the
 * body (2 for the brackets of a bare array).
 */
export function pack(entries, limit, { most = Infinity, fixed = 2, json = (entry) => entry.body } = {}) {
  const batches = [];
  let current = [];
  let bytes = fixed;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(json(entry))) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length === most || bytes + size > limit)) {
      batches.push(current);
      current = [];
      bytes = fixed;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function request(operation, body, entries, keys) {
  const bytes = Buffer.from(JSON.stringify(body));
  return { operation, path: operation.slice('POST '.length), bytes, hash: contentHash(bytes), entries, keys };
}

/** JSON with object keys sorted, so equal values have equal text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// standin-api.mjs: a stand-in of Voucherify's server-side API on 127.0.0.1 (a random port), for
// the sync tests and the sync demo. It keeps the documented semantics the sync relies on:
// bulk upserts by source_id (a source_id never changes: a record naming another record's id
// fails), metadata updates, order imports, async actions queued one after another with progress,
// counts, errors and a result report, exports written as CSV with the requested columns, the
// list endpoints (for comparison), the rate-limit headers and 429 with Retry-After. Faults are
// injected from a seeded generator: 429s, 5xx before or after the work is done, connections
// dropped before or after it, slow answers. It counts how many times each request body was
// applied, by the sha256 of its bytes.

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { seededRandom } from '../../scripts/seeded-random.mjs';

const BULK_LIMIT = 10_485_760;
const CUSTOMER_COLUMNS = { address_line_1: 'line_1', address_line_2: 'line_2', address_city: 'city', address_state: 'state', address_postal_code: 'postal_code', address_country: 'country' };

/**
 * Starts the stand-in. Options: `appId`, `appToken` (the keys every request must carry),
 * `rateLimit` (`{ calls, windowMs }`, windowMs a multiple of 1000; none by default), `faults`
 * (`{ seed, rate, kinds }`, kinds from `429`, `503`, `500-after`, `drop-before`, `drop-after`,
 * `slow`; POST and GET alike; or `{ pick(request) }` answering a kind or null), `actionMs` (time each async action takes), `exportMs`,
 * `reject(kind, record)` (a reason to fail a record with, or null), `bulkLimit` (bytes of a bulk
 * or metadata body, 10 485 760 by default), `customers`, `products`
 * (records it holds at the start).
 */
export async function startStandin(options = {}) {
  const { appId = 'app-id', appToken = 'app-token', rateLimit = null, actionMs = 5, exportMs = 5, reject = () => null, bulkLimit = BULK_LIMIT } = options;
  const random = seededRandom(options.faults?.seed ?? 1);
  const faultRate = options.faults?.rate ?? 0;
  const faultKinds = options.faults?.kinds ?? [];
  const store = { customers: new Map(), products: new Map(), orders: new Map() };
  const ids = { customers: 'cust', products: 'prod', orders: 'ord' };
  let counter = 0;
  const nextId = (prefix) => `${prefix}_${String((counter += 1)).padStart(8, '0')}`;
  for (const kind of ['customers', 'products']) {
    for (const record of options[kind] ?? []) store[kind].set(record.source_id, { id: nextId(ids[kind]), ...structuredClone(record) });
  }
  const actions = [];
  const exports = new Map();
  const applications = new Map();
  const stats = { requests: 0, byOperation: {}, overLimit: 0, faults: {}, unauthorized: 0 };
  const hooks = { beforeProcess: null, afterRespond: null };
  const windowCounts = new Map();
  let queueEnd = 0;
  let base = '';

  function settle() {
    const now = Date.now();
    for (const action of actions) if (!action.applied && action.endAt <= now) apply(action);
  }

  function apply(action) {
    action.applied = true;
    applications.set(action.hash, (applications.get(action.hash) ?? 0) + 1);
    const errors = [];
    const report = [];
    let done = 0;
    if (action.kind === 'metadata') {
      for (const sourceId of action.body.source_ids) {
        const found = action.store.has(sourceId);
        const record = action.store.get(sourceId) ?? { id: nextId(ids[action.collection]), source_id: sourceId };
        record.metadata = { ...(record.metadata ?? {}), ...action.body.metadata };
        action.store.set(sourceId, record);
        report.push([sourceId, found, true]);
        done += 1;
      }
    } else {
      for (const item of action.body) {
        const sourceId = item?.source_id;
        const reason = typeof sourceId !== 'string' || sourceId === '' ? 'source_id is required' : reject(action.collection, item);
        const named = typeof item?.id === 'string' ? [...action.store.values()].find((record) => record.id === item.id) : undefined;
        if (reason || (named && named.source_id !== sourceId)) {
          const message = reason ?? `the id ${item.id} belongs to the record with source_id ${named.source_id}; a source_id never changes`;
          errors.push(action.collection === 'orders' ? { source_id: sourceId, reason: message } : { message, details: message, key: reason ? 'invalid_payload' : 'source_id_immutable', source_id: sourceId });
          continue;
        }
        const found = action.store.has(sourceId);
        const record = action.store.get(sourceId) ?? { id: nextId(ids[action.collection]), source_id: sourceId };
        for (const [key, value] of Object.entries(item)) {
          if (key === 'id' || key === 'source_id') continue;
          if ((key === 'metadata' || key === 'address') && value && typeof value === 'object') record[key] = { ...(record[key] ?? {}), ...value };
          else record[key] = value;
        }
        action.store.set(sourceId, record);
        report.push([sourceId, found, true]);
        done += 1;
      }
    }
    action.result = action.collection === 'orders'
      ? { message: `${done} order(s) imported successfully, ${errors.length} failed.`, done_count: done, failed_count: errors.length, failed: errors }
      : action.kind === 'metadata'
        ? { errors }
        : { done_count: done, failed_count: errors.length, errors, reports: [`${base}/reports/${action.id}.csv`], reports_available_till: new Date(Date.now() + 86_400_000).toISOString() };
    action.report = report;
  }

  function actionView(action) {
    settle();
    const now = Date.now();
    const status = action.applied ? 'DONE' : now < action.startAt ? 'ENQUEUED' : 'IN_PROGRESS';
    const progress = action.applied ? 100 : now < action.startAt ? 0 : Math.min(99, Math.floor(((now - action.startAt) / Math.max(1, action.endAt - action.startAt)) * 100));
    return {
      id: action.id,
      type: action.type,
      status,
      operation_status: action.applied ? 'SUCCESS' : 'UNKNOWN',
      created_at: action.createdAt,
      updated_at: new Date(now).toISOString(),
      request_id: `v-${action.id}`,
      progress,
      object: 'async_action',
      ...(action.applied ? { result: action.result } : {}),
    };
  }

  function createAction(type, kind, collection, body, hash) {
    const now = Date.now();
    const startAt = Math.max(now, queueEnd);
    const endAt = startAt + actionMs;
    queueEnd = endAt;
    const action = { id: nextId('aa'), type, kind, collection, store: store[collection], body, hash, createdAt: new Date(now).toISOString(), startAt, endAt, applied: false };
    actions.push(action);
    setTimeout(settle, endAt - now + 1).unref();
    return action;
  }

  /** The route of a request: `{ status, body, text?, headers?, contentType? }`. */
  function route(method, url, text, hash) {
    const path = url.pathname;
    let match;
    if (method === 'POST' && (match = path.match(/^\/v1\/(customers|products)\/(bulk|metadata)\/async$/))) {
      if (Buffer.byteLength(text) > bulkLimit) return { status: 413, body: { statusCode: 413, error: 'Request Entity Too Large', message: `Payload content length greater than maximum allowed: ${bulkLimit}` } };
      const body = parse(text);
      const [, collection, what] = match;
      const valid = what === 'bulk' ? Array.isArray(body) : body && Array.isArray(body.source_ids) && body.metadata && typeof body.metadata === 'object';
      if (!valid) return invalid('the body does not match the schema of the operation');
      const type = `${collection.toUpperCase()}.${what === 'bulk' ? 'BULK_UPDATE' : 'METADATA_UPDATE'}`;
      return { status: 202, body: { async_action_id: createAction(type, what, collection, body, hash).id } };
    }
    if (method === 'POST' && path === '/v1/orders/import') {
      const body = parse(text);
      if (!Array.isArray(body)) return invalid('the body must be an array of orders');
      if (body.length > 2000) return invalid('at most 2000 orders per request');
      return { status: 200, body: { async_action_id: createAction('ORDERS.IMPORT', 'import', 'orders', body, hash).id } };
    }
    if (method === 'GET' && path === '/v1/async-actions') {
      settle();
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10) || 10);
      const newest = actions.slice().reverse();
      return { status: 200, body: { object: 'list', data_ref: 'async_actions', async_actions: newest.slice(0, limit).map(actionView).map(({ result, ...rest }) => rest), has_more: newest.length > limit } };
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/async-actions\/([^/]+)$/))) {
      const action = actions.find((candidate) => candidate.id === match[1]);
      return action ? { status: 200, body: actionView(action) } : notFound('async_action', match[1]);
    }
    if (method === 'GET' && (match = path.match(/^\/reports\/([^/]+)\.csv$/))) {
      settle();
      const action = actions.find((candidate) => candidate.id === match[1] && candidate.applied);
      if (!action) return notFound('report', match[1]);
      return { status: 200, text: csv(['source_id', 'found', 'updated'], action.report.map(([key, found, updated]) => [key, String(found), String(updated)])), contentType: 'text/csv' };
    }
    if (method === 'POST' && path === '/v1/exports') {
      settle();
      const body = parse(text);
      const collection = { customer: 'customers', product: 'products', order: 'orders' }[body?.exported_object];
      if (!collection) return invalid('exported_object must be one of customer, product, order');
      const fields = body.parameters?.fields ?? ['source_id', 'name'];
      const id = nextId('exp');
      const file = csv(fields, [...store[collection].values()].map((record) => fields.map((field) => exportCell(record, field))));
      const entry = { id, object: 'export', created_at: new Date().toISOString(), doneAt: Date.now() + exportMs, channel: 'API', exported_object: body.exported_object, parameters: { fields }, token: `tok${id}`, file };
      exports.set(id, entry);
      return { status: 200, body: exportView(entry) };
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/exports\/([^/]+)$/))) {
      const entry = exports.get(match[1]);
      if (!entry) return notFound('export', match[1]);
      if (url.searchParams.has('token')) {
        return url.searchParams.get('token') === entry.token && Date.now() >= entry.doneAt ? { status: 200, text: entry.file, contentType: 'text/plain' } : { status: 401, body: { code: 401, key: 'unauthorized', message: 'Unauthorized' } };
      }
      return { status: 200, body: exportView(entry) };
    }
    if (method === 'GET' && (match = path.match(/^\/v1\/(customers|products)$/))) {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10) || 10);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const all = [...store[match[1]].values()];
      return { status: 200, body: { object: 'list', data_ref: match[1], [match[1]]: all.slice((page - 1) * limit, page * limit), total: all.length, has_more: page * limit < all.length } };
    }
    return { status: 404, body: { code: 404, key: 'not_found', message: `no route for ${method} ${path}` } };
  }

  function exportView(entry) {
    const done = Date.now() >= entry.doneAt;
    const { doneAt, token, file, ...view } = entry;
    return { ...view, status: done ? 'DONE' : 'IN_PROGRESS', result: done ? { url: `${base}/v1/exports/${entry.id}?token=${token}` } : null, user_id: null };
  }

  function limitHeaders() {
    if (!rateLimit) return { allowed: true, headers: {} };
    const now = Date.now();
    const start = Math.floor(now / rateLimit.windowMs) * rateLimit.windowMs;
    const used = (windowCounts.get(start) ?? 0) + 1;
    windowCounts.set(start, used);
    const reset = start + rateLimit.windowMs;
    const headers = {
      'x-rate-limit-limit': String(rateLimit.calls),
      'x-rate-limit-remaining': String(Math.max(0, rateLimit.calls - used)),
      'x-rate-limit-retry': String(Math.ceil(reset / 1000)),
      'x-rate-limit-type': 'api_calls',
    };
    if (used <= rateLimit.calls) return { allowed: true, headers };
    return { allowed: false, headers: { ...headers, 'retry-after': String(Math.max(1, Math.ceil((reset - now) / 1000))) } };
  }

  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', async () => {
      const bytes = Buffer.concat(chunks);
      const text = bytes.toString('utf8');
      const url = new URL(request.url, base);
      const operation = `${request.method} ${url.pathname.replace(/\/(aa|exp|cust|prod|ord)_[^/]+/g, '/{$1_id}').replace(/\/reports\/[^/]+/, '/reports/{report}')}`;
      stats.requests += 1;
      stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
      const info = { n: stats.requests, method: request.method, path: url.pathname, operation };
      const send = (status, body, headers = {}, contentType = 'application/json') => {
        if (response.destroyed) return;
        response.writeHead(status, { 'content-type': contentType, ...headers });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
        hooks.afterRespond?.(info);
      };
      const downloading = url.searchParams.has('token');
      if (!downloading && (request.headers['x-app-id'] !== appId || request.headers['x-app-token'] !== appToken)) {
        stats.unauthorized += 1;
        send(401, { code: 401, key: 'unauthorized', message: 'Unauthorized' });
        return;
      }
      const limit = limitHeaders();
      if (!limit.allowed) {
        stats.overLimit += 1;
        send(429, { code: 429, message: 'Too many requests hit the API too quickly.' }, limit.headers);
        return;
      }
      const fault = options.faults?.pick
        ? options.faults.pick(info)
        : faultRate > 0 && faultKinds.length > 0 && random() < faultRate ? faultKinds[Math.floor(random() * faultKinds.length)] : null;
      if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      hooks.beforeProcess?.(info);
      if (fault === '429') return send(429, { code: 429, message: 'Too many requests hit the API too quickly.' }, { ...limit.headers, 'retry-after': '0' });
      if (fault === '503') return send(503, { code: 503, message: 'Service Unavailable' }, limit.headers);
      if (fault === 'drop-before') return request.socket.destroy();
      if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(random() * 80)));
      const hash = createHash('sha256').update(bytes).digest('hex');
      const answer = route(request.method, url, text, hash);
      if (fault === 'drop-after') return request.socket.destroy();
      if (fault === '500-after') return send(500, { code: 500, message: 'Internal Server Error' }, limit.headers);
      send(answer.status, answer.text ?? answer.body, limit.headers, answer.contentType);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  return {
    url: base,
    store,
    actions,
    applications,
    stats,
    hooks,
    /** Applies every async action that is due (or, with `all`, every one) and resolves when done. */
    async drain() {
      while (actions.some((action) => !action.applied)) {
        await new Promise((resolve) => setTimeout(resolve, actionMs));
        settle();
      }
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function exportCell(record, field) {
  if (CUSTOMER_COLUMNS[field]) return record.address?.[CUSTOMER_COLUMNS[field]] ?? '';
  const value = record[field];
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** RFC 4180 CSV: a header and rows, fields quoted when they need it. */
export function csv(header, rows) {
  const cell = (value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows].map((row) => row.map((value) => cell(String(value))).join(',')).join('\r\n') + '\r\n';
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function invalid(message) {
  return { status: 400, body: { code: 400, key: 'invalid_payload', message: 'Invalid payload', details: message } };
}

function notFound(type, id) {
  return { status: 404, body: { code: 404, key: 'not_found', message: 'Resource not found', details: `Cannot find ${type} with id ${id}`, resource_id: id, resource_type: type } };
}

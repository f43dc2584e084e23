// fake-api.mjs: a stand-in of Voucherify's client-side API on 127.0.0.1 for the client tests.
//
// It records every request and checks it against the API's contract: method, path, the client
// headers (and no server key), and the JSON body against the operation's request schema in the
// spec, with ajv (tests/contract/lib/spec.mjs, with its documented deviations). It answers from a
// script the test writes, one answer per request and path: a JSON answer (the spec's own response
// examples, or bodies built from its response schemas), a slow answer, a stalled body, or a
// dropped connection.

import { createServer } from 'node:http';

import { createAjv, formatAjvErrors, loadSpec, specValidate } from '../contract/lib/spec.mjs';

/** The client-side paths, and the operation whose request schema checks each body. */
export const CLIENT_PATHS = Object.freeze({
  '/client/v1/validations': 'POST /client/v1/validations',
  '/client/v1/redemptions': 'POST /client/v1/redemptions',
  '/client/v1/qualifications': 'POST /client/v1/qualifications',
});

/** Headers that carry server secrets; a client request must never hold one. */
const SERVER_HEADERS = ['x-app-id', 'x-app-token', 'authorization'];

/**
 * Starts the server. `expect` holds the client keys every request must carry. Resolves with
 * `{ url, requests, problems, script(path, ...answers), close() }`: `requests` are
 * `{ method, path, headers, text, body, at, time }` (`at` from `performance.now()`, `time` from
 * `Date.now()`, both when the request ended), and
 * `problems` lists every way a request broke the contract.
 */
export async function startFakeApi({ clientApplicationId, clientToken }) {
  const requests = [];
  const problems = [];
  const queues = new Map();
  const timers = new Set();
  const server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const record = { method: request.method, path: request.url, headers: request.headers, text, body: undefined, at: performance.now(), time: Date.now() };
      requests.push(record);
      problems.push(...checkRequest(record, { clientApplicationId, clientToken }).map((problem) => `${request.method} ${request.url}: ${problem}`));
      const answer = queues.get(request.url)?.shift();
      if (answer === undefined) {
        problems.push(`${request.method} ${request.url}: no scripted answer`);
        respond(response, { status: 500, body: { code: 500, message: 'no scripted answer' } });
        return;
      }
      const resolved = typeof answer === 'function' ? answer(record) : answer;
      play(resolved, request, response, timers);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    /** Appends answers for `path`, used in order, one per request. */
    script(path, ...answers) {
      if (!queues.has(path)) queues.set(path, []);
      queues.get(path).push(...answers);
    },
    /** The requests to `path`. */
    requestsTo(path) {
      return requests.filter((r) => r.path === path);
    },
    /** Stops the server, dropping open connections and pending answers. */
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The ways a request breaks the contract (empty when it keeps it). */
function checkRequest(record, { clientApplicationId, clientToken }) {
  const out = [];
  const { headers } = record;
  if (record.method !== 'POST') out.push(`method ${record.method}, not POST`);
  const operation = CLIENT_PATHS[record.path];
  if (!operation) out.push('not a client-side path');
  if (headers['x-client-application-id'] !== clientApplicationId) out.push('x-client-application-id is not the client application id');
  if (headers['x-client-token'] !== clientToken) out.push('x-client-token is not the client token');
  if (!/^application\/json(;|$)/.test(headers['content-type'] ?? '')) out.push(`content-type is ${headers['content-type']}, not application/json`);
  if (typeof headers.origin !== 'string' || headers.origin === '') out.push('no origin header (required outside a browser)');
  for (const name of SERVER_HEADERS) if (name in headers) out.push(`a server header ${name} was sent`);
  try {
    record.body = JSON.parse(record.text);
  } catch {
    out.push('the body is not JSON');
    return out;
  }
  if (operation) {
    const result = specValidate(operation, record.body);
    if (!result.valid) out.push(`the body breaks ${operation}'s request schema:\n${formatAjvErrors(result.errors)}`);
  }
  return out;
}

/**
 * Plays one answer:
 * - `{ status, body, headers }`: a JSON answer (`body` a value, or `text` for a raw body);
 * - `{ delayMs, ...answer }`: the same answer after `delayMs` (nothing at all until then);
 * - `{ stallBody: true, status, headers }`: the status and headers at once, then a body that
 *   never ends;
 * - `{ endlessBody: true, status }`: the status, then a body that streams without end (and without
 *   a Content-Length) as fast as the client reads it, until the client closes the connection;
 * - `{ drop: true }`: the connection is destroyed without an answer.
 */
function play(answer, request, response, timers) {
  if (answer.delayMs) {
    const { delayMs, ...rest } = answer;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!response.destroyed) play(rest, request, response, timers);
    }, delayMs);
    timers.add(timer);
    return;
  }
  if (answer.drop) {
    request.socket.destroy();
    return;
  }
  if (answer.stallBody) {
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    response.write('{"valid": ');
    return;
  }
  if (answer.endlessBody) {
    response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (!response.destroyed && response.write(chunk));
    };
    response.on('drain', pump);
    response.write('[');
    pump();
    return;
  }
  respond(response, answer);
}

function respond(response, { status = 200, body, text, headers = {} }) {
  const payload = text ?? JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

// ---------------------------------------------------------------------------------------------
// Answers from the spec.

/** A deep copy of a response example of `POST /v1/validations` (validations.json). */
export function validationExample(name) {
  const media = loadSpec('validations.json').paths['/v1/validations'].post.responses['200'].content['application/json'];
  return structuredClone(media.examples[name].value);
}

/** A deep copy of a 400 error example of `POST /client/v1/validations` (client-side.json). */
export function errorExample(name) {
  const media = loadSpec('client-side.json').paths['/client/v1/validations'].post.responses['400'].content['application/json'];
  return structuredClone(media.examples[name].value);
}

/**
 * client-side.json as its response schemas can be compiled. The response schemas write a
 * nullable reference as `{ nullable: true, allOf: [{ $ref }] }` (a redemption's `order` and
 * `customer`, for example). OpenAPI 3.0 ignores `nullable` without a `type`, and ajv refuses to
 * compile it, so each such node is read as "null, or the schema": `{ anyOf: [{ type: "null" },
 * <the node without nullable>] }`. `NULLABLE_WITHOUT_TYPE` counts them (the tests check that
 * there are some, so the reading stays needed). The request schemas are not touched by this.
 */
function responseSpec() {
  const copy = structuredClone(loadSpec('client-side.json'));
  let count = 0;
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'example' || key === 'examples' ? value : walk(value)]));
    if (out.nullable === true && !('type' in out)) {
      count += 1;
      const { nullable, ...rest } = out;
      return { anyOf: [{ type: 'null' }, rest] };
    }
    return out;
  };
  copy.components = walk(copy.components);
  return { spec: copy, count };
}

let responseAjv;
/** How many `nullable` nodes without a `type` client-side.json has (see `responseSpec`). */
export let NULLABLE_WITHOUT_TYPE = 0;
const responseValidators = new Map();

/** Validates `body` against a response schema of client-side.json, e.g. `ClientRedemptionsRedeemResponseBody`. */
export function checkResponse(schemaName, body) {
  if (!responseAjv) {
    const { spec, count } = responseSpec();
    NULLABLE_WITHOUT_TYPE = count;
    responseAjv = createAjv();
    responseAjv.addSchema(spec, 'client-side.json', undefined, false);
  }
  if (!responseValidators.has(schemaName)) {
    responseValidators.set(schemaName, responseAjv.compile({ $ref: `client-side.json#/components/schemas/${schemaName}` }));
  }
  const validate = responseValidators.get(schemaName);
  const valid = validate(body);
  return { valid, errors: valid ? [] : [...validate.errors] };
}

/**
 * A redemption answer for `requestBody`, built from `ClientRedemptionsRedeemResponseBody`: a
 * parent redemption, one child per requested redeemable (gift cards spend their credits, loyalty
 * cards their points, the rest take 10 %), and the order. Throws when the built answer breaks the
 * response schema, so that the fake never answers what the API could not.
 */
export function redemptionAnswer(requestBody) {
  const date = '2024-05-06T07:08:09.123Z';
  const amount = requestBody.order?.amount ?? 0;
  let left = amount;
  const customer = requestBody.customer?.source_id ? { id: 'cust_fake0001', source_id: requestBody.customer.source_id, object: 'customer' } : null;
  const base = (id, fields) => ({
    id,
    object: 'redemption',
    date,
    customer_id: customer?.id ?? null,
    tracking_id: requestBody.tracking_id ?? null,
    metadata: requestBody.metadata ?? {},
    result: 'SUCCESS',
    status: 'SUCCEEDED',
    order: null,
    channel: { channel_id: 'app_fake', channel_type: 'API' },
    customer,
    ...fields,
  });
  const children = requestBody.redeemables.map((redeemable, index) => {
    const off = redeemable.gift ? Math.min(redeemable.gift.credits, left) : Math.round(left / 10);
    left -= off;
    const child = base(`r_child_${index}`, {
      redemption: 'r_parent',
      related_object_type: redeemable.object === 'promotion_tier' ? 'promotion_tier' : 'voucher',
      related_object_id: redeemable.id,
      order: { amount, total_applied_discount_amount: off, object: 'order' },
    });
    if (redeemable.gift) Object.assign(child, { amount: off, gift: { amount: off } });
    if (redeemable.reward) Object.assign(child, { amount: redeemable.reward.points, loyalty_card: { points: redeemable.reward.points } });
    if (requestBody.session?.key) child.session = { key: requestBody.session.key };
    return child;
  });
  const discount = amount - left;
  const order = { amount, total_discount_amount: discount, total_amount: left, total_applied_discount_amount: discount, object: 'order' };
  const answer = {
    redemptions: children,
    parent_redemption: base('r_parent', {
      redemption: null,
      related_object_type: 'redemption',
      related_object_id: 'r_parent',
      order,
      related_redemptions: { redemptions: children.map((child) => ({ id: child.id, date })) },
    }),
    order,
    inapplicable_redeemables: [],
    skipped_redeemables: [],
  };
  const checked = checkResponse('ClientRedemptionsRedeemResponseBody', answer);
  if (!checked.valid) throw new Error(`the built redemption answer breaks the response schema:\n${formatAjvErrors(checked.errors)}`);
  return answer;
}

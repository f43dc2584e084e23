// client.test.mjs: the client-side API client against a local stand-in of the API
// (fake-api.mjs) that checks every request against the spec and answers from a script: the
// spec's own examples, rate limits, error bodies, slow answers, dropped connections.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { after, before, test } from 'node:test';

import { createClient, prepareStackableRequest, VoucherifyRequestError, VoucherifySyncError } from '../../pkg/node.js';
import { loadSpec, requestExamples } from '../contract/lib/spec.mjs';
import {
  checkResponse,
  errorExample,
  NULLABLE_WITHOUT_TYPE,
  redemptionAnswer,
  startFakeApi,
  validationExample,
} from './fake-api.mjs';

const CLIENT_ID = 'c0a7e3d2-client-application-id';
const CLIENT_TOKEN = 'ct_public_9f8e7d6c5b4a3f2e1d0c';
const SERVER_TOKEN = 'sk_live_SERVER_SECRET_0123456789abcdef';
const SERVER_APP_ID = 'srv-app-5551234-secret-id';
const ORIGIN = 'https://shop.example.com';
const SECRETS = [CLIENT_TOKEN, SERVER_TOKEN, SERVER_APP_ID];

const VALIDATIONS = '/client/v1/validations';
const REDEMPTIONS = '/client/v1/redemptions';
const QUALIFICATIONS = '/client/v1/qualifications';

// ---------------------------------------------------------------------------------------------
// Helpers.

/** Every console line written while the tests run, to prove that nothing logs a token. */
const consoleLines = [];
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
const originalConsole = Object.fromEntries(consoleMethods.map((name) => [name, console[name]]));
before(() => {
  for (const name of consoleMethods) {
    console[name] = (...args) => {
      consoleLines.push(args.map(String).join(' '));
      originalConsole[name](...args);
    };
  }
});
after(() => Object.assign(console, originalConsole));

let errorsChecked = 0;

/**
 * Every string an error exposes: its own properties, enumerable or not (message, stack, cause,
 * details, key, requestId, issues), followed through objects, arrays and the cause chain.
 */
function exposedStrings(value, seen = new Set()) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.getOwnPropertyNames(value).flatMap((name) => [name, ...exposedStrings(value[name], seen)]);
}

/**
 * No secret anywhere the error shows: the message, the string form, its JSON, Node's own
 * rendering of it (stack, fields and cause chain, by util.inspect), and every string reachable
 * from its properties.
 */
function assertNoSecrets(error) {
  const views = [error.message, String(error), JSON.stringify({ ...error }), JSON.stringify(error), String(error.cause ?? ''), inspect(error, { depth: Infinity, showHidden: true }), ...exposedStrings(error)];
  for (const secret of SECRETS) {
    for (const view of views) assert.ok(!view.includes(secret), `a secret appears in the error: ${view}`);
  }
  errorsChecked += 1;
}

/** The error `promise` rejects with, checked for secrets. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    assertNoSecrets(error);
    return error;
  }
  return assert.fail('expected a rejection');
}

/** The error `make` throws, checked for secrets. */
function thrown(make) {
  try {
    make();
  } catch (error) {
    assertNoSecrets(error);
    return error;
  }
  return assert.fail('expected a throw');
}

const clientOptions = (api, options = {}) => ({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, apiUrl: api.url, ...options });

/** A fake API for this test (closed after it) and a client pointed at it. */
async function setUp(t, options = {}) {
  const api = await startFakeApi({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN });
  t.after(() => api.close());
  return { api, client: createClient(clientOptions(api, options)) };
}

/** Every request the fake saw kept the contract. */
function assertContract(api) {
  assert.deepEqual(api.problems, [], api.problems.join('\n'));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const example = (operation, name) => requestExamples(operation).find((e) => e.name === name).value;
const VALIDATION_BODY = example('POST /client/v1/validations', '5 Redeemables');
const REDEMPTION_BODY = example('POST /client/v1/redemptions', 'Example');
const QUALIFICATION_BODY = example('POST /v1/qualifications', 'ALL scenario with options');
const ok = (body, headers) => ({ status: 200, body, headers });
const TOO_MANY = { code: 429, message: 'Too many requests hit the API too quickly.' };

// ---------------------------------------------------------------------------------------------
// Requests and answers.

test('validate sends the client headers, an origin and a body the spec accepts, and resolves with the answer', async (t) => {
  const { api, client } = await setUp(t);
  const answer = validationExample('True - 5 Redeemables');
  api.script(VALIDATIONS, ok(answer));
  assert.deepEqual(await client.validate(VALIDATION_BODY), answer);
  assertContract(api);
  assert.equal(api.requests.length, 1);
  const [{ headers, body }] = api.requests;
  assert.equal(headers['x-client-application-id'], CLIENT_ID);
  assert.equal(headers['x-client-token'], CLIENT_TOKEN);
  assert.equal(headers['content-type'], 'application/json');
  assert.equal(headers.origin, ORIGIN);
  for (const name of ['x-app-id', 'x-app-token', 'authorization']) assert.equal(headers[name], undefined, name);
  assert.deepEqual(body, VALIDATION_BODY);
});

test('redeem and qualify post to their paths; the redemption answer is built from the response schema and passes it', async (t) => {
  const { api, client } = await setUp(t);
  const redemption = redemptionAnswer(REDEMPTION_BODY);
  assert.equal(checkResponse('ClientRedemptionsRedeemResponseBody', redemption).valid, true);
  // The response schemas need the "nullable without a type" reading of fake-api.mjs to compile.
  assert.ok(NULLABLE_WITHOUT_TYPE > 0);
  const qualification = structuredClone(
    loadSpec('qualifications.json').paths['/v1/qualifications'].post.responses['200'].content['application/json'].examples['Qualification for bundles'].value,
  );
  api.script(REDEMPTIONS, ok(redemption));
  api.script(QUALIFICATIONS, ok(qualification));
  assert.deepEqual(await client.redeem(REDEMPTION_BODY), redemption);
  assert.deepEqual(await client.qualify(QUALIFICATION_BODY), qualification);
  assertContract(api);
  assert.deepEqual(api.requests.map((r) => r.path), [REDEMPTIONS, QUALIFICATIONS]);
});

test('a body given as JSON text is sent as it is; a body with no JSON form is refused before sending', async (t) => {
  const { api, client } = await setUp(t);
  api.script(VALIDATIONS, ok(validationExample('False')));
  await client.validate(JSON.stringify(VALIDATION_BODY));
  assert.equal(api.requests[0].text, JSON.stringify(VALIDATION_BODY));
  for (const body of [{ redeemables: [{ object: 'voucher', id: 'A', n: 1n }] }, undefined]) {
    const error = await rejection(client.validate(body));
    assert.ok(error instanceof VoucherifySyncError);
    assert.equal(error.code, 'invalid_argument');
  }
  const cyclic = { redeemables: [] };
  cyclic.self = cyclic;
  assert.equal((await rejection(client.validate(cyclic))).code, 'invalid_argument');
  assert.equal(api.requests.length, 1);
  assertContract(api);
});

// ---------------------------------------------------------------------------------------------
// Rate limits.

test('a 429 with Retry-After: 1 is retried once after at least a second', async (t) => {
  const { api, client } = await setUp(t);
  const answer = validationExample('True - 5 Redeemables');
  api.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': '1' } }, ok(answer));
  assert.deepEqual(await client.validate(VALIDATION_BODY), answer);
  assert.equal(api.requests.length, 2);
  const waited = api.requests[1].at - api.requests[0].at;
  assert.ok(waited >= 950, `retried after ${waited} ms`);
  assertContract(api);
});

test('a 429 with X-Rate-Limit-Retry (epoch seconds) is retried at that time', async (t) => {
  const { api, client } = await setUp(t);
  const epoch = Math.floor(Date.now() / 1000) + 2;
  api.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'x-rate-limit-retry': String(epoch), 'x-rate-limit-type': 'api_calls' } }, ok(validationExample('False')));
  await client.validate(VALIDATION_BODY);
  assert.equal(api.requests.length, 2);
  assert.ok(api.requests[1].time >= epoch * 1000 - 50, `retried ${epoch * 1000 - api.requests[1].time} ms early`);
  assert.ok(api.requests[1].at - api.requests[0].at >= 900);
  assertContract(api);
});

test('a redemption is retried after a 429, which the API did not process', async (t) => {
  const { api, client } = await setUp(t);
  const redemption = redemptionAnswer(REDEMPTION_BODY);
  api.script(REDEMPTIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': '0' } }, ok(redemption));
  assert.deepEqual(await client.redeem(REDEMPTION_BODY), redemption);
  assert.equal(api.requests.length, 2);
  assertContract(api);
});

test('maxRetries bounds the retries: 2 retries are 3 requests, then the 429 is thrown', async (t) => {
  const { api, client } = await setUp(t, { maxRetries: 2 });
  const limited = { status: 429, body: TOO_MANY, headers: { 'retry-after': '0' } };
  api.script(VALIDATIONS, limited, limited, limited, limited);
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.ok(error instanceof VoucherifyRequestError);
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfter, 0);
  assert.match(error.message, /Too many requests/);
  assert.equal(api.requests.length, 3);

  const { api: once, client: noRetry } = await setUp(t, { maxRetries: 0 });
  once.script(VALIDATIONS, limited, limited);
  assert.equal((await rejection(noRetry.validate(VALIDATION_BODY))).status, 429);
  assert.equal(once.requests.length, 1);
  assertContract(api);
  assertContract(once);
});

test('a Retry-After longer than maxRetryDelayMs is thrown at once, with retryAfter set', async (t) => {
  const { api, client } = await setUp(t, { maxRetryDelayMs: 5000 });
  api.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': '120' } }, ok(validationExample('False')));
  const started = performance.now();
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.ok(performance.now() - started < 1000, 'it did not wait');
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.status, 429);
  assert.equal(error.retryAfter, 120);
  assert.equal(api.requests.length, 1);
  assertContract(api);
});

// ---------------------------------------------------------------------------------------------
// Errors.

test('a 400 with a Voucherify error body becomes a VoucherifyRequestError with its fields, not retried', async (t) => {
  const { api, client } = await setUp(t);
  const body = errorExample('Duplicated Redeemables');
  assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'key', 'message', 'request_id']);
  api.script(VALIDATIONS, { status: 400, body }, ok(validationExample('False')));
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.ok(error instanceof Error);
  assert.ok(error instanceof VoucherifySyncError);
  assert.ok(error instanceof VoucherifyRequestError);
  assert.equal(error.name, 'VoucherifyRequestError');
  assert.equal(error.status, 400);
  assert.equal(error.code, 'http_error');
  assert.equal(error.key, 'duplicated_redeemables');
  assert.equal(error.details, body.details);
  assert.equal(error.requestId, body.request_id);
  assert.equal(error.retryAfter, null);
  assert.match(error.message, /^400: Duplicated redeemables detected/);
  assert.equal(api.requests.length, 1, 'a 400 is not retried');
  assertContract(api);
});

test('a 413 answer of the {statusCode, error, message} shape surfaces its message', async (t) => {
  const { api, client } = await setUp(t);
  const body = { statusCode: 413, error: 'Request Entity Too Large', message: 'Payload content length greater than maximum allowed: 10485760' };
  api.script(VALIDATIONS, { status: 413, body });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.status, 413);
  assert.equal(error.code, 'http_error');
  assert.equal(error.key, null);
  assert.equal(error.retryAfter, null);
  assert.ok(error.message.includes('Payload content length greater than maximum allowed: 10485760'), error.message);
  assert.equal(api.requests.length, 1);
  assertContract(api);
});

test('an answer slower than timeoutMs is a timeout with status 0', async (t) => {
  const { api, client } = await setUp(t, { timeoutMs: 200, maxRetries: 0 });
  api.script(VALIDATIONS, { delayMs: 3000, ...ok(validationExample('False')) });
  const started = performance.now();
  const error = await rejection(client.validate(VALIDATION_BODY));
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 180 && elapsed < 1500, `gave up after ${elapsed} ms`);
  assert.ok(error instanceof VoucherifyRequestError);
  assert.equal(error.code, 'timeout');
  assert.equal(error.status, 0);
  assert.equal(error.key, null);
  assertContract(api);
});

test('an answer whose body stalls after the headers times out too', async (t) => {
  const { api, client } = await setUp(t, { timeoutMs: 200, maxRetries: 0 });
  api.script(VALIDATIONS, { stallBody: true, status: 200 });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.code, 'timeout');
  assert.equal(error.status, 0);
  assertContract(api);
});

test('a validation is retried after a timeout and a dropped connection, and succeeds', async (t) => {
  const { api, client } = await setUp(t, { timeoutMs: 200 });
  const answer = validationExample('True - 5 Redeemables');
  api.script(VALIDATIONS, { delayMs: 2000, ...ok(answer) }, { drop: true }, ok(answer));
  assert.deepEqual(await client.validate(VALIDATION_BODY), answer);
  assert.equal(api.requests.length, 3);
  assertContract(api);
});

test('a dropped connection is a network_error with status 0', async (t) => {
  const { api, client } = await setUp(t, { maxRetries: 0 });
  api.script(VALIDATIONS, { drop: true });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.ok(error instanceof VoucherifyRequestError);
  assert.equal(error.code, 'network_error');
  assert.equal(error.status, 0);
  assertContract(api);
});

test('a validation is retried after a 503 and succeeds', async (t) => {
  const { api, client } = await setUp(t);
  const answer = validationExample('True - 5 Redeemables');
  api.script(VALIDATIONS, { status: 503, body: { code: 503, message: 'Service Unavailable' } }, ok(answer));
  assert.deepEqual(await client.validate(VALIDATION_BODY), answer);
  assert.equal(api.requests.length, 2);
  assertContract(api);
});

test('a redemption is NOT retried after a 503, a timeout or a dropped connection: exactly one request each', async (t) => {
  const unsure = [
    [{ status: 503, body: { code: 503, message: 'Service Unavailable' } }, 'http_error', 503],
    [{ delayMs: 1500, ...ok({}) }, 'timeout', 0],
    [{ drop: true }, 'network_error', 0],
  ];
  for (const [answer, code, status] of unsure) {
    const { api, client } = await setUp(t, { timeoutMs: 200, maxRetries: 3 });
    api.script(REDEMPTIONS, answer, ok(redemptionAnswer(REDEMPTION_BODY)), ok(redemptionAnswer(REDEMPTION_BODY)));
    const error = await rejection(client.redeem(REDEMPTION_BODY));
    assert.equal(error.code, code);
    assert.equal(error.status, status);
    await sleep(400); // a retry, if one were made, would arrive by now
    assert.equal(api.requests.length, 1, `${code}: ${api.requests.length} requests`);
    assertContract(api);
  }
});

test('an aborted call sends nothing and throws aborted', async (t) => {
  const { api, client } = await setUp(t);
  const controller = new AbortController();
  controller.abort();
  const error = await rejection(client.validate(VALIDATION_BODY, { signal: controller.signal }));
  assert.equal(error.code, 'aborted');
  assert.equal(error.status, 0);
  await sleep(50);
  assert.equal(api.requests.length, 0);
});

// ---------------------------------------------------------------------------------------------
// Validate with a LOCK session, then redeem what applied.

/** The cart of the spec's "5 Redeemables" example (the loyalty card with points). */
const FIVE_CART = {
  codes: ['GNcuPKGe'],
  loyaltyCards: [{ code: 'AnsvocvP', rewardId: 'rew_EPx1hCTpqzF0HW1z9NKckZH4', points: 4 }],
  giftCards: [{ code: 'M3X8IwW8', credits: 100 }],
  promotionTiers: ['promo_DE1N30D731Tg2F6NoMwNas2W', 'promo_NDHgTg4VnOLYNjk9r7WOmQxf'],
  items: [{ skuId: 'sku_0a3efc90375d1217e2', price: 2000, quantity: 1 }, { productId: 'prod_0bc3bd8a4e072c5275', price: 700, quantity: 1 }],
  customer: { source_id: '36_bob' },
};

/**
 * The spec's "True - 5 Redeemables" answer in PARTIAL mode with the last promotion tier
 * INAPPLICABLE: `valid` is false, the tier is in `inapplicable_redeemables`, and the session
 * key of the request is echoed.
 */
function partialAnswer(request) {
  const answer = validationExample('True - 5 Redeemables');
  assert.equal(answer.stacking_rules.redeemables_application_mode, 'PARTIAL');
  const [tier] = answer.redeemables.splice(4, 1);
  assert.equal(tier.id, 'promo_NDHgTg4VnOLYNjk9r7WOmQxf');
  answer.valid = false;
  answer.inapplicable_redeemables = [
    {
      status: 'INAPPLICABLE',
      id: tier.id,
      object: 'promotion_tier',
      result: {
        error: { code: 400, key: 'order_rules_violated', message: 'order does not match validation rules', request_id: 'v-0c6c6e20dc42940f0b' },
        details: { key: 'order_rules_violated', message: 'order does not match validation rules' },
      },
    },
  ];
  answer.session = { ...answer.session, key: request.body.session.key };
  return ok(answer);
}

test('validateThenRedeem locks a session, then redeems only what applied, with the same session key (PARTIAL mode)', async (t) => {
  const { api, client } = await setUp(t);
  api.script(VALIDATIONS, partialAnswer);
  api.script(REDEMPTIONS, (request) => ok(redemptionAnswer(request.body)));
  const result = await client.validateThenRedeem(FIVE_CART);
  assertContract(api);
  assert.deepEqual(api.requests.map((r) => r.path), [VALIDATIONS, REDEMPTIONS]);
  const [validation, redemption] = api.requests.map((r) => r.body);

  // The validation: the prepared body, with a LOCK session and a fresh key.
  const prepared = prepareStackableRequest(FIVE_CART);
  assert.deepEqual({ ...validation, session: undefined }, { ...prepared.body, session: undefined });
  assert.equal(validation.session.type, 'LOCK');
  assert.match(validation.session.key, /^ssn_[0-9a-f]{24}$/);
  // The redemption: the same session key, the four redeemables that applied, the same order.
  assert.deepEqual(redemption.session, { type: 'LOCK', key: validation.session.key });
  assert.deepEqual(redemption.redeemables, validation.redeemables.slice(0, 4));
  assert.deepEqual(redemption.order, validation.order);
  assert.deepEqual(redemption.customer, validation.customer);

  assert.deepEqual(Object.keys(result).sort(), ['redemption', 'summary', 'validation']);
  assert.equal(result.validation.valid, false);
  assert.equal(result.redemption.parent_redemption.id, 'r_parent');
  assert.deepEqual(result.summary.redeemables.map((r) => [r.id, r.status]), [
    ['GNcuPKGe', 'applied'],
    ['M3X8IwW8', 'applied'],
    ['AnsvocvP', 'applied'],
    ['promo_DE1N30D731Tg2F6NoMwNas2W', 'applied'],
  ]);
});

test('validateThenRedeem sends no redemption when the validation fails in ALL mode', async (t) => {
  const { api, client } = await setUp(t);
  const answer = validationExample('False');
  answer.stacking_rules.redeemables_application_mode = 'ALL';
  api.script(VALIDATIONS, ok(answer));
  api.script(REDEMPTIONS, ok(redemptionAnswer({ redeemables: [{ object: 'voucher', id: 'eee33463' }] })));
  const result = await client.validateThenRedeem({ codes: ['eee33463'], promotionTiers: ['promo_Mwy9XpA0TLctSGriM5kum0qp'], session: { key: 'ssn_cart_key', ttl: 10, ttlUnit: 'MINUTES' } });
  assertContract(api);
  assert.deepEqual(api.requests.map((r) => r.path), [VALIDATIONS]);
  assert.deepEqual(api.requests[0].body.session, { type: 'LOCK', key: 'ssn_cart_key', ttl: 10, ttl_unit: 'MINUTES' });
  assert.equal(result.redemption, null);
  assert.equal(result.validation.valid, false);
  assert.deepEqual(result.summary.redeemables.map((r) => [r.id, r.status, r.reasonKey]), [
    ['eee33463', 'inapplicable', 'not_found'],
    ['promo_Mwy9XpA0TLctSGriM5kum0qp', 'skipped', null],
  ]);
});

test('validateThenRedeem refuses an invalid cart before sending anything', async (t) => {
  const { api, client } = await setUp(t);
  const error = await rejection(client.validateThenRedeem({ codes: ['A'], promotionStack: 'stack_1' }));
  assert.ok(error instanceof VoucherifySyncError);
  assert.equal(error.code, 'invalid_cart');
  assert.deepEqual(error.issues.map((i) => [i.code, i.path]), [['conflicting_fields', '/body/redeemables/1']]);
  assert.equal(api.requests.length, 0);
});

// ---------------------------------------------------------------------------------------------
// Creation: public client keys only.

test('createClient refuses server keys in headers, whatever their case or container: server_key_refused', () => {
  const headerSets = [
    { 'X-App-Token': SERVER_TOKEN },
    { 'x-app-token': SERVER_TOKEN },
    { 'x-app-id': SERVER_APP_ID },
    { 'X-App-Id': SERVER_APP_ID, 'X-App-Token': SERVER_TOKEN },
    { Authorization: `Bearer ${SERVER_TOKEN}` },
    { 'X-Voucherify-OAuth': SERVER_TOKEN },
    new Headers({ 'X-App-Token': SERVER_TOKEN }),
    [['X-App-Token', SERVER_TOKEN]],
  ];
  for (const headers of headerSets) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, headers }));
    assert.ok(error instanceof VoucherifySyncError, String(error));
    assert.equal(error.code, 'server_key_refused');
  }
});

test('createClient refuses server secrets passed as options: server_key_refused', () => {
  for (const name of ['secretKey', 'appToken', 'appId', 'applicationId', 'xAppToken', 'xAppId']) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, [name]: SERVER_TOKEN }));
    assert.equal(error.code, 'server_key_refused', name);
    assert.ok(error.message.includes(name));
  }
  const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, apiUrl: `https://app:${SERVER_TOKEN}@api.voucherify.io` }));
  assert.equal(error.code, 'server_key_refused', 'credentials in the API URL');
});

test('createClient needs an origin in Node: missing_origin', () => {
  for (const origin of [undefined, '', '   ', 42]) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin }));
    assert.ok(error instanceof VoucherifySyncError);
    assert.equal(error.code, 'missing_origin');
  }
});

test('createClient needs the client application id and token: invalid_argument', () => {
  const cases = [
    { clientToken: CLIENT_TOKEN },
    { clientApplicationId: CLIENT_ID },
    { clientApplicationId: '', clientToken: CLIENT_TOKEN },
    { clientApplicationId: CLIENT_ID, clientToken: '  ' },
    { clientApplicationId: CLIENT_ID, clientToken: 12345 },
    // A token fetch could not send as a header: fetch's own error would quote it.
    { clientApplicationId: CLIENT_ID, clientToken: `${CLIENT_TOKEN}\n` },
    { clientApplicationId: CLIENT_ID, clientToken: `${CLIENT_TOKEN}€` },
  ];
  for (const options of cases) {
    const error = thrown(() => createClient({ origin: ORIGIN, ...options }));
    assert.ok(error instanceof VoucherifySyncError);
    assert.equal(error.code, 'invalid_argument', JSON.stringify(Object.keys(options)));
  }
  for (const options of [null, 'token', undefined]) assert.equal(thrown(() => createClient(options)).code, 'invalid_argument');
  for (const options of [{ timeoutMs: 0 }, { maxRetries: -1 }, { maxRetryDelayMs: 1.5 }, { apiUrl: 'not a url' }, { headers: 'x-a: b' }, { headers: { 'x-note': 'a\r\nb' } }]) {
    assert.equal(thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, ...options })).code, 'invalid_argument', JSON.stringify(options));
  }
});

test('extra headers are sent, in lower case, and cannot override the client keys', async (t) => {
  const { api, client } = await setUp(t, { headers: { 'X-Correlation-Id': 'corr-1', 'X-Client-Token': 'other', 'Content-Type': 'text/plain' } });
  api.script(VALIDATIONS, ok(validationExample('False')));
  await client.validate(VALIDATION_BODY);
  assertContract(api);
  const [{ headers }] = api.requests;
  assert.equal(headers['x-correlation-id'], 'corr-1');
  assert.equal(headers['x-client-token'], CLIENT_TOKEN);
  assert.equal(headers['content-type'], 'application/json');
});

// ---------------------------------------------------------------------------------------------
// No token in any message.

test('an error answer that quotes the client token has it redacted from the message and details', async (t) => {
  const { api, client } = await setUp(t);
  api.script(VALIDATIONS, { status: 401, body: { code: 401, key: 'unauthorized', message: `invalid token ${CLIENT_TOKEN}`, details: `X-Client-Token ${CLIENT_TOKEN} is not allowed from ${ORIGIN}` } });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.status, 401);
  assert.equal(error.key, 'unauthorized');
  assert.match(error.message, /invalid token \[redacted\]/);
  assert.match(error.details, /X-Client-Token \[redacted\] is not allowed/);
});

// ---------------------------------------------------------------------------------------------
// Redirects: never followed, since they would carry the token elsewhere.

test('a 307 or 302 from the API is redirect_refused with its status and target origin; nothing reaches the other origin', async (t) => {
  const { api, client } = await setUp(t);
  const other = await startFakeApi({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN });
  t.after(() => other.close());
  other.script(REDEMPTIONS, ok(redemptionAnswer(REDEMPTION_BODY)));
  other.script(VALIDATIONS, ok(validationExample('False')));
  api.script(REDEMPTIONS, { status: 307, text: '', headers: { location: `${other.url}${REDEMPTIONS}?token=${CLIENT_TOKEN}` } });
  api.script(VALIDATIONS, { status: 302, text: '', headers: { location: `${other.url}${VALIDATIONS}` } }, ok(validationExample('False')));
  for (const [call, status] of [[() => client.redeem(REDEMPTION_BODY), 307], [() => client.validate(VALIDATION_BODY), 302]]) {
    const error = await rejection(call());
    assert.ok(error instanceof VoucherifyRequestError);
    assert.equal(error.code, 'redirect_refused');
    assert.equal(error.status, status);
    assert.ok(error.message.includes(other.url), error.message);
  }
  assert.equal(other.requests.length, 0, 'the redirect was followed');
  assert.deepEqual(api.requests.map((r) => r.path), [REDEMPTIONS, VALIDATIONS], 'a redirect is not retried');
  assertContract(api);
});

test('a redirect without a Location, or with one that is not a URL, is redirect_refused to an unknown origin, not retried', async (t) => {
  const { api, client } = await setUp(t);
  api.script(VALIDATIONS, { status: 308, text: '', headers: { location: 'http://[not-a-host' } }, { status: 303, text: '' }, ok(validationExample('False')));
  for (const status of [308, 303]) {
    const error = await rejection(client.validate(VALIDATION_BODY));
    assert.equal(error.code, 'redirect_refused');
    assert.equal(error.status, status);
    assert.match(error.message, /an unknown origin/);
  }
  assert.equal(api.requests.length, 2);
  assertContract(api);
});

test('a browser\'s opaqueredirect answer (status 0 under redirect: manual) is redirect_refused too, not retried', async () => {
  const inits = [];
  const fetch = async (url, init) => {
    inits.push(init);
    return { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null, text: async () => '' };
  };
  const client = createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, fetch, maxRetries: 2 });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.code, 'redirect_refused');
  assert.equal(error.status, 0);
  assert.match(error.message, /unknown origin/);
  assert.equal(inits.length, 1);
  assert.equal(inits[0].redirect, 'manual');
});

// ---------------------------------------------------------------------------------------------
// The token is redacted from everything an error exposes.

test('an error answer quoting the token in key, request_id, nested details and a header has it redacted everywhere', async (t) => {
  const { api, client } = await setUp(t, { maxRetries: 0 });
  const body = {
    code: 401,
    key: `bad_token_${CLIENT_TOKEN}`,
    message: 'Unauthorized',
    details: { header: { 'x-client-token': CLIENT_TOKEN }, seen: [`token=${CLIENT_TOKEN}`], [CLIENT_TOKEN]: 1 },
    request_id: `v-${CLIENT_TOKEN}`,
  };
  api.script(VALIDATIONS, { status: 401, body }, { status: 429, text: `rate limited: ${CLIENT_TOKEN}`, headers: { 'x-request-id': CLIENT_TOKEN } });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.key, 'bad_token_[redacted]');
  assert.equal(error.requestId, 'v-[redacted]');
  assert.deepEqual(error.details, { header: { 'x-client-token': '[redacted]' }, seen: ['token=[redacted]'], '[redacted]': 1 });
  const limited = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(limited.requestId, '[redacted]');
  assert.equal(limited.message, '429: rate limited: [redacted]');
});

test('a transport error quoting the token has it redacted from the cause chain, which keeps its name and code', async () => {
  const root = Object.assign(new Error(`socket closed after sending ${CLIENT_TOKEN}`), { code: 'ECONNRESET', sent: [CLIENT_TOKEN] });
  const fetch = async () => {
    throw new TypeError(`fetch failed for token ${CLIENT_TOKEN}`, { cause: root });
  };
  const client = createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, fetch, maxRetries: 0 });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.code, 'network_error');
  assert.equal(error.cause.name, 'TypeError');
  assert.equal(error.cause.message, 'fetch failed for token [redacted]');
  assert.equal(error.cause.cause.message, 'socket closed after sending [redacted]');
  assert.equal(error.cause.cause.code, 'ECONNRESET');
  assert.deepEqual(error.cause.cause.sent, ['[redacted]']);
});

test('a successful answer that is not JSON and starts with the token: no part of it shows (JSON.parse quotes a prefix)', async (t) => {
  const { api, client } = await setUp(t);
  api.script(VALIDATIONS, { status: 200, text: `${CLIENT_TOKEN} is not allowed here` });
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.code, 'http_error');
  assert.equal(error.status, 200);
  const prefix = CLIENT_TOKEN.slice(0, 8);
  for (const text of [inspect(error, { depth: Infinity }), ...exposedStrings(error)]) assert.ok(!text.includes(prefix), text);
});

test('tokens shorter than 8 characters are refused at creation: invalid_argument; 8 characters are redacted', async (t) => {
  for (const clientToken of ['a', 'ab12', 'tok_123']) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken, origin: ORIGIN }));
    assert.equal(error.code, 'invalid_argument', clientToken);
    assert.match(error.message, /^clientToken is shorter than 8 characters/);
  }
  const api = await startFakeApi({ clientApplicationId: CLIENT_ID, clientToken: 'tok_1234' });
  t.after(() => api.close());
  api.script(VALIDATIONS, { status: 401, body: { code: 401, key: 'tok_1234', message: 'tok_1234 is wrong', details: 'tok_1234' } });
  const error = await rejection(createClient({ ...clientOptions(api), clientToken: 'tok_1234' }).validate(VALIDATION_BODY));
  assert.deepEqual([error.message, error.key, error.details], ['401: [redacted] is wrong', '[redacted]', '[redacted]']);
});

// ---------------------------------------------------------------------------------------------
// Option names: normalized, secrets refused by a rule, the official SDK's names understood.

test('options named like a server secret in any case or spelling are refused: server_key_refused, naming the option only', () => {
  const names = ['apiKey', 'SecretKey', 'secret_key', 'token', 'accessToken', 'x-app-token', 'APP_ID', 'privateKey', 'password', 'authorization', 'bearerToken', 'credentials'];
  for (const name of names) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, [name]: SERVER_TOKEN }));
    assert.equal(error.code, 'server_key_refused', name);
    assert.ok(error.message.includes(name), error.message);
  }
});

test('customHeaders and headers refuse server-secret names in any case or spelling: server_key_refused', () => {
  const headerSets = [{ 'X-App-Token': SERVER_TOKEN }, { 'x-app-id': SERVER_APP_ID }, { AUTHORIZATION: `Basic ${SERVER_TOKEN}` }, { 'X-Api-Key': SERVER_TOKEN }, { x_app_token: SERVER_TOKEN }, { 'X-Secret': SERVER_TOKEN }, { 'Proxy-Authorization': SERVER_TOKEN }];
  for (const headers of headerSets) {
    for (const option of ['customHeaders', 'headers', 'custom_headers']) {
      const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, [option]: headers }));
      assert.equal(error.code, 'server_key_refused', `${option}: ${Object.keys(headers)}`);
    }
  }
});

test('the official SDK\'s option names work: clientSecretKey is the client token, customHeaders are sent; other spellings are normalized', async (t) => {
  const api = await startFakeApi({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN });
  t.after(() => api.close());
  api.script(VALIDATIONS, ok(validationExample('False')), ok(validationExample('False')));
  const sdkStyle = createClient({ clientApplicationId: CLIENT_ID, clientSecretKey: CLIENT_TOKEN, origin: ORIGIN, apiUrl: api.url, customHeaders: { 'X-Correlation-Id': 'corr-2' } });
  await sdkStyle.validate(VALIDATION_BODY);
  const spelled = createClient({ client_application_id: CLIENT_ID, 'Client-Token': CLIENT_TOKEN, ORIGIN, api_url: api.url, max_retries: 0 });
  await spelled.validate(VALIDATION_BODY);
  assertContract(api);
  assert.equal(api.requests[0].headers['x-client-token'], CLIENT_TOKEN);
  assert.equal(api.requests[0].headers['x-correlation-id'], 'corr-2');
  assert.equal(api.requests[1].headers['x-client-token'], CLIENT_TOKEN);
  const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, clientSecretKey: `${CLIENT_TOKEN}x`, origin: ORIGIN }));
  assert.equal(error.code, 'invalid_argument', 'two different tokens');
});

test('an apiUrl with a query, a fragment, credentials or another scheme is refused without quoting it', () => {
  const cases = [
    [`https://api.voucherify.io/?app_token=${SERVER_TOKEN}`, 'invalid_argument'],
    [`https://api.voucherify.io?x=${SERVER_TOKEN}`, 'invalid_argument'],
    [`https://api.voucherify.io/#${SERVER_TOKEN}`, 'invalid_argument'],
    [`https://app:${SERVER_TOKEN}@api.voucherify.io`, 'server_key_refused'],
    [`https://${SERVER_TOKEN}@api.voucherify.io`, 'server_key_refused'],
    [`ftp://api.voucherify.io/${SERVER_TOKEN}`, 'invalid_argument'],
    [`javascript:alert('${SERVER_TOKEN}')`, 'invalid_argument'],
  ];
  for (const [apiUrl, code] of cases) {
    const error = thrown(() => createClient({ clientApplicationId: CLIENT_ID, clientToken: CLIENT_TOKEN, origin: ORIGIN, apiUrl }));
    assert.equal(error.code, code, apiUrl);
  }
});

// ---------------------------------------------------------------------------------------------
// Limits: delays setTimeout can keep, Retry-After values that mean nothing, answer sizes.

test('a timeoutMs or maxRetryDelayMs beyond 2^31 ms is clamped: no timeout after 1 ms, no retry after 1 ms', async (t) => {
  const { api, client } = await setUp(t, { timeoutMs: 2 ** 32, maxRetryDelayMs: 2 ** 32 });
  const answer = validationExample('False');
  api.script(VALIDATIONS, { delayMs: 300, ...ok(answer) }, { status: 429, body: TOO_MANY, headers: { 'retry-after': '2200000' } }, ok(answer));
  assert.deepEqual(await client.validate(VALIDATION_BODY), answer, 'the 300 ms answer did not time out');
  const error = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryAfter, 2_200_000);
  assert.equal(api.requests.length, 2, 'a wait of 25 days is thrown, not retried at once');
  assertContract(api);
});

test('an empty, negative or malformed Retry-After is ignored: retryAfter is null and the normal backoff applies', async (t) => {
  for (const value of ['', '-5', '1.5e3', 'soon', '  ']) {
    const { api, client } = await setUp(t, { maxRetries: 1 });
    api.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': value } }, ok(validationExample('False')));
    await client.validate(VALIDATION_BODY);
    const waited = api.requests[1].at - api.requests[0].at;
    assert.ok(waited >= 200, `Retry-After ${JSON.stringify(value)}: retried after ${waited} ms, without the 250 ms backoff`);
    const { api: once, client: noRetry } = await setUp(t, { maxRetries: 0 });
    once.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': value, 'x-rate-limit-retry': '' } });
    assert.equal((await rejection(noRetry.validate(VALIDATION_BODY))).retryAfter, null, JSON.stringify(value));
  }
});

test('a Retry-After HTTP date is waited for', async (t) => {
  const { api, client } = await setUp(t);
  const date = new Date(Date.now() + 2000).toUTCString();
  api.script(VALIDATIONS, { status: 429, body: TOO_MANY, headers: { 'retry-after': date } }, ok(validationExample('False')));
  await client.validate(VALIDATION_BODY);
  assert.ok(api.requests[1].time >= Date.parse(date) - 50, `retried ${Date.parse(date) - api.requests[1].time} ms early`);
  assertContract(api);
});

test('an answer body over 16 MiB is too_large, whether it streams without end or declares its length; not retried', async (t) => {
  const { api, client } = await setUp(t, { timeoutMs: 60_000 });
  api.script(VALIDATIONS, { endlessBody: true }, ok(validationExample('False')));
  const endless = await rejection(client.validate(VALIDATION_BODY));
  assert.equal(endless.code, 'too_large', endless.message);
  assert.equal(endless.status, 200);
  // The body never comes: only its Content-Length can end the call before the timeout.
  api.script(REDEMPTIONS, { stallBody: true, status: 200, headers: { 'content-length': String(16 * 1024 * 1024 + 1) } });
  const declared = await rejection(client.redeem(REDEMPTION_BODY));
  assert.equal(declared.code, 'too_large', declared.message);
  assert.deepEqual(api.requests.map((r) => r.path), [VALIDATIONS, REDEMPTIONS]);
  assertContract(api);
});

test('an answer body of 15 MiB is read whole', async (t) => {
  const { api, client } = await setUp(t);
  const answer = { ...validationExample('False'), padding: 'x'.repeat(15 * 1024 * 1024) };
  api.script(VALIDATIONS, ok(answer));
  assert.equal((await client.validate(VALIDATION_BODY)).padding.length, answer.padding.length);
});

test('no function of the client logs, and no error it threw here quotes a token', () => {
  for (const line of consoleLines) {
    for (const secret of SECRETS) assert.ok(!line.includes(secret), `logged: ${line}`);
  }
  assert.deepEqual(consoleLines, []);
  const source = readFileSync(new URL('../../pkg/client.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /\bconsole\./, 'client.js writes to the console');
  assert.ok(errorsChecked >= 45, `only ${errorsChecked} errors checked`);
});

// client.js: the client-side API client for stackable validations, redemptions and
// qualifications, with public client keys only, a timeout, bounded retries and typed errors.

import { VoucherifySyncError } from './errors.js';
import { prepareStackableRequest, summarizeResult } from './stackable.js';

const DEFAULT_API_URL = 'https://api.voucherify.io';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RETRY_DELAY_MS = 10_000;
/** Headers and options that carry server secrets; client code must never hold them. */
const SECRET_HEADERS = ['x-app-id', 'x-app-token', 'authorization', 'x-voucherify-oauth'];
const SECRET_OPTIONS = ['applicationId', 'appId', 'appToken', 'secretKey', 'clientSecretKey', 'xAppToken', 'xAppId'];

/**
 * A failed request: an HTTP error answer, a network failure or a timeout, all one class.
 * `code` is `http_error`, `rate_limited`, `network_error`, `timeout` or `aborted`; `status` is
 * the HTTP status (0 when no complete answer came); `key`, `details` and `requestId` come from
 * the API's error body. No message carries a key or token.
 */
export class VoucherifyRequestError extends VoucherifySyncError {
  /**
   * @param {string} code
   * @param {string} message
   * @param {{ status?: number, key?: string|null, details?: unknown, requestId?: string|null,
   *           retryAfter?: number|null, cause?: unknown }} [fields]
   */
  constructor(code, message, fields = {}) {
    super(code, message, { cause: fields.cause });
    this.name = 'VoucherifyRequestError';
    this.status = fields.status ?? 0;
    this.key = fields.key ?? null;
    this.details = fields.details ?? null;
    this.requestId = fields.requestId ?? null;
    this.retryAfter = fields.retryAfter ?? null;
  }
}

/**
 * Creates a client for the client-side API with public keys. It refuses server secrets
 * (`X-App-Id`, `X-App-Token`) outright.
 *
 * Retries: a 429 (not processed, so safe to repeat) is retried for every call, after
 * `Retry-After` or `X-Rate-Limit-Retry`; timeouts, network errors and 5xx answers are retried for
 * validations and qualifications only. A redemption is never retried after a timeout or a 5xx:
 * it may have been applied, and redeeming twice would spend the codes twice. The timeout covers
 * each whole attempt, the answer's body included.
 *
 * @param {object} options
 * @param {string} options.clientApplicationId the `X-Client-Application-Id`
 * @param {string} options.clientToken the `X-Client-Token` (a public client key)
 * @param {string} [options.apiUrl] default `https://api.voucherify.io` (use your cluster's)
 * @param {string} [options.origin] the `origin` header; required in Node, set by browsers
 * @param {number} [options.timeoutMs] per attempt, default 10 000
 * @param {number} [options.maxRetries] default 2
 * @param {number} [options.maxRetryDelayMs] the longest wait before a retry, default 10 000
 * @param {Record<string,string> | Headers | Array<[string,string]>} [options.headers] extra
 *   headers (never server keys); names are sent in lower case, and the client's own headers win
 * @param {typeof fetch} [options.fetch] a fetch implementation, default `globalThis.fetch`
 */
export function createClient(options) {
  const config = readConfig(options);
  const send = (path, body, retryUnsure, callOptions) => request(config, path, body, retryUnsure, callOptions);
  const client = {
    /** `POST /client/v1/validations`; resolves with the response body. */
    validate: (body, callOptions) => send('/client/v1/validations', body, true, callOptions),
    /** `POST /client/v1/redemptions`; never retried after a timeout or a 5xx. */
    redeem: (body, callOptions) => send('/client/v1/redemptions', body, false, callOptions),
    /** `POST /client/v1/qualifications`. */
    qualify: (body, callOptions) => send('/client/v1/qualifications', body, true, callOptions),
    /**
     * Validates the cart with a `LOCK` session, then redeems the redeemables that applied with
     * the same session key. Resolves with `{ validation, redemption, summary }`; `redemption` is
     * null when nothing applied, or when the validation failed in the `ALL` application mode.
     */
    validateThenRedeem: (cart, flowOptions = {}) => validateThenRedeem(client, cart, flowOptions),
  };
  return Object.freeze(client);
}

function readConfig(options) {
  if (options === null || typeof options !== 'object') {
    throw new VoucherifySyncError('invalid_argument', 'createClient needs an options object');
  }
  for (const name of SECRET_OPTIONS) {
    if (name in options) {
      throw new VoucherifySyncError('server_key_refused', `the option ${name} looks like a server secret; client code takes only the client application id and client token`);
    }
  }
  const headers = readHeaders(options.headers);
  for (const name of ['clientApplicationId', 'clientToken']) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') {
      throw new VoucherifySyncError('invalid_argument', `${name} must be a non-empty string`);
    }
    if (!isHeaderValue(options[name])) {
      throw new VoucherifySyncError('invalid_argument', `${name} cannot be sent as a header: it holds a line break, a NUL or a character beyond U+00FF`);
    }
  }
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (!inBrowser && (typeof options.origin !== 'string' || options.origin.trim() === '')) {
    throw new VoucherifySyncError('missing_origin', 'outside a browser the origin header must be given: pass origin, e.g. "shop.example.com", one of the project\'s allowed website URLs');
  }
  if (!inBrowser && !isHeaderValue(options.origin)) {
    throw new VoucherifySyncError('invalid_argument', 'origin cannot be sent as a header: it holds a line break, a NUL or a character beyond U+00FF');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new VoucherifySyncError('invalid_argument', 'no fetch implementation: pass options.fetch');
  }
  return {
    apiUrl: readApiUrl(options.apiUrl),
    headers: {
      ...headers,
      'content-type': 'application/json',
      'x-client-application-id': options.clientApplicationId,
      'x-client-token': options.clientToken,
      ...(inBrowser ? {} : { origin: options.origin }),
    },
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxRetries: nonNegative(options.maxRetries, DEFAULT_MAX_RETRIES, 'maxRetries'),
    maxRetryDelayMs: nonNegative(options.maxRetryDelayMs, DEFAULT_MAX_RETRY_DELAY_MS, 'maxRetryDelayMs'),
    // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method.
    fetch: (...args) => fetchImpl(...args),
    // Redacted from error messages; too short a token would only garble them.
    secrets: [options.clientToken].filter((secret) => secret.length >= 6),
  };
}

/**
 * The extra headers as one lower-case name per header, from a plain object, a `Headers` or a
 * list of pairs. A server secret among them is refused; the message names the header, never
 * its value.
 */
function readHeaders(value) {
  const headers = {};
  for (const entry of headerEntries(value)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
      throw new VoucherifySyncError('invalid_argument', 'headers must be an object of header names and values');
    }
    const name = entry[0].toLowerCase();
    if (SECRET_HEADERS.includes(name)) {
      throw new VoucherifySyncError('server_key_refused', `the header ${entry[0]} carries a server secret; client code must never send it (use X-Client-Application-Id and X-Client-Token)`);
    }
    headers[name] = String(entry[1]);
    if (!isHeaderValue(headers[name])) {
      throw new VoucherifySyncError('invalid_argument', `the header ${entry[0]} cannot be sent: its value holds a line break, a NUL or a character beyond U+00FF`);
    }
  }
  return headers;
}

/** `[name, value]` pairs from a plain object, a `Headers` (or any `entries()`) or a list of pairs. */
function headerEntries(value) {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object') {
    throw new VoucherifySyncError('invalid_argument', 'headers must be an object of header names and values');
  }
  const plain = [Object.prototype, null].includes(Object.getPrototypeOf(value));
  return !plain && typeof value.entries === 'function' ? [...value.entries()] : Object.entries(value);
}

/**
 * Whether `text` is a valid HTTP header value. `fetch` rejects other values with a message that
 * quotes them, which would put a token into an error message, so they are refused up front.
 */
function isHeaderValue(text) {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(text);
}

/** The API's base URL without a trailing slash; a URL with credentials in it is refused. */
function readApiUrl(value) {
  const text = String(value ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new VoucherifySyncError('invalid_argument', 'apiUrl must be an absolute http(s) URL, e.g. https://api.voucherify.io');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VoucherifySyncError('invalid_argument', 'apiUrl must be an absolute http(s) URL, e.g. https://api.voucherify.io');
  }
  if (url.username !== '' || url.password !== '') {
    throw new VoucherifySyncError('server_key_refused', 'apiUrl must not carry credentials; client code authenticates with X-Client-Application-Id and X-Client-Token only');
  }
  return text;
}

function positive(value, fallback, name) {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) throw new VoucherifySyncError('invalid_argument', `${name} must be a positive number`);
  return value;
}

function nonNegative(value, fallback, name) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new VoucherifySyncError('invalid_argument', `${name} must be a non-negative integer`);
  return value;
}

async function request(config, path, body, retryUnsure, callOptions = {}) {
  const payload = jsonText(body);
  for (let attempt = 0; ; attempt += 1) {
    let failure;
    try {
      const answer = await attemptOnce(config, path, payload, callOptions.signal);
      if (answer.ok) return readJson(answer);
      failure = httpError(answer, config.secrets);
    } catch (error) {
      if (!(error instanceof VoucherifyRequestError)) throw error;
      failure = error;
    }
    const retryable = failure.status === 429 || (retryUnsure && (failure.status === 0 || failure.status >= 500));
    if (callOptions.signal?.aborted || !retryable || attempt >= config.maxRetries) throw failure;
    const delayMs = failure.retryAfter !== null ? failure.retryAfter * 1000 : backoff(attempt);
    if (delayMs > config.maxRetryDelayMs) throw failure;
    await sleep(delayMs);
  }
}

/** The body as JSON text: a string is sent as it is. */
function jsonText(body) {
  if (typeof body === 'string') return body;
  let payload;
  try {
    payload = JSON.stringify(body);
  } catch (error) {
    throw new VoucherifySyncError('invalid_argument', 'the body cannot be written as JSON (a cycle, or a BigInt?)', { cause: error });
  }
  if (payload === undefined) throw new VoucherifySyncError('invalid_argument', 'the body has no JSON form');
  return payload;
}

/**
 * One request and its whole answer, `{ ok, status, headers, text }`, within `timeoutMs`: an
 * answer whose body stalls times out like one that never starts.
 */
async function attemptOnce(config, path, payload, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  const onAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await config.fetch(`${config.apiUrl}${path}`, {
      method: 'POST',
      headers: config.headers,
      body: payload,
      signal: controller.signal,
    });
    const text = await response.text();
    return { ok: response.ok, status: response.status, headers: response.headers, text };
  } catch (error) {
    if (timedOut) {
      throw new VoucherifyRequestError('timeout', `no answer from ${path} within ${config.timeoutMs} ms`, { cause: error });
    }
    if (signal?.aborted) {
      throw new VoucherifyRequestError('aborted', `the request to ${path} was aborted`, { cause: error });
    }
    throw new VoucherifyRequestError('network_error', `the request to ${path} failed: ${redact(String(error?.message ?? error), config.secrets)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `text` with every secret in it replaced, so that no error message quotes a token. */
function redact(text, secrets) {
  return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** The body of a successful answer. */
function readJson(answer) {
  try {
    return answer.text === '' ? null : JSON.parse(answer.text);
  } catch (error) {
    throw new VoucherifyRequestError('http_error', `the API answered ${answer.status} with a body that is not JSON`, { status: answer.status, cause: error });
  }
}

/**
 * Reads an error answer: the API's Error body, the 413 and 429 shapes, or plain text. A secret
 * the answer echoes (a proxy quoting the request, say) is redacted from the message and details.
 */
function httpError(answer, secrets) {
  let body = null;
  try {
    body = answer.text === '' ? null : JSON.parse(answer.text);
  } catch {
    body = null;
  }
  if (body === null || typeof body !== 'object') body = {};
  const { status, headers } = answer;
  const message = body.message ?? body.error ?? (answer.text.slice(0, 200) || `HTTP ${status}`);
  const details = typeof body.details === 'string' ? redact(body.details, secrets) : body.details;
  return new VoucherifyRequestError(status === 429 ? 'rate_limited' : 'http_error', `${status}: ${redact(String(message), secrets)}`, {
    status,
    key: body.key ?? null,
    details: details ?? null,
    requestId: body.request_id ?? headers.get('x-request-id'),
    retryAfter: retryAfterSeconds(headers),
  });
}

/** Seconds to wait from `Retry-After` (seconds or an HTTP date) or `X-Rate-Limit-Retry` (epoch seconds). */
function retryAfterSeconds(headers) {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, (date - Date.now()) / 1000);
  }
  const epoch = Number(headers.get('x-rate-limit-retry'));
  if (headers.get('x-rate-limit-retry') !== null && Number.isFinite(epoch)) {
    return Math.max(0, epoch - Date.now() / 1000);
  }
  return null;
}

function backoff(attempt) {
  return 250 * 2 ** attempt;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function validateThenRedeem(client, cart, flowOptions) {
  const prepared = prepareStackableRequest(cart, {
    ...(flowOptions.prepareOptions ?? {}),
    operation: 'POST /client/v1/validations',
  });
  if (!prepared.valid) {
    throw new VoucherifySyncError('invalid_cart', 'the cart cannot be sent: see issues', { issues: prepared.issues });
  }
  const key = prepared.body.session?.key ?? flowOptions.sessionKey ?? newSessionKey();
  const session = { ...(prepared.body.session ?? {}), type: 'LOCK', key };
  const validation = await client.validate({ ...prepared.body, session });
  const applicable = new Set(
    (validation?.redeemables ?? [])
      .filter((redeemable) => redeemable.status === 'APPLICABLE')
      .map((redeemable) => `${redeemable.object}\u0000${redeemable.id}`),
  );
  // `valid` is false as soon as one redeemable is inapplicable. In the PARTIAL application mode
  // the API still applies the others, so they are redeemed; in ALL mode nothing applies.
  const partial = validation?.stacking_rules?.redeemables_application_mode === 'PARTIAL';
  if ((validation?.valid === false && !partial) || applicable.size === 0) {
    return { validation, redemption: null, summary: summarizeResult(validation) };
  }
  const redeemBody = {
    ...prepared.body,
    redeemables: prepared.body.redeemables.filter((r) => applicable.has(`${r.object}\u0000${r.id}`)),
    session: { type: 'LOCK', key: validation.session?.key ?? key },
  };
  const redemption = await client.redeem(redeemBody);
  return { validation, redemption, summary: summarizeResult(redemption) };
}

function newSessionKey() {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `ssn_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

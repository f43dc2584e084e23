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
 * `code` is `http_error`, `rate_limited`, `network_error` or `timeout`; `status` is the HTTP
 * status (0 when no answer came); `key`, `details` and `requestId` come from the API's error body.
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
 * it may have been applied, and redeeming twice would spend the codes twice.
 *
 * @param {object} options
 * @param {string} options.clientApplicationId the `X-Client-Application-Id`
 * @param {string} options.clientToken the `X-Client-Token` (a public client key)
 * @param {string} [options.apiUrl] default `https://api.voucherify.io` (use your cluster's)
 * @param {string} [options.origin] the `origin` header; required in Node, set by browsers
 * @param {number} [options.timeoutMs] per attempt, default 10 000
 * @param {number} [options.maxRetries] default 2
 * @param {number} [options.maxRetryDelayMs] the longest wait before a retry, default 10 000
 * @param {Record<string,string>} [options.headers] extra headers (never server keys)
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
     * null when nothing applied.
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
  const headers = { ...(options.headers ?? {}) };
  for (const name of Object.keys(headers)) {
    if (SECRET_HEADERS.includes(name.toLowerCase())) {
      throw new VoucherifySyncError('server_key_refused', `the header ${name} carries a server secret; client code must never send it (use X-Client-Application-Id and X-Client-Token)`);
    }
  }
  for (const name of ['clientApplicationId', 'clientToken']) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') {
      throw new VoucherifySyncError('invalid_argument', `${name} must be a non-empty string`);
    }
  }
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (!inBrowser && (typeof options.origin !== 'string' || options.origin.trim() === '')) {
    throw new VoucherifySyncError('missing_origin', 'outside a browser the origin header must be given: pass origin, e.g. "shop.example.com", one of the project\'s allowed website URLs');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new VoucherifySyncError('invalid_argument', 'no fetch implementation: pass options.fetch');
  }
  return {
    apiUrl: String(options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    headers: {
      ...headers,
      'Content-Type': 'application/json',
      'X-Client-Application-Id': options.clientApplicationId,
      'X-Client-Token': options.clientToken,
      ...(inBrowser ? {} : { origin: options.origin }),
    },
    timeoutMs: positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxRetries: nonNegative(options.maxRetries, DEFAULT_MAX_RETRIES, 'maxRetries'),
    maxRetryDelayMs: nonNegative(options.maxRetryDelayMs, DEFAULT_MAX_RETRY_DELAY_MS, 'maxRetryDelayMs'),
    fetch: fetchImpl,
  };
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
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  if (payload === undefined) throw new VoucherifySyncError('invalid_argument', 'the body has no JSON form');
  for (let attempt = 0; ; attempt += 1) {
    let failure;
    try {
      const response = await attemptOnce(config, path, payload, callOptions.signal);
      if (response.ok) return await readJson(response);
      failure = await httpError(response);
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

async function attemptOnce(config, path, payload, signal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await config.fetch(`${config.apiUrl}${path}`, {
      method: 'POST',
      headers: config.headers,
      body: payload,
      signal: controller.signal,
    });
  } catch (error) {
    if (timedOut) {
      throw new VoucherifyRequestError('timeout', `no answer from ${path} within ${config.timeoutMs} ms`, { cause: error });
    }
    if (signal?.aborted) {
      throw new VoucherifyRequestError('aborted', `the request to ${path} was aborted`, { cause: error });
    }
    throw new VoucherifyRequestError('network_error', `the request to ${path} failed: ${error?.message ?? error}`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

async function readJson(response) {
  const text = await response.text();
  try {
    return text === '' ? null : JSON.parse(text);
  } catch (error) {
    throw new VoucherifyRequestError('http_error', `the API answered ${response.status} with a body that is not JSON`, { status: response.status, cause: error });
  }
}

/** Reads an error answer: the API's Error body, the 413 and 429 shapes, or plain text. */
async function httpError(response) {
  let body = null;
  const text = await response.text().catch(() => '');
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  const status = response.status;
  const retryAfter = retryAfterSeconds(response.headers);
  const message = body?.message ?? body?.error ?? (text.slice(0, 200) || `HTTP ${status}`);
  return new VoucherifyRequestError(status === 429 ? 'rate_limited' : 'http_error', `${status}: ${message}`, {
    status,
    key: body?.key ?? null,
    details: body?.details ?? null,
    requestId: body?.request_id ?? response.headers.get('x-request-id'),
    retryAfter,
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
  if (validation?.valid === false || applicable.size === 0) {
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

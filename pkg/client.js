// client.js: the client-side API client for stackable validations, redemptions and
// qualifications, with public client keys only, a timeout, bounded retries and typed errors.

import { VoucherifySyncError } from './errors.js';
import { prepareStackableRequest, summarizeResult } from './stackable.js';

const DEFAULT_API_URL = 'https://api.voucherify.io';
/** The longest delay `setTimeout` keeps (2^31 − 1 ms); a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** The largest answer body read: 16 MiB, like request bodies. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
/** The shortest client token taken: shorter ones cannot be real and could not be redacted safely. */
const MIN_TOKEN_LENGTH = 8;
const OPTIONS = ['clientApplicationId', 'clientToken', 'apiUrl', 'origin', 'timeoutMs', 'maxRetries', 'maxRetryDelayMs', 'headers', 'customHeaders', 'fetch'];
/**
 * An option or header whose name, in lower case without `-` and `_`, matches this carries a
 * secret, unless it is the client's own (`clientApplicationId`, `clientToken`, `clientSecretKey`,
 * `X-Client-Application-Id`, `X-Client-Token`).
 */
const SECRET_NAME = /secret|token|auth|key|passw|credential|appid|applicationid/;

/**
 * A failed request: an HTTP error answer, a network failure or a timeout, all one class.
 * `code` is `http_error`, `rate_limited`, `network_error`, `timeout`, `aborted`,
 * `redirect_refused` or `too_large`; `status` is the HTTP status (0 when no complete answer
 * came); `key`, `details` and `requestId` come from the API's error body. No field, message or
 * cause carries the client token.
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
 * Creates a client for the client-side API with public keys (options: see `ClientOptions` in
 * index.d.ts). It refuses server secrets outright.
 *
 * Retries: a 429 (not processed, so safe to repeat) is retried for every call, after
 * `Retry-After` or `X-Rate-Limit-Retry`; timeouts, network errors and 5xx answers are retried for
 * validations and qualifications only. A redemption is never retried after a timeout or a 5xx:
 * it may have been applied, and redeeming twice would spend the codes twice. The timeout covers
 * each whole attempt, the answer's body included. Redirects are refused, never followed: they
 * would carry the token to another origin.
 *
 * @param {object} options
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

const misuse = (code, message) => new VoucherifySyncError(code, message);
const invalid = (message) => misuse('invalid_argument', message);

function readConfig(given) {
  if (given === null || typeof given !== 'object') throw invalid('createClient needs an options object');
  const options = readOptions(given);
  const headers = { ...readHeaders(options.headers), ...readHeaders(options.customHeaders) };
  for (const name of ['clientApplicationId', 'clientToken']) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') throw invalid(`${name} must be a non-empty string`);
    if (!isHeaderValue(options[name])) throw invalid(`${name} cannot be sent as a header: it holds a line break, a NUL or a character beyond U+00FF`);
  }
  if (options.clientToken.length < MIN_TOKEN_LENGTH) throw invalid(`clientToken is shorter than ${MIN_TOKEN_LENGTH} characters: not a client token`);
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (!inBrowser && (typeof options.origin !== 'string' || options.origin.trim() === '')) {
    throw misuse('missing_origin', 'outside a browser the origin header must be given: pass origin, e.g. "shop.example.com", one of the project\'s allowed website URLs');
  }
  if (!inBrowser && !isHeaderValue(options.origin)) throw invalid('origin cannot be sent as a header: it holds a line break, a NUL or a character beyond U+00FF');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalid('no fetch implementation: pass options.fetch');
  return {
    apiUrl: readApiUrl(options.apiUrl),
    headers: {
      ...headers,
      'content-type': 'application/json',
      'x-client-application-id': options.clientApplicationId,
      'x-client-token': options.clientToken,
      ...(inBrowser ? {} : { origin: options.origin }),
    },
    timeoutMs: delay(options.timeoutMs, 10_000, 'timeoutMs', 1),
    maxRetries: delay(options.maxRetries, 2, 'maxRetries', 0),
    maxRetryDelayMs: delay(options.maxRetryDelayMs, 10_000, 'maxRetryDelayMs', 0),
    // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method.
    fetch: (...args) => fetchImpl(...args),
    // Redacted wherever an error shows text; every token is at least MIN_TOKEN_LENGTH long.
    secrets: [options.clientToken],
  };
}

/**
 * The options by their names in OPTIONS, whatever their case and `-` or `_` (`client_token`,
 * `ClientToken`); `clientSecretKey` (the official SDK's name) is the client token. Any other
 * option whose name matches SECRET_NAME is refused, named but never quoted.
 */
function readOptions(given) {
  const options = {};
  for (const [name, value] of Object.entries(given)) {
    const plain = name.toLowerCase().replace(/[-_]/g, '');
    const known = plain === 'clientsecretkey' ? 'clientToken' : OPTIONS.find((option) => option.toLowerCase() === plain);
    if (!known && SECRET_NAME.test(plain)) {
      throw misuse('server_key_refused', `the option ${name} looks like a server secret; client code takes only the client application id and client token`);
    }
    if (known && known in options && options[known] !== value) throw invalid(`the option ${name} is given twice with different values`);
    if (known) options[known] = value;
  }
  return options;
}

/**
 * The extra headers as one lower-case name per header, from a plain object, a `Headers` or a
 * list of pairs. A header whose name matches SECRET_NAME (`X-App-Id`, `X-App-Token`,
 * `Authorization`, `X-Api-Key`, ...) is refused; the message names the header, never its value.
 * `X-Client-Token` and `X-Client-Application-Id` are taken and overridden by the client's own.
 */
function readHeaders(value) {
  const headers = {};
  for (const entry of headerEntries(value)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw invalid('headers must be an object of header names and values');
    const name = entry[0].toLowerCase();
    if (!/^x-client-(token|application-id)$/.test(name) && SECRET_NAME.test(name.replace(/[-_]/g, ''))) {
      throw misuse('server_key_refused', `the header ${entry[0]} may carry a server secret; client code must never send it (use X-Client-Application-Id and X-Client-Token)`);
    }
    headers[name] = String(entry[1]);
    if (!isHeaderValue(headers[name])) throw invalid(`the header ${entry[0]} cannot be sent: its value holds a line break, a NUL or a character beyond U+00FF`);
  }
  return headers;
}

/** `[name, value]` pairs from a plain object, a `Headers` (or any `entries()`) or a list of pairs. */
function headerEntries(value) {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object') throw invalid('headers must be an object of header names and values');
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

/**
 * The API's base URL without a trailing slash. It must be http(s) without a query or fragment
 * (the path would land in them) and without credentials; the message never quotes it.
 */
function readApiUrl(value) {
  const text = String(value ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url;
  try {
    url = new URL(text);
  } catch {
    url = {};
  }
  if (!/^https?:$/.test(url.protocol) || /[?#]/.test(text)) throw invalid('apiUrl must be an absolute http(s) URL without a query or fragment, e.g. https://api.voucherify.io');
  if (url.username || url.password) throw misuse('server_key_refused', 'apiUrl must not carry credentials; client code authenticates with X-Client-Application-Id and X-Client-Token only');
  return text;
}

/** A non-negative integer option (at least `min`), clamped to MAX_DELAY_MS. */
function delay(value, fallback, name, min) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw invalid(`${name} must be an integer of at least ${min}`);
  return Math.min(value, MAX_DELAY_MS);
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
    const { code, status } = failure;
    const retryable = code === 'rate_limited' || (retryUnsure && (code === 'timeout' || code === 'network_error' || (code === 'http_error' && status >= 500)));
    if (callOptions.signal?.aborted || !retryable || attempt >= config.maxRetries) throw failure;
    const delayMs = failure.retryAfter !== null ? failure.retryAfter * 1000 : 250 * 2 ** attempt;
    if (delayMs > config.maxRetryDelayMs) throw failure;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
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
  if (payload === undefined) throw invalid('the body has no JSON form');
  return payload;
}

/**
 * One request and its whole answer, `{ ok, status, headers, text }`, within `timeoutMs`: an
 * answer whose body stalls times out like one that never starts. A redirect (a 3xx in Node, an
 * `opaqueredirect` of status 0 in browsers) is `redirect_refused`; a body over MAX_ANSWER_BYTES
 * (by its Content-Length, or as it streams in) is `too_large`.
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
  const fail = (code, message, fields) => requestError(config.secrets, code, message, fields);
  try {
    const response = await config.fetch(`${config.apiUrl}${path}`, {
      method: 'POST',
      headers: config.headers,
      body: payload,
      redirect: 'manual',
      signal: controller.signal,
    });
    const { status, headers } = response;
    if (response.type === 'opaqueredirect' || (status > 299 && status < 400)) {
      const location = headers.get('location');
      const origin = location === null ? 'an unknown origin' : new URL(location, config.apiUrl).origin;
      throw fail('redirect_refused', `${path} answered ${status} redirecting to ${origin}; the client follows no redirects, which would carry its token along`, { status });
    }
    const tooLarge = () => fail('too_large', `${path} answered ${status} with a body over ${MAX_ANSWER_BYTES} bytes`, { status });
    if (headers.get('content-length') > MAX_ANSWER_BYTES) throw tooLarge();
    const reader = response.body?.getReader?.();
    const chunks = [];
    for (let size = 0, read; reader && !(read = await reader.read()).done; chunks.push(read.value)) {
      size += read.value.byteLength;
      if (size > MAX_ANSWER_BYTES) throw tooLarge();
    }
    const text = reader ? await new Blob(chunks).text() : await response.text();
    return { ok: response.ok, status, headers, text };
  } catch (error) {
    if (error instanceof VoucherifyRequestError) throw error;
    if (timedOut) throw fail('timeout', `no answer from ${path} within ${config.timeoutMs} ms`, { cause: error });
    if (signal?.aborted) throw fail('aborted', `the request to ${path} was aborted`, { cause: error });
    throw fail('network_error', `the request to ${path} failed: ${error?.message ?? error}`, { cause: error });
  } finally {
    clearTimeout(timer);
    // Drops whatever of the answer was not read (a redirect's body, or one too large).
    controller.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A VoucherifyRequestError whose message and fields have every secret redacted. */
function requestError(secrets, code, message, fields) {
  return new VoucherifyRequestError(code, redact(message, secrets), redact(fields, secrets));
}

/**
 * `value` with every secret replaced by `[redacted]` wherever an error could show it: strings,
 * the keys and values of objects and arrays, and errors (copied with their name, message, own
 * fields and cause chain, so that no original stack with a secret in it survives), to a bounded
 * depth (deeper values become null).
 */
function redact(value, secrets, depth = 8) {
  if (typeof value === 'string') return secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), value);
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return null;
  const copy = (inner) => redact(inner, secrets, depth - 1);
  if (Array.isArray(value)) return value.map(copy);
  const fields = Object.fromEntries(Object.entries(value).map(([key, inner]) => [copy(key), copy(inner)]));
  if (!(value instanceof Error)) return fields;
  const error = new Error(copy(String(value.message)), value.cause === undefined ? undefined : { cause: copy(value.cause) });
  return Object.assign(error, { name: copy(String(value.name)) }, fields);
}

/** The body of a successful answer. JSON.parse's error quotes the text, so it is not kept. */
function readJson(answer) {
  try {
    return answer.text === '' ? null : JSON.parse(answer.text);
  } catch {
    throw new VoucherifyRequestError('http_error', `the API answered ${answer.status} with a body that is not JSON`, { status: answer.status });
  }
}

/** Reads an error answer: the API's Error body, the 413 and 429 shapes, or plain text. */
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
  return requestError(secrets, status === 429 ? 'rate_limited' : 'http_error', `${status}: ${message}`, {
    status,
    key: body.key,
    details: body.details,
    requestId: body.request_id ?? headers.get('x-request-id'),
    retryAfter: retryAfterSeconds(headers),
  });
}

/**
 * Seconds to wait from `Retry-After` (whole seconds, or an HTTP date) or `X-Rate-Limit-Retry`
 * (epoch seconds); null when neither holds one (an empty, negative or malformed value), so
 * that the normal backoff applies.
 */
function retryAfterSeconds(headers) {
  const after = headers.get('retry-after')?.trim() ?? '';
  const date = /[a-z]/i.test(after) ? Date.parse(after) : Number.NaN;
  if (/^\d+$/.test(after)) return Number(after);
  if (!Number.isNaN(date)) return Math.max(0, (date - Date.now()) / 1000);
  const epoch = headers.get('x-rate-limit-retry')?.trim() ?? '';
  return /^\d+$/.test(epoch) ? Math.max(0, epoch - Date.now() / 1000) : null;
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

// client.js: the client-side API client for stackable validations, redemptions and
// qualifications, with public client keys only, a timeout, bounded retries and typed errors.
// index.d.ts documents the options and errors; SECURITY.md what is refused and redacted.

import { VoucherifySyncError } from './errors.js';
import { prepareStackableRequest, summarizeResult } from './stackable.js';

// setTimeout fires at once past 2^31 - 1 ms, so delays are clamped to it.
const MAX_DELAY_MS = 2 ** 31 - 1;
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const OPTIONS = ['clientApplicationId', 'clientToken', 'apiUrl', 'origin', 'timeoutMs', 'maxRetries', 'maxRetryDelayMs', 'headers', 'customHeaders', 'fetch'];
// Names (lower case, without - and _) of options and headers that carry a secret, bar the client's own.
const SECRET_NAME = /secret|token|auth|key|passw|credential|appid|applicationid/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A failed request; no field, message or cause carries the client token. */
export class VoucherifyRequestError extends VoucherifySyncError {
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
 * A client with public keys. A 429 was not processed, so every call retries it; timeouts, network
 * errors and 5xx only validations and qualifications: a redemption may have been applied, and
 * redeeming twice spends the codes twice. The timeout covers each whole attempt, body included.
 * Redirects are refused: following one would carry the token wherever it points.
 */
export function createClient(options) {
  const config = readConfig(options);
  const send = (path, body, retryUnsure, callOptions) => request(config, path, body, retryUnsure, callOptions);
  const client = {
    validate: (body, callOptions) => send('/client/v1/validations', body, true, callOptions),
    redeem: (body, callOptions) => send('/client/v1/redemptions', body, false, callOptions),
    qualify: (body, callOptions) => send('/client/v1/qualifications', body, true, callOptions),
    validateThenRedeem: (cart, flowOptions = {}) => validateThenRedeem(client, cart, flowOptions),
  };
  return Object.freeze(client);
}

const misuse = (code, message) => new VoucherifySyncError(code, message);
const invalid = (message) => misuse('invalid_argument', message);
const refused = (what) => misuse('server_key_refused', `${what} may carry a server secret; client code sends only X-Client-Application-Id and X-Client-Token`);
const unsendable = (name) => invalid(`${name} cannot be sent as a header: it holds a line break, NUL or character beyond U+00FF`);

function readConfig(given) {
  if (given === null || typeof given !== 'object') throw invalid('createClient needs an options object');
  // Names in any case, with - or _; clientSecretKey is the official SDK's name for the token.
  const options = {};
  for (const [name, value] of Object.entries(given)) {
    const plain = name.toLowerCase().replace(/[-_]/g, '');
    const known = plain === 'clientsecretkey' ? 'clientToken' : OPTIONS.find((option) => option.toLowerCase() === plain);
    if (!known && SECRET_NAME.test(plain)) throw refused(`the option ${name}`);
    if (known in options && options[known] !== value) throw invalid(`the option ${name} is given twice with different values`);
    if (known) options[known] = value;
  }
  for (const name of ['clientApplicationId', 'clientToken']) {
    if (typeof options[name] !== 'string' || options[name].trim() === '') throw invalid(`${name} must be a non-empty string`);
    if (!HEADER_VALUE.test(options[name])) throw unsendable(name);
  }
  // Real tokens are far longer, and redacting a short one would garble messages.
  if (options.clientToken.length < 8) throw invalid('clientToken is shorter than 8 characters: not a client token');
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (!inBrowser && (typeof options.origin !== 'string' || options.origin.trim() === '')) {
    throw misuse('missing_origin', 'outside a browser, pass origin: an allowed website URL of the project, e.g. "shop.example.com"');
  }
  if (!inBrowser && !HEADER_VALUE.test(options.origin)) throw unsendable('origin');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalid('no fetch implementation: pass options.fetch');
  return {
    apiUrl: readApiUrl(options.apiUrl),
    headers: {
      ...readHeaders(options.headers),
      ...readHeaders(options.customHeaders),
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
    secret: options.clientToken,
  };
}

/**
 * Extra headers (an object, a `Headers` or pairs) by lower-case name; the client's own win. A
 * secret's name is refused, named but never quoted.
 */
function readHeaders(value) {
  const headers = {};
  const wrong = () => invalid('headers must be an object of header names and values');
  if (value != null && typeof value !== 'object') throw wrong();
  const plain = value == null || [Object.prototype, null].includes(Object.getPrototypeOf(value)) || typeof value.entries !== 'function';
  for (const entry of Array.isArray(value) ? value : plain ? Object.entries(value ?? {}) : [...value.entries()]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw wrong();
    const name = entry[0].toLowerCase();
    if (!/^x-client-(token|application-id)$/.test(name) && SECRET_NAME.test(name.replace(/[-_]/g, ''))) throw refused(`the header ${entry[0]}`);
    headers[name] = String(entry[1]);
    if (!HEADER_VALUE.test(headers[name])) throw unsendable(`the header ${entry[0]}`);
  }
  return headers;
}

/** The base URL: http(s), no query or fragment (the path would land in them), no credentials. */
function readApiUrl(value) {
  const text = String(value ?? 'https://api.voucherify.io').replace(/\/+$/, '');
  let url = {};
  try {
    url = new URL(text);
  } catch {}
  if (!/^https?:$/.test(url.protocol) || /[?#]/.test(text)) throw invalid('apiUrl must be an absolute http(s) URL without a query or fragment, e.g. https://api.voucherify.io');
  if (url.username || url.password) throw refused('an apiUrl with credentials');
  return text;
}

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
      failure = httpError(answer, config.secret);
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

/** One request and its whole answer within `timeoutMs`; a redirect is a 3xx in Node, an opaqueredirect (status 0) in browsers. */
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
  const fail = (code, message, fields) => requestError(config.secret, code, message, fields);
  try {
    const response = await config.fetch(`${config.apiUrl}${path}`, { method: 'POST', headers: config.headers, body: payload, redirect: 'manual', signal: controller.signal });
    const { status, headers } = response;
    if (response.type === 'opaqueredirect' || (status > 299 && status < 400)) {
      const location = headers.get('location');
      let origin = 'an unknown origin';
      try {
        if (location) origin = new URL(location, config.apiUrl).origin;
      } catch {}
      throw fail('redirect_refused', `${path} answered ${status} redirecting to ${origin}; the client follows no redirects`, { status });
    }
    const tooLarge = () => fail('too_large', `${path} answered ${status} with a body over ${MAX_ANSWER_BYTES} bytes`, { status });
    if (headers.get('content-length') > MAX_ANSWER_BYTES) throw tooLarge();
    const reader = response.body?.getReader?.();
    const chunks = [];
    for (let size = 0, read; reader && !(read = await reader.read()).done; chunks.push(read.value)) {
      if ((size += read.value.byteLength) > MAX_ANSWER_BYTES) throw tooLarge();
    }
    return { ok: response.ok, status, headers, text: await (reader ? new Blob(chunks) : response).text() };
  } catch (error) {
    if (error instanceof VoucherifyRequestError) throw error;
    if (timedOut) throw fail('timeout', `no answer from ${path} within ${config.timeoutMs} ms`, { cause: error });
    if (signal?.aborted) throw fail('aborted', `the request to ${path} was aborted`, { cause: error });
    throw fail('network_error', `the request to ${path} failed: ${error?.message ?? error}`, { cause: error });
  } finally {
    clearTimeout(timer);
    // Drops any unread body.
    controller.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

function requestError(secret, code, message, fields) {
  return new VoucherifyRequestError(code, redact(message, secret), redact(fields, secret));
}

/**
 * `value` with `secret` redacted in every string, key and error, to 8 levels (deeper is null).
 * Errors are copied (name, message, own fields, cause chain), so no original stack survives.
 */
function redact(value, secret, depth = 8) {
  if (typeof value === 'string') return value.split(secret).join('[redacted]');
  if (value === null || typeof value !== 'object') return value;
  if (!depth) return null;
  const copy = (inner) => redact(inner, secret, depth - 1);
  if (Array.isArray(value)) return value.map(copy);
  const fields = Object.fromEntries(Object.entries(value).map(([key, inner]) => [copy(key), copy(inner)]));
  if (!(value instanceof Error)) return fields;
  return Object.assign(new Error(copy(String(value.message)), value.cause === undefined ? undefined : { cause: copy(value.cause) }), { name: copy(String(value.name)) }, fields);
}

/** The body of a successful answer. JSON.parse's error would quote the text: it is not kept. */
function readJson(answer) {
  try {
    return answer.text === '' ? null : JSON.parse(answer.text);
  } catch {
    throw new VoucherifyRequestError('http_error', `the API answered ${answer.status} with a body that is not JSON`, { status: answer.status });
  }
}

/** An error answer: the API's Error body, the 413 and 429 shapes, or plain text. */
function httpError(answer, secret) {
  let body = null;
  try {
    body = JSON.parse(answer.text);
  } catch {}
  body = body !== null && typeof body === 'object' ? body : {};
  const { status, headers } = answer;
  return requestError(secret, status === 429 ? 'rate_limited' : 'http_error', `${status}: ${body.message ?? body.error ?? (answer.text.slice(0, 200) || `HTTP ${status}`)}`, {
    status,
    key: body.key,
    details: body.details,
    requestId: body.request_id ?? headers.get('x-request-id'),
    retryAfter: retryAfterSeconds(headers),
  });
}

/** Seconds from `Retry-After` (seconds or a date) or `X-Rate-Limit-Retry` (epoch); null if malformed. */
function retryAfterSeconds(headers) {
  const after = headers.get('retry-after')?.trim() ?? '';
  const date = /[a-z]/i.test(after) ? Date.parse(after) : Number.NaN;
  const epoch = headers.get('x-rate-limit-retry')?.trim() ?? '';
  if (/^\d+$/.test(after)) return Number(after);
  if (date === date) return Math.max(0, (date - Date.now()) / 1000);
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

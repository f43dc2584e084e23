// client.js: the server-side client of the Voucherify API, for Node only. It takes the server
// keys from the environment (or options), never prints them, keeps within the rate limits,
// retries what is safe to retry, and counts every call it makes.

import { VoucherifySyncError } from '../errors.js';
import { createRateLimit } from './rate-limit.js';

const DEFAULT_API_URL = 'https://api.voucherify.io';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A request that failed. `status` is the HTTP status (0 when no answer came). `ambiguous` is
 * true when the request may have been applied although no success came back (a dropped
 * connection, a timeout or a 5xx after a POST): such a request must not be sent again blindly.
 */
export class ServerRequestError extends VoucherifySyncError {
  constructor(code, message, { status = 0, ambiguous = false, body, cause } = {}) {
    super(code, message, cause === undefined ? {} : { cause });
    this.name = 'ServerRequestError';
    this.status = status;
    this.ambiguous = ambiguous;
    if (body !== undefined) this.body = body;
  }
}

/**
 * A client for the server-side API (`X-App-Id`, `X-App-Token`). Without options it reads
 * `VOUCHERIFY_APP_ID`, `VOUCHERIFY_APP_TOKEN` and `VOUCHERIFY_API_URL` (default
 * https://api.voucherify.io) from the environment. The keys stay in a closure: the client
 * object, its errors and its counters never hold them.
 * @param {{ appId?: string, appToken?: string, apiUrl?: string, env?: Record<string, string | undefined>,
 *   timeoutMs?: number, maxRetries?: number, retryMs?: number, onWait?: (wait: { ms: number, reason: string }) => void,
 *   sleep?: (ms: number) => Promise<void> }} [options]
 */
export function createServerClient(options = {}) {
  const env = options.env ?? process.env;
  const appId = options.appId ?? env.VOUCHERIFY_APP_ID;
  const appToken = options.appToken ?? env.VOUCHERIFY_APP_TOKEN;
  const missing = [
    ['VOUCHERIFY_APP_ID', appId],
    ['VOUCHERIFY_APP_TOKEN', appToken],
  ].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([name]) => name);
  if (missing.length > 0) {
    throw new VoucherifySyncError('missing_credentials', `${missing.join(' and ')} must be set in the environment (the server keys of the project)`);
  }
  const base = apiBase(options.apiUrl ?? env.VOUCHERIFY_API_URL ?? DEFAULT_API_URL);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxRetries = options.maxRetries ?? 8;
  // The first wait before a read that failed is sent again; each next one doubles, up to 30 s.
  const retryMs = options.retryMs ?? 500;
  const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  const rate = createRateLimit({ sleep, onWait: options.onWait });
  const counts = { calls: 0, byOperation: {} };
  const secrets = [appId, appToken];

  /** Removes the keys from a message that came from elsewhere (a transport error). */
  const scrub = (text) => secrets.reduce((message, secret) => message.split(secret).join('[redacted]'), String(text));

  async function attempt(method, url, { body, headers, keys }) {
    await rate.beforeCall();
    counts.calls += 1;
    const operation = `${method} ${operationName(url, base)}`;
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
    const requestHeaders = { accept: 'application/json, text/csv, */*', ...headers };
    if (keys) Object.assign(requestHeaders, { 'x-app-id': appId, 'x-app-token': appToken });
    try {
      const response = await fetch(url, { method, headers: requestHeaders, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
      rate.observe(response.headers, response.status);
      const text = await response.text();
      return { status: response.status, text, headers: response.headers };
    } catch (error) {
      const code = error?.name === 'TimeoutError' ? 'timeout' : 'network_error';
      return { status: 0, error: new ServerRequestError(code, `${method} ${operationName(url, base)}: ${scrub(error?.cause?.message ?? error?.message ?? error)}`) };
    }
  }

  /**
   * Sends a request and answers its parsed JSON (or text). 429s wait and are retried; 5xx,
   * timeouts and dropped connections are retried for reads (`idempotent`, the default for GET)
   * and thrown as `ambiguous` for writes.
   */
  async function send(method, target, { body, idempotent = method === 'GET', text: asText = false } = {}) {
    const url = new URL(target, base.href);
    const keys = url.origin === base.origin;
    if (!keys && url.protocol !== 'https:') {
      throw new ServerRequestError('invalid_url', `refusing to fetch ${url.origin} over plain HTTP`);
    }
    const payload = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    const headers = payload === undefined ? {} : { 'content-type': 'application/json' };
    let failures = 0;
    let refusals = 0;
    for (;;) {
      const answer = await attempt(method, url, { body: payload, headers, keys });
      // A 429 was not processed, so any request may be sent again once the wait is over.
      if (answer.status === 429 && (refusals += 1) <= maxRetries * 8) continue;
      if (answer.status >= 200 && answer.status < 300) {
        if (asText) return answer.text;
        return answer.text === '' ? null : parseJson(answer.text, method, url);
      }
      const transient = answer.status === 0 || answer.status >= 500;
      if (transient && idempotent && failures < maxRetries) {
        failures += 1;
        await sleep(Math.min(30_000, retryMs * 2 ** (failures - 1)));
        continue;
      }
      if (answer.error) {
        answer.error.ambiguous = !idempotent;
        throw answer.error;
      }
      const parsed = safeJson(answer.text);
      const reason = parsed?.message ?? parsed?.key ?? answer.text.slice(0, 200);
      throw new ServerRequestError(answer.status >= 500 ? 'server_error' : 'http_error', `${method} ${operationName(url, base)} answered ${answer.status}: ${scrub(reason)}`, {
        status: answer.status,
        ambiguous: transient && !idempotent,
        body: parsed ?? undefined,
      });
    }
  }

  const client = {
    /** The API's origin and base path (never the keys). */
    apiUrl: base.href,
    /** Calls made so far: `{ calls, byOperation: { 'POST /v1/exports': 1, ... } }`. */
    get calls() {
      return { calls: counts.calls, byOperation: { ...counts.byOperation } };
    },
    /** What the last answer said about the rate limit, and the time waited for it. */
    get rateLimit() {
      return rate.state;
    },
    request: send,
    /** `GET` a JSON resource. */
    get: (path) => send('GET', path),
    /** `POST` a JSON body; a failure that may have been applied is thrown with `ambiguous: true`. */
    post: (path, body) => send('POST', path, { body }),
    /** Downloads a file (an export or a report) as text; keys go only to the API's own origin. */
    download: (url) => send('GET', url, { text: true }),
    toJSON: () => ({ apiUrl: base.href }),
    [Symbol.for('nodejs.util.inspect.custom')]: () => `ServerClient { apiUrl: ${JSON.stringify(base.href)} }`,
  };
  return client;
}

/** The API base URL: HTTPS, or HTTP on this machine only (a stand-in for tests), no credentials. */
function apiBase(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new VoucherifySyncError('invalid_options', 'VOUCHERIFY_API_URL is not a URL');
  }
  if (url.username || url.password) throw new VoucherifySyncError('invalid_options', 'VOUCHERIFY_API_URL must not carry credentials');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new VoucherifySyncError('invalid_options', `VOUCHERIFY_API_URL must be https (plain http only for 127.0.0.1 or localhost), not ${url.protocol}`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** `/v1/async-actions/{id}`-style name of a URL, for counts and messages (no query: it may hold a token). */
function operationName(url, base) {
  const path = url.origin === base.origin ? url.pathname : `${url.origin}${url.pathname}`;
  return path.replace(/\/(aa|exp|cust|prod|ord)_[^/]+/g, '/{$1_id}').replace(/\/reports\/[^/]+/, '/reports/{report}');
}

function parseJson(text, method, url) {
  try {
    return JSON.parse(text);
  } catch {
    throw new ServerRequestError('invalid_response', `${method} ${url.pathname} answered with something that is not JSON`);
  }
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

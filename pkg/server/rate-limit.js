// rate-limit.js: keeps a server client within the API's rate limits. It reads the limit headers
// of every answer (X-Rate-Limit-Remaining, X-Rate-Limit-Retry, Retry-After) and, before a call,
// waits when the window has no call left; a 429 waits for what the API asks and is retried.

/**
 * The state of the limit as the last answer told it, and the waits it imposes.
 * @param {{ now?: () => number, sleep?: (ms: number) => Promise<void>, onWait?: (wait: { ms: number, reason: string }) => void }} [options]
 */
export function createRateLimit({ now = Date.now, sleep = defaultSleep, onWait } = {}) {
  let remaining = null;
  let resetAt = null;
  let blockedUntil = 0;
  let waitedMs = 0;

  async function wait(ms, reason) {
    if (!(ms > 0)) return;
    waitedMs += ms;
    onWait?.({ ms, reason });
    await sleep(ms);
  }

  return {
    /** Waits until a call is allowed: after a 429's Retry-After, and when the window is used up. */
    async beforeCall() {
      const time = now();
      if (blockedUntil > time) await wait(blockedUntil - time, 'retry_after');
      if (remaining !== null && remaining <= 0 && resetAt !== null) {
        const until = resetAt - now();
        // The window ended (or the header was stale): the next answer tells the truth again.
        remaining = null;
        await wait(until, 'rate_limit');
      }
    },
    /** Reads the limit headers of an answer (a `Headers` object). */
    observe(headers, status) {
      const left = integerHeader(headers, 'x-rate-limit-remaining');
      if (left !== null) remaining = left;
      const retry = integerHeader(headers, 'x-rate-limit-retry');
      if (retry !== null) resetAt = retry * 1000;
      if (status === 429) {
        const after = numberHeader(headers, 'retry-after');
        const until = after !== null ? now() + after * 1000 : resetAt !== null && resetAt > now() ? resetAt : now() + 1000;
        blockedUntil = Math.max(blockedUntil, until);
      }
    },
    /** What the last answer said: calls left in the window and when it resets (ms since the epoch). */
    get state() {
      return { remaining, resetAt, waitedMs };
    },
  };
}

function integerHeader(headers, name) {
  const value = headers.get(name);
  return value !== null && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

/** Retry-After as seconds (a number, or an HTTP date), or null. */
function numberHeader(headers, name) {
  const value = headers.get(name);
  if (value === null) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

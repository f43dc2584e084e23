// polling.js: waiting for the API to finish something (an export, an async action): the status
// is read again after a delay that grows by half each time, up to a ceiling.

/**
 * Calls `check` until it answers something other than `undefined`, waiting `firstMs`, then
 * 1.5 times longer each time, at most `maxMs`, between calls.
 * @template T
 * @param {() => Promise<T | undefined>} check
 * @param {{ firstMs?: number, maxMs?: number, sleep?: (ms: number) => Promise<void> }} [options]
 * @returns {Promise<T>}
 */
export async function pollUntil(check, { firstMs = 1000, maxMs = 30_000, sleep = defaultSleep } = {}) {
  let delay = firstMs;
  for (;;) {
    const answer = await check();
    if (answer !== undefined) return answer;
    await sleep(delay);
    delay = Math.min(maxMs, Math.ceil(delay * 1.5));
  }
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// costs.js: how many API calls a sync costs, read through the export or page by page, and how
// long that takes within a project's rate limit.

/** Records per page of GET /v1/customers and GET /v1/products (the largest `limit`). */
export const PAGE_SIZE = 100;
/** Calls per window of the two plans the issue names: a sandbox project and Business. */
export const RATE_LIMITS = Object.freeze({ sandbox: { calls: 100, windowMs: 3_600_000 }, business: { calls: 100, windowMs: 60_000 } });

/**
 * The calls of a sync: reading `remoteRecords` through the export (create, at least one status
 * check, the download) or by pages, then the `requests` (each sent, checked at least once, and,
 * for bulk updates, its report downloaded); and one call per record for `records` written one
 * by one. `minimum` counts one status check per export or async action; more are needed while
 * the API works.
 * @param {{ remoteRecords: number, requests: { operation: string }[], records: number }} counts
 */
export function callCosts({ remoteRecords, requests, records }) {
  const reports = requests.filter((request) => request.operation.endsWith('/bulk/async')).length;
  const read = { export: 3, pages: Math.max(1, Math.ceil(remoteRecords / PAGE_SIZE)) };
  const write = { requests: requests.length, statusChecks: requests.length, reports, oneByOne: records };
  const writeCalls = write.requests + write.statusChecks + write.reports;
  const minimum = { export: read.export + writeCalls, pages: read.pages + write.oneByOne };
  return { read, write, minimum, time: { sandbox: windowTime(minimum, RATE_LIMITS.sandbox), business: windowTime(minimum, RATE_LIMITS.business) } };
}

/** For each way, the least time the calls take within `limit` (the first window's calls are free). */
function windowTime(minimum, limit) {
  const time = {};
  for (const [way, calls] of Object.entries(minimum)) time[way] = Math.max(0, Math.ceil(calls / limit.calls) - 1) * limit.windowMs;
  return time;
}

// results.js: what an async action says about each record of the request that created it: the
// errors (by source_id), the counts, and for bulk updates the result report, whose `found`
// column tells a record created from one updated.

import '../node.js';
import { call, loaded } from '../bridge.js';

/**
 * The result of `send`'s async action, small enough for the journal: `{ status, doneCount,
 * failedCount, failed: [{ source_id, key, message }], unattributed, created, updated }`, where
 * `created` and `updated` list only the records the report contradicts the plan on (a record
 * planned as an update that was not found, or the other way round), and records neither
 * reported nor failed are failed with `not_in_report`.
 * @param {ReturnType<import('./client.js').createServerClient>} client
 * @param {{ operation: string, keys: (string | null)[] }} send
 * @param {object} action the answer of GET /v1/async-actions/{id}
 * @param {(string | undefined)[]} planned the plan action of each record of the request
 */
export async function readActionResult(client, send, action, planned) {
  const result = action.result ?? {};
  const failed = [];
  let unattributed = null;
  const problems = [...(Array.isArray(result.errors) ? result.errors : []), ...asList(result.failed)];
  for (const problem of problems) {
    const message = [problem.message, problem.details, problem.reason].filter((part) => typeof part === 'string' && part !== '').join(': ') || 'failed';
    const key = typeof problem.key === 'string' ? problem.key : 'failed';
    if (typeof problem.source_id === 'string') failed.push({ source_id: problem.source_id, key, message });
    else unattributed ??= { key, message };
  }
  const failedCount = integer(result.failed_count);
  if (action.status === 'FAILED' && failed.length === 0) {
    unattributed ??= { key: 'async_action_failed', message: typeof result.message === 'string' ? result.message : 'the async action failed' };
  }
  // An error without a source_id only explains the records when some failed that no error names.
  if (unattributed && failedCount !== null && failedCount <= failed.length && action.status !== 'FAILED') unattributed = null;
  const created = [];
  const updated = [];
  const reports = Array.isArray(result.reports) ? result.reports.filter((url) => typeof url === 'string') : [];
  if (reports.length > 0 && unattributed === null) {
    const seen = new Map();
    for (const url of reports) for (const [key, found] of reportRows(await client.download(url))) seen.set(key, found);
    if (seen.size > 0) {
      const failedKeys = new Set(failed.map((failure) => failure.source_id));
      for (const [position, key] of send.keys.entries()) {
        if (failedKeys.has(key)) continue;
        if (!seen.has(key)) failed.push({ source_id: key, key: 'not_in_report', message: 'the async action finished but its report does not list the record' });
        else if (seen.get(key) === false && planned[position] === 'update') created.push(key);
        else if (seen.get(key) === true && planned[position] === 'create') updated.push(key);
      }
    }
  }
  return { status: action.status, doneCount: integer(result.done_count), failedCount, failed, unattributed, created, updated };
}

/** `[source_id, found]` for each row of a result report that has those columns. */
function reportRows(text) {
  const read = call(() => loaded().csvRecords(new TextEncoder().encode(text)));
  const column = (name) => read.header.findIndex((header) => header.trim().toLowerCase() === name);
  const key = column('source_id');
  const found = column('found');
  if (key === -1 || found === -1) return [];
  return read.records.map((cells) => [cells[key], /^true$/i.test(String(cells[found]).trim())]);
}

function asList(value) {
  if (Array.isArray(value)) return value;
  return value !== null && typeof value === 'object' ? [value] : [];
}

function integer(value) {
  return Number.isSafeInteger(value) ? value : null;
}

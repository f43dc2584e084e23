// sync.js: a whole sync in one call: what Voucherify holds read through an export (kept beside
// the journal, so that a continued run plans against the same snapshot), the plan, and, when
// asked, the plan applied.

import { existsSync, readFileSync } from 'node:fs';
import { planSync } from '../node.js';
import { VoucherifySyncError } from '../errors.js';
import { applyPlan } from './apply.js';
import { callCosts } from './costs.js';
import { exportRemote, readExport } from './export.js';
import { openJournal } from './journal.js';
import { planOrders } from './orders.js';
import { contentHash, planSends } from './sends.js';

/**
 * Syncs `local` records of `kind` with the project: customers or products (an array of
 * records, as planSync takes them), or orders (the bytes of an orders CSV file, imported with
 * POST /v1/orders/import; an order the project holds is left unchanged). Without `apply`,
 * only plans: resolves with `{ plan, requests, costs, resumed }`. With `apply`, also sends and
 * resolves with `{ plan, requests, costs, resumed, report }` (see applyPlan). The remote
 * snapshot is `journal` + `.remote.csv`; while the journal holds an unfinished run, that run's
 * snapshot and plan are used again, so the run continues instead of starting over.
 * @param {ReturnType<import('./client.js').createServerClient>} client
 * @param {'customers' | 'products' | 'orders'} kind
 * @param {object[] | Uint8Array} local
 * @param {{ journal: string, apply?: boolean, planOptions?: object, places?: object[],
 *   pollMs?: number, maxPollMs?: number, sleep?: (ms: number) => Promise<void>,
 *   metadataBodies?: boolean, onProgress?: (progress: object) => void }} options
 */
export async function syncRecords(client, kind, local, options) {
  if (!['customers', 'products', 'orders'].includes(kind)) throw new VoucherifySyncError('invalid_argument', 'kind must be "customers", "products" or "orders"');
  if (kind === 'orders' && !(local instanceof Uint8Array)) throw new VoucherifySyncError('invalid_argument', 'the local orders must be the bytes of an orders CSV file');
  if (typeof options?.journal !== 'string') throw new VoucherifySyncError('invalid_argument', 'options.journal must be the path of the journal file');
  const snapshot = `${options.journal}.remote.csv`;
  const planOptions = options.planOptions ?? {};
  const localHash = contentHash(`${JSON.stringify({ kind, planOptions })}\n${local instanceof Uint8Array ? contentHash(local) : JSON.stringify(local)}`);
  // A dry run reads an unfinished run's journal, but never creates one.
  const journal = options.apply || existsSync(options.journal) ? openJournal(options.journal) : { entries: [], finished: true, close() {} };
  try {
    let start = journal.finished ? null : journal.entries[0];
    if (start) {
      if (start.localHash !== localHash) {
        throw new VoucherifySyncError('journal_mismatch', `the journal ${options.journal} holds an unfinished run of other local records or options; run it again with the same ones to finish it, or use another journal file`);
      }
      if (!existsSync(snapshot) || contentHash(readFileSync(snapshot)) !== start.remoteHash) {
        throw new VoucherifySyncError('journal_mismatch', `the remote snapshot ${snapshot} of the unfinished run is missing or changed; use another journal file to start over`);
      }
    } else {
      options.onProgress?.({ phase: 'export' });
      await exportRemote(client, kind, { file: snapshot, pollMs: options.pollMs, maxPollMs: options.maxPollMs, sleep: options.sleep });
    }
    const remote = await readExport(snapshot);
    const plan = kind === 'orders' ? await planOrders(local, remote, planOptions) : planSync(kind, local, remote, planOptions);
    if (options.places) for (const entry of plan.entries) Object.assign(entry, options.places[entry.index] ?? {});
    const sendOptions = { ...options, maxBodyBytes: planOptions.maxBodyBytes };
    const requests = planSends(plan, sendOptions).map(({ operation, hash, entries }) => ({ operation, hash, records: entries.length }));
    const costs = callCosts({ remoteRecords: remote.length, requests, records: plan.summary.create + plan.summary.update });
    const resumed = start ? { startedAt: start.at, sent: journal.entries.filter((entry) => entry.type === 'sent').length, done: journal.entries.filter((entry) => entry.type === 'result').length } : null;
    if (!options.apply) return { plan, requests, costs, resumed };
    if (!start) start = journal.append({ type: 'start', kind, localHash, remoteHash: contentHash(readFileSync(snapshot)), snapshot });
    const report = await applyPlan(client, plan, { ...sendOptions, journal });
    return { plan, requests, costs, resumed, report };
  } finally {
    journal.close();
  }
}

// apply.js: sends a plan's requests, waits for their async actions, reads their results and
// accounts for every local record once. Every step is journaled first, so a killed run
// continues where it stopped and never sends a body twice.

import { VoucherifySyncError } from '../errors.js';
import { openJournal } from './journal.js';
import { pollUntil } from './polling.js';
import { ACTION_TYPES, contentHash, planSends } from './sends.js';
import { readActionResult } from './results.js';

/** How far before its `sending` entry an async action may have been created (clock skew). */
const SKEW_MS = 120_000;

/**
 * Applies a plan (from planSync, or a plan of orders) with the server client. Resolves with the
 * report: `{ kind, summary: { local, created, updated, unchanged, conflict, failed }, records:
 * [{ index, key, outcome, reason?, message?, action? }], requests: [{ operation, hash, records,
 * action, doneCount, failedCount }], calls }`, one record per plan entry, in order.
 *
 * With `journal` (a file path), each step is written to that append-only file before it goes on;
 * calling again with the same plan after a crash continues the run. A request whose `sending`
 * entry has no answer is looked up in `GET /v1/async-actions` (the newest actions of its type
 * created since) before anything is sent again.
 * @param {ReturnType<import('./client.js').createServerClient>} client
 * @param {object} plan
 * @param {{ journal?: string | ReturnType<typeof openJournal>, pollMs?: number, maxPollMs?: number,
 *   sleep?: (ms: number) => Promise<void>, maxBodyBytes?: number, metadataBodies?: boolean,
 *   start?: object, onProgress?: (progress: object) => void }} [options]
 */
export async function applyPlan(client, plan, options = {}) {
  const sends = planSends(plan, options);
  const planHash = contentHash(sends.map((send) => `${send.operation} ${send.hash}`).join('\n'));
  const ownJournal = typeof options.journal === 'string';
  const journal = ownJournal ? openJournal(options.journal) : options.journal ?? memoryJournal();
  try {
    if (journal.finished) journal.append({ type: 'start', ...(options.start ?? {}) });
    const recorded = journal.entries.find((entry) => entry.type === 'plan');
    if (recorded === undefined) {
      journal.append({ type: 'plan', planHash, requests: sends.map((send) => ({ operation: send.operation, hash: send.hash, records: send.entries.length })) });
    } else if (recorded.planHash !== planHash) {
      throw new VoucherifySyncError('journal_mismatch', `the journal ${journal.file ?? ''} holds an unfinished run of another plan; continue it with the same local file and remote snapshot, or start over with another journal file`.replace('  ', ' '));
    }
    const run = new Run(client, journal, sends, plan, options);
    await run.sendAll();
    await run.waitAll();
    const report = run.report();
    journal.append({ type: 'done', summary: report.summary });
    return report;
  } finally {
    if (ownJournal) journal.close();
  }
}

/** A journal kept in memory, for a run that need not survive the process. */
function memoryJournal() {
  let entries = [];
  return {
    get entries() {
      return entries;
    },
    get finished() {
      return entries.length === 0 || entries.at(-1).type === 'done';
    },
    append(entry) {
      if (entry.type === 'start') entries = [];
      const stamped = { ...entry, at: new Date().toISOString() };
      entries.push(stamped);
      return stamped;
    },
  };
}

class Run {
  constructor(client, journal, sends, plan, options) {
    this.client = client;
    this.journal = journal;
    this.sends = sends;
    this.plan = plan;
    this.poll = { firstMs: options.pollMs ?? 1000, maxMs: options.maxPollMs ?? 30_000, sleep: options.sleep };
    this.onProgress = options.onProgress ?? (() => {});
    this.started = Date.now();
    this.callsAtStart = client.calls.calls;
  }

  /** What the journal says of request `body`: its last `sending`, `sent`, `unsent`, `rejected` and `result` entries. */
  state(body) {
    const state = {};
    for (const entry of this.journal.entries) if (entry.body === body) state[entry.type] = entry;
    return state;
  }

  lastOf(body) {
    return this.journal.entries.findLast((entry) => entry.body === body)?.type;
  }

  /** Async actions already matched to a body, in this run or an earlier one of the journal. */
  claimed() {
    return new Set([...(this.journal.actions ?? []), ...this.journal.entries.filter((entry) => entry.type === 'sent').map((entry) => entry.action)]);
  }

  async sendAll() {
    for (const [body, send] of this.sends.entries()) {
      for (;;) {
        const last = this.lastOf(body);
        if (last === 'sent' || last === 'rejected' || last === 'result') break;
        if (last === 'sending') {
          await this.resolve(body, send);
          continue;
        }
        this.progress('send');
        this.journal.append({ type: 'sending', body, hash: send.hash, operation: send.operation });
        try {
          const answer = await this.client.request('POST', send.path, { body: send.bytes });
          const action = answer?.async_action_id;
          if (typeof action !== 'string') throw new VoucherifySyncError('invalid_response', `${send.operation} answered without an async_action_id`);
          this.journal.append({ type: 'sent', body, hash: send.hash, action });
        } catch (error) {
          if (error?.ambiguous) continue; // looked up in the async actions on the next turn
          // The body itself was refused; anything else (keys, plan limits) stops the run.
          if (![400, 413, 422].includes(error?.status)) throw error;
          this.journal.append({ type: 'rejected', body, hash: send.hash, status: error.status, reason: error.body?.key ?? (error.status === 413 ? 'too_large' : error.code), message: error.message });
        }
      }
    }
  }

  /**
   * A request was being sent when the run stopped (or its answer was lost): finds the async
   * action it created, if any, among the newest of its type created since, not claimed by
   * another request of the journal. None means the API never took the body: it is sent again.
   */
  async resolve(body, send) {
    const sending = this.state(body).sending;
    const since = Date.parse(sending.at) - SKEW_MS;
    const type = ACTION_TYPES[send.operation];
    const claimed = this.claimed();
    const list = await this.client.get('/v1/async-actions?limit=100');
    const candidates = (list?.async_actions ?? [])
      .filter((action) => action.type === type && !claimed.has(action.id) && Date.parse(action.created_at) >= since)
      .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    if (candidates.length > 0) {
      this.journal.append({ type: 'sent', body, hash: send.hash, action: candidates[0].id, found: 'async_actions' });
    } else {
      this.journal.append({ type: 'unsent', body, hash: send.hash });
    }
  }

  async waitAll() {
    for (const [body, send] of this.sends.entries()) {
      const state = this.state(body);
      if (state.result || !state.sent) continue;
      this.progress('wait');
      const action = await pollUntil(async () => {
        const answer = await this.client.get(`/v1/async-actions/${encodeURIComponent(state.sent.action)}`);
        this.progress('wait');
        return answer?.status === 'DONE' || answer?.status === 'FAILED' ? answer : undefined;
      }, this.poll);
      const planned = send.entries.map((index) => this.plan.entries[index]?.action);
      const result = await readActionResult(this.client, send, action, planned);
      this.journal.append({ type: 'result', body, hash: send.hash, action: state.sent.action, ...result });
    }
  }

  progress(phase) {
    const done = this.sends.filter((_, body) => this.state(body).result).length;
    const sent = this.sends.filter((_, body) => ['sent', 'result', 'rejected'].includes(this.lastOf(body))).length;
    const calls = this.client.calls.calls - this.callsAtStart;
    // Each request costs a send, a status check or more, and a report download.
    const callsLeft = (this.sends.length - sent) + 2 * (this.sends.length - done);
    const elapsed = Date.now() - this.started;
    const perCall = calls > 0 ? elapsed / calls : null;
    this.onProgress({ phase, requests: this.sends.length, sent, done, calls, callsLeft, etaMs: perCall === null ? null : Math.round(perCall * callsLeft), rateLimit: this.client.rateLimit });
  }

  report() {
    const outcomes = new Map();
    const requests = this.sends.map((send, body) => {
      const state = this.state(body);
      const summary = { operation: send.operation, hash: send.hash, records: send.entries.length, action: state.sent?.action ?? null };
      if (state.rejected) {
        for (const index of send.entries) outcomes.set(index, { outcome: 'failed', reason: state.rejected.reason, message: state.rejected.message });
        return { ...summary, rejected: state.rejected.status };
      }
      const result = state.result;
      const failures = new Map(result.failed.map((failure) => [failure.source_id, failure]));
      const created = new Set(result.created);
      const updated = new Set(result.updated);
      for (const [position, index] of send.entries.entries()) {
        const key = send.keys[position];
        const failure = failures.get(key) ?? result.unattributed;
        if (failure) {
          outcomes.set(index, { outcome: 'failed', reason: failure.key, message: failure.message, action: summary.action });
        } else {
          const planned = this.plan.entries[index]?.action === 'create' ? 'created' : 'updated';
          outcomes.set(index, { outcome: created.has(key) ? 'created' : updated.has(key) ? 'updated' : planned, action: summary.action });
        }
      }
      return { ...summary, status: result.status, doneCount: result.doneCount, failedCount: result.failedCount };
    });
    const records = this.plan.entries.map((entry, index) => {
      const base = { index, key: entry.key ?? null };
      for (const where of ['row', 'line', 'record']) if (entry[where] !== undefined) base[where] = entry[where];
      if (outcomes.has(index)) return { ...base, ...outcomes.get(index) };
      if (entry.action === 'conflict') return { ...base, outcome: 'conflict', reason: entry.reason, message: entry.message };
      if (entry.action === 'unchanged') return { ...base, outcome: 'unchanged' };
      return { ...base, outcome: 'failed', reason: 'not_sent', message: 'the record was planned but no request carried it' };
    });
    const summary = { local: records.length, created: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 };
    for (const record of records) summary[record.outcome] += 1;
    return { kind: this.plan.kind, summary, records, requests, calls: this.client.calls };
  }
}

// sync-faults.test.mjs: `voucherify-sync sync --apply` killed (SIGKILL) at seeded random points
// (when the stand-in receives a request, right after it answers one, or after a random time)
// and run again until it finishes, while the stand-in also injects 429s, 5xx, dropped
// connections and slow answers. In the end the project must hold exactly the local records,
// every request body of the plan must have been applied exactly once, and the final report
// must account for every local record once.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './cli.mjs';
import { csvText, runCli, standin, startCli, syncEnv } from './sync-support.mjs';
import { seededRandom } from '../../scripts/seeded-random.mjs';

const SEED = 1717;
const MIN_KILLS = 50;
/** Kills per scenario before a run is let through to the end. */
const KILLS_PER_SCENARIO = 10;
/** Records per scenario: a quarter unchanged, a quarter renamed, a quarter with new metadata, a quarter new. */
const RECORDS = 60;

/** A scenario: the project's customers, the local file, and what the project must hold after. */
function scenario(number) {
  const remote = [];
  const rows = [];
  const expected = new Map();
  for (let i = 0; i < RECORDS; i += 1) {
    const key = `s${number}-c${String(i).padStart(2, '0')}`;
    const group = i % 4;
    const name = `Person ${number}-${i} of the fault scenarios`;
    if (group !== 3) remote.push({ source_id: key, name: group === 1 ? `Old ${i}` : name, metadata: { tier: 'bronze' } });
    // 0: unchanged, 1: name changes, 2: only metadata changes (the same value), 3: new
    const tier = group === 2 ? 'silver' : 'bronze';
    rows.push([key, name, group === 3 ? `${key}@example.com` : '', tier]);
    expected.set(key, { name, tier });
  }
  rows.push(['', 'No Key', '', 'bronze']);
  return { remote, text: csvText(['source_id', 'name', 'email', 'tier'], rows), expected, rows };
}

test('a sync killed at 50+ random points and run again ends with the local records, each body applied once', { timeout: 600_000 }, async (t) => {
  const random = seededRandom(SEED);
  let kills = 0;
  let scenarios = 0;
  const modes = { request: 0, answer: 0, time: 0 };
  while (kills < MIN_KILLS) {
    scenarios += 1;
    const { remote, text, expected, rows } = scenario(scenarios);
    const dir = tempDir(t);
    const local = join(dir, 'customers.csv');
    const journal = join(dir, 'journal.ndjson');
    writeFileSync(local, text);
    const api = await standin({ customers: remote, actionMs: 3, exportMs: 3, faults: { seed: SEED + scenarios, rate: 0.12, kinds: ['429', '503', '500-after', 'drop-before', 'drop-after', 'slow'] } });
    const args = ['sync', 'customers', '--local', local, '--journal', journal, '--apply', '--json', '--poll-ms', '2', '--max-body-bytes', '1024'];
    let final;
    try {
      let scenarioKills = 0;
      for (let run = 0; run < 40 && final === undefined; run += 1) {
        const { child, done } = startCli(args, { env: syncEnv(api) });
        // Kill points: the n-th request the stand-in receives (it is still processed, as a
        // server would), just after the n-th answer, or a random time after the start.
        const mode = scenarioKills < KILLS_PER_SCENARIO ? ['request', 'answer', 'time'][Math.floor(random() * 3)] : 'none';
        const at = 1 + Math.floor(random() * 10);
        let seen = 0;
        const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
        api.hooks.beforeProcess = mode === 'request' ? () => (seen += 1) === at && kill() : null;
        api.hooks.afterRespond = mode === 'answer' ? () => (seen += 1) === at && setImmediate(kill) : null;
        const timer = mode === 'time' ? setTimeout(kill, Math.floor(random() * 2000)) : null;
        const result = await done;
        clearTimeout(timer);
        api.hooks.beforeProcess = null;
        api.hooks.afterRespond = null;
        if (result.signal === 'SIGKILL') {
          kills += 1;
          scenarioKills += 1;
          modes[mode] += 1;
          continue;
        }
        assert.equal(result.status, 1, `the run ends with exit 1 (one conflict): ${result.stderr}`);
        final = JSON.parse(result.stdout);
      }
      assert.ok(final, 'the sync finished within 40 runs');
      await api.drain();

      // Every record of the local file is accounted for once, with the outcome it had in the plan.
      assert.deepEqual(final.report.records.map((record) => record.index), rows.map((_, index) => index));
      const quarter = RECORDS / 4;
      const entries = readFileSync(journal, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      const expectedSummary = { local: RECORDS + 1, created: quarter, updated: 2 * quarter, unchanged: quarter, conflict: 1, failed: 0 };
      // The run that sent the plan wrote its report to the journal; when it was killed after
      // that, before printing, the next run started anew and found everything in step.
      const runs = entries.filter((entry) => entry.type === 'done').map((entry) => entry.summary);
      assert.deepEqual(runs[0], expectedSummary);
      assert.ok(runs.length <= 2);
      assert.deepEqual(final.report.summary, runs.length === 1 ? expectedSummary : { ...expectedSummary, created: 0, updated: 0, unchanged: RECORDS });
      assert.equal(final.report.records[RECORDS].reason, 'missing_key');
      assert.equal(final.report.records[RECORDS].row, RECORDS + 1);

      // The project holds the local records.
      assert.equal(api.store.customers.size, RECORDS);
      for (const [key, { name, tier }] of expected) {
        const stored = api.store.customers.get(key);
        assert.equal(stored?.name, name, key);
        assert.equal(stored?.metadata?.tier, tier, key);
      }

      // Each body of the plan was applied exactly once, and no other body was.
      const plan = entries.find((entry) => entry.type === 'plan');
      const planned = plan.requests.map((request) => request.hash);
      assert.ok(planned.length >= 4, `several requests: ${planned.length}`);
      assert.ok(plan.requests.some((request) => request.operation === 'POST /v1/customers/metadata/async'), 'same-metadata updates go as one metadata request');
      assert.deepEqual([...api.applications.keys()].sort(), [...planned].sort());
      for (const [hash, count] of api.applications) assert.equal(count, 1, `body ${hash} applied ${count} times`);

      // A dry run now finds nothing to send.
      const again = await runCli(['sync', 'customers', '--local', local, '--journal', join(dir, 'check.ndjson'), '--json', '--poll-ms', '2'], { env: syncEnv(api) });
      const check = JSON.parse(again.stdout);
      assert.deepEqual({ create: check.summary.create, update: check.summary.update, unchanged: check.summary.unchanged }, { create: 0, update: 0, unchanged: RECORDS });
    } finally {
      await api.close();
    }
  }
  t.diagnostic(`${kills} kills (${JSON.stringify(modes)}) over ${scenarios} scenarios`);
  assert.ok(kills >= MIN_KILLS);
});

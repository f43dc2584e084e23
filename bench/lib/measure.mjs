// measure.mjs: timing that is fair to every contender on a shared, noisy machine: warm-up, runs
// that alternate the contenders (the order rotates every run), medians, and resident memory
// sampled while each run works.

import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const MB = 1e6;

/** Collects garbage when Node runs with --expose-gc, so one run's garbage does not bill the next. */
function collectGarbage() {
  globalThis.gc?.();
}

/** The highest resident set size seen between `start()` and the last `sample()`. */
export class RssPeak {
  start() {
    this.base = process.memoryUsage.rss();
    this.peak = this.base;
  }

  sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  };
}

/**
 * Runs every contender `runs` times on the same input, alternating them (run k starts with the
 * k-th contender), after `warmup` untimed rounds. A contender is `{ id, prepare(input), run(prepared,
 * sample) }`; `prepare` is not timed. Returns, per contender id: the times in ms, their median,
 * the peak RSS and the largest RSS growth over a run (MB), and what the last run returned.
 */
export async function alternate(contenders, input, { runs, warmup = 0, log = () => {} }) {
  const results = new Map(contenders.map((c) => [c.id, { times: [], peakRssMB: 0, growthMB: 0, value: undefined }]));
  const rss = new RssPeak();
  for (let round = -warmup; round < runs; round++) {
    const offset = ((round % contenders.length) + contenders.length) % contenders.length;
    const order = [...contenders.slice(offset), ...contenders.slice(0, offset)];
    for (const contender of order) {
      let prepared = contender.prepare ? contender.prepare(input) : input;
      collectGarbage();
      rss.start();
      const start = performance.now();
      const value = await contender.run(prepared, rss.sample);
      const elapsed = performance.now() - start;
      rss.sample();
      prepared = null;
      const result = results.get(contender.id);
      result.value = value;
      if (round >= 0) {
        result.times.push(elapsed);
        result.peakRssMB = Math.max(result.peakRssMB, rss.peak / MB);
        result.growthMB = Math.max(result.growthMB, (rss.peak - rss.base) / MB);
      }
      log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`} ${contender.id}: ${elapsed.toFixed(1)} ms`);
    }
  }
  for (const result of results.values()) result.medianMs = median(result.times);
  return results;
}

/**
 * The median over runs of `theirs[k] / ours[k]`, rounded to 2 decimals: run k of every contender
 * comes from the same round, seconds apart, so a slow spell of a shared machine that spans a
 * round cancels out of its ratio instead of landing on one contender's median.
 */
export function pairedRatio(theirs, ours) {
  const ratios = theirs.map((time, k) => time / ours[k]).filter(Number.isFinite);
  return Math.round(median(ratios) * 100) / 100;
}

/** `part / whole` rounded to 2 decimals (a ratio of medians). */
export function ratio(part, whole) {
  return Math.round((part / whole) * 100) / 100;
}

/** Rounds to `digits` decimals. */
export function round(value, digits = 1) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The machine, Node and Rust versions, for the results. */
export function environment() {
  const cpus = os.cpus();
  const version = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memoryGB: round(os.totalmem() / 2 ** 30, 0),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rustc: version('rustc', ['--version']),
    loadAverage: os.loadavg().map((value) => round(value, 2)),
  };
}

/** Prints progress to stderr, so stdout stays the suite's JSON. */
export function progress(message) {
  process.stderr.write(`  ${message}\n`);
}

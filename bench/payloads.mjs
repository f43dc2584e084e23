// payloads.mjs: the payload suite of `make bench`. Our validatePayload / validatePayloads (the
// crossing into wasm included; on the Node build and on the browser build) against ajv compiled from the official OpenAPI schema of the same
// operation (`tests/contract/lib/spec.mjs`), on a customer, a 20-item order and a stackable
// redemption of 5 redeemables and 20 items, each (a) as a JS object and (b) as UTF-8 JSON bytes
// (ajv gets TextDecoder + JSON.parse first), and (c) NDJSON files of 100 000 customers and
// 10 000 orders. Prints the suite's results as JSON on stdout.

import { compileRequestSchema } from '../tests/contract/lib/spec.mjs';
import { validatePayload, validatePayloads } from '../pkg/node.js';
import { useBuild } from './lib/builds.mjs';
import { alternate, median, progress, ratio, round } from './lib/measure.mjs';
import { customer, ndjson, order, redemption, spoilCustomer, spoilOrder } from './lib/payloads.mjs';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 5 : 15;
const BATCH_MS = QUICK ? 10 : 25;
const NDJSON_RUNS = QUICK ? 3 : 7;
const LATENCY_CALLS = QUICK ? 500 : 3000;
const WARM_MS = QUICK ? 100 : 300;
/** The latency budget of one stackable request object, crossing included (µs). */
const STACKABLE_BUDGET_US = 50;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Calls `fn` `count` times; returns ns per call. */
function batch(fn, count) {
  const start = performance.now();
  for (let i = 0; i < count; i++) fn();
  return ((performance.now() - start) * 1e6) / count;
}

/** How many calls of `fn` take about `BATCH_MS`. */
function calibrate(fn) {
  let count = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < count; i++) fn();
    const elapsed = performance.now() - start;
    if (elapsed > BATCH_MS / 4) return Math.max(1, Math.round((count * BATCH_MS) / elapsed));
    count *= 2;
  }
}

/** Calls `fn` for about `ms` milliseconds (lets V8 tier the wasm and the JS up). */
function warm(fn, ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) for (let i = 0; i < 16; i++) fn();
}

/**
 * ns/op medians of contenders `{ id, before?, fn }`, alternating them batch by batch after a
 * warm-up. `before` runs untimed ahead of each batch (it attaches the build and makes one call,
 * so that the validator the package caches per build is built outside the timing).
 */
function race(contenders) {
  for (const contender of contenders) {
    contender.before?.();
    warm(contender.fn, WARM_MS);
    contender.count = calibrate(contender.fn);
    contender.samples = [];
  }
  for (let round = 0; round < ROUNDS; round++) {
    const offset = round % contenders.length;
    for (const contender of [...contenders.slice(offset), ...contenders.slice(0, offset)]) {
      globalThis.gc?.();
      contender.before?.();
      contender.samples.push(batch(contender.fn, contender.count));
    }
  }
  return Object.fromEntries(contenders.map((c) => [c.id, median(c.samples)]));
}

/** Per-call latency percentiles of `fn` in µs. */
function latency(fn, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    fn();
    times.push((performance.now() - start) * 1e3);
  }
  times.sort((a, b) => a - b);
  return { p50: round(times[Math.floor(calls * 0.5)], 1), p99: round(times[Math.floor(calls * 0.99)], 1) };
}

const SINGLE = [
  { id: 'customer', label: 'customer', operation: 'POST /v1/customers', body: customer(184) },
  { id: 'order', label: 'order, 20 items', operation: 'POST /v1/orders', body: order(118734) },
  { id: 'stackable', label: 'stackable redemption, 5 redeemables, 20 items', operation: 'POST /v1/redemptions', body: redemption(7) },
];

/** Our contenders on both builds and ajv's, for `race`. */
function contenders(ours, ajv) {
  return [
    { id: 'node', before: () => (useBuild('node'), ours()), fn: ours },
    { id: 'browser', before: () => (useBuild('browser'), ours()), fn: ours },
    { id: 'ajv', fn: ajv },
  ];
}

/** ns/op of each contender, and ajv's time over ours for each build. */
function summarize(medians, jsonBytes) {
  const mbPerS = (ns) => round((jsonBytes / ns) * 1e3, 1);
  return {
    nodeNs: round(medians.node, 0),
    browserNs: round(medians.browser, 0),
    ajvNs: round(medians.ajv, 0),
    nodeMBps: mbPerS(medians.node),
    browserMBps: mbPerS(medians.browser),
    ajvMBps: mbPerS(medians.ajv),
    ratio: ratio(medians.ajv, medians.node),
    browserRatio: ratio(medians.ajv, medians.browser),
  };
}

function singleBodies() {
  const rows = [];
  for (const { id, label, operation, body } of SINGLE) {
    const ajv = compileRequestSchema(operation);
    const bytes = encoder.encode(JSON.stringify(body));
    for (const build of ['node', 'browser']) {
      useBuild(build);
      const ours = validatePayload(operation, bytes);
      if (!ours.valid || !ajv(body) || ours.issues.length > 0) {
        throw new Error(`${label}: the benchmark body must be valid and clean for both validators`);
      }
    }
    progress(`${label}: object`);
    const object = race(contenders(() => validatePayload(operation, body), () => ajv(body)));
    progress(`${label}: bytes`);
    const fromBytes = race(contenders(() => validatePayload(operation, bytes), () => ajv(JSON.parse(decoder.decode(bytes)))));
    const objectLatencyUs = {};
    for (const build of ['node', 'browser']) {
      useBuild(build);
      warm(() => validatePayload(operation, body), WARM_MS);
      objectLatencyUs[build] = latency(() => validatePayload(operation, body), LATENCY_CALLS);
    }
    rows.push({
      id,
      label,
      operation,
      jsonBytes: bytes.length,
      object: summarize(object, bytes.length),
      bytes: summarize(fromBytes, bytes.length),
      objectLatencyUs,
    });
  }
  return rows;
}

const FILES = [
  { id: 'customers', label: 'customers', operation: 'POST /v1/customers', count: 100_000, build: (i) => customer(i), spoil: spoilCustomer },
  { id: 'orders', label: 'orders of 20 items', operation: 'POST /v1/orders', count: 10_000, build: (i) => order(i), spoil: spoilOrder },
].map((file) => {
  const count = QUICK ? file.count / 10 : file.count;
  return { ...file, count, label: `NDJSON, ${count.toLocaleString('en-US').replaceAll(',', ' ')} ${file.label}` };
});

/** ajv over NDJSON as a user would write it: decode, split lines, JSON.parse, validate. */
function ajvNdjson(ajv, bytes) {
  let bodies = 0;
  let invalid = 0;
  for (const line of decoder.decode(bytes).split('\n')) {
    if (line.trim() === '') continue;
    bodies += 1;
    let body;
    try {
      body = JSON.parse(line);
    } catch {
      invalid += 1;
      continue;
    }
    if (!ajv(body)) invalid += 1;
  }
  return { bodies, invalid };
}

async function ndjsonFiles() {
  const rows = [];
  for (const { id, label, operation, count, build, spoil } of FILES) {
    const file = ndjson(count, build, spoil);
    const ajv = compileRequestSchema(operation);
    progress(`${label}: ${round(file.bytes.length / 1e6, 1)} MB`);
    const results = await alternate(
      [
        ...['node', 'browser'].map((build) => ({
          id: build,
          run: (bytes) => {
            useBuild(build);
            const report = validatePayloads(operation, bytes);
            return { bodies: report.bodies, invalid: report.invalidBodies };
          },
        })),
        { id: 'ajv', run: (bytes) => ajvNdjson(ajv, bytes) },
      ],
      file.bytes,
      { runs: NDJSON_RUNS, warmup: 1, log: progress },
    );
    const theirs = results.get('ajv');
    for (const [name, result] of results) {
      if (result.value.bodies !== file.count || result.value.invalid !== file.invalid) {
        throw new Error(`${label}: ${name} found ${result.value.invalid} invalid of ${result.value.bodies} bodies; the file has ${file.invalid} of ${file.count}`);
      }
    }
    const measures = (result) => ({
      medianMs: round(result.medianMs, 1),
      nsPerBody: round((result.medianMs * 1e6) / file.count, 0),
      MBps: round(file.bytes.length / 1e3 / result.medianMs, 1),
      timesMs: result.times.map((t) => round(t, 1)),
    });
    rows.push({
      id,
      label,
      operation,
      bodies: file.count,
      invalidBodies: file.invalid,
      bytes: file.bytes.length,
      node: measures(results.get('node')),
      browser: measures(results.get('browser')),
      ajv: measures(theirs),
      ratio: ratio(theirs.medianMs, results.get('node').medianMs),
      browserRatio: ratio(theirs.medianMs, results.get('browser').medianMs),
    });
  }
  return rows;
}

const single = singleBodies();
const files = await ndjsonFiles();
const stackable = single.find((row) => row.id === 'stackable');
process.stdout.write(
  `${JSON.stringify({
    suite: 'payloads',
    method: `ns/op: median of ${ROUNDS} alternating batches of about ${BATCH_MS} ms after ${WARM_MS} ms of warm-up each; latency: ${LATENCY_CALLS} calls timed one by one; NDJSON: median of ${NDJSON_RUNS} alternating runs after a warm-up; ajv: allErrors, formats, compiled once from the OpenAPI schema with the contract tests' documented deviations`,
    single,
    ndjson: files,
    stackableObjectBudgetUs: STACKABLE_BUDGET_US,
    stackableObjectWithinBudget: stackable.objectLatencyUs.node.p50 < STACKABLE_BUDGET_US,
  })}\n`,
);

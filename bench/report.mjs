// report.mjs: turns bench/results.json into the Markdown tables `make bench` prints and puts in
// the README's "Performance" section (between the bench markers), and judges the targets.
// `node bench/report.mjs` prints the tables of the recorded results again; with `--readme` it
// also rewrites the README's tables from them.

import { readFileSync, writeFileSync } from 'node:fs';

const README = new URL('../README.md', import.meta.url);
const RESULTS = new URL('./results.json', import.meta.url);
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const KIB = 1024;
const fmt = (value, digits = 0) => (value === undefined || value === null ? '–' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const times = (value) => `${fmt(value, 2)}×`;
const yes = (met) => (met ? '**met**' : '**not met**');
const sentence = (text) => `${text[0].toUpperCase()}${text.slice(1)}`;

/** The targets of the benchmarks issue, each with whether the results meet it. */
export function judge(results) {
  const { csv, 'csv-stream': stream, payloads, size } = results.suites;
  const targets = [];
  const peerAt = (label, id) => csv?.sizes.find((s) => s.label === label)?.peers.find((p) => p.id === id);
  for (const label of ['100 000 rows', '1 000 000 rows']) {
    for (const [id, want, name] of [
      ['udsv', 2, 'uDSV + JS'],
      ['papaparse', 3, 'PapaParse + JS'],
      ['udsv-parse-only', 1, 'uDSV parse only (stretch)'],
    ]) {
      const peer = peerAt(label, id);
      if (peer) {
        targets.push({
          target: `CSV ${label}: ≥ ${want}× ${name}`,
          actual: `${times(peer.oursFaster)} (browser build ${times(peer.oursBrowserFaster)})`,
          met: peer.oursFaster >= want,
        });
      }
    }
  }
  if (stream) {
    targets.push({ target: `1 GiB stream: memory growth < ${stream.growthLimitMB} MB`, actual: `${fmt(stream.rssGrowthMB)} MB`, met: stream.withinLimit });
  }
  if (payloads) {
    const both = (node, browser) => `${times(node)} (browser build ${times(browser)})`;
    for (const row of payloads.single) {
      targets.push({ target: `${row.label} as bytes: ≥ 1.0× JSON.parse + ajv (aim 1.5)`, actual: both(row.bytes.ratio, row.bytes.browserRatio), met: row.bytes.ratio >= 1 });
    }
    for (const row of payloads.ndjson) {
      targets.push({ target: `${row.label}: ≥ 1.0× JSON.parse + ajv (aim 1.5)`, actual: both(row.ratio, row.browserRatio), met: row.ratio >= 1 });
    }
    const stackable = payloads.single.find((row) => row.id === 'stackable');
    targets.push({
      target: `stackable request object, crossing included: median < ${payloads.stackableObjectBudgetUs} µs`,
      actual: `${fmt(stackable.objectLatencyUs.node.p50, 1)} µs (browser build ${fmt(stackable.objectLatencyUs.browser.p50, 1)} µs)`,
      met: payloads.stackableObjectWithinBudget,
    });
  }
  if (size) {
    for (const [name, bundle] of sizeBundles(size)) {
      targets.push({
        target: `size, ${BUNDLE_NAMES[name] ?? name}: wasm + JS ≤ ${size.budget.targetGzipBytes / KIB} KiB gzipped (aim ${size.budget.aimGzipBytes / KIB})`,
        actual: `${fmt(bundle.total.gzip / KIB, 1)} KiB`,
        met: bundle.total.gzip <= size.budget.targetGzipBytes,
      });
    }
  }
  return targets;
}

function csvTables(csv, native) {
  const lines = [
    `**CSV** (${csv.file}). ${sentence(csv.method)}; the RSS is the whole process's, so it includes the input, both builds' wasm memories and, for the JS parsers, the decoded string.`,
    '',
    '| file | contender | MB/s | rows/s | peak RSS (MB) | Node build is | browser build is |',
    '|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const size of csv.sizes) {
    for (const peer of size.peers) {
      lines.push(
        `| ${size.label} (${size.label.endsWith('rows') ? `${fmt(size.bytes / 1e6, 1)} MB` : `${fmt(size.rows)} rows`}) | ${peer.name} | ${fmt(peer.MBps, 1)} | ${fmt(peer.rowsPerS)} | ${fmt(peer.peakRssMB)} | ${peer.id === 'ours' ? '' : times(peer.oursFaster)} | ${peer.id === 'ours-browser' ? '' : times(peer.oursBrowserFaster)} |`,
      );
    }
  }
  lines.push('', `Every contender that checks found the same problem rows as the generator put in (${csv.agreement}).`);
  if (native) {
    lines.push('', `**Native ceiling** (\`${native.command}\`, ${native.file}) against the wasm build on the same bytes:`, '');
    lines.push('| rows | csv_core parse only, native | validate only, native | validate only, wasm | wasm / native |', '|--:|--:|--:|--:|--:|');
    for (const file of native.files) {
      const by = (label) => file.measures.find((m) => m.label.startsWith(label));
      const wasm = csv.wasmOnNativeFile.find((w) => w.rows === file.rows);
      const validate = by('validate only');
      lines.push(
        `| ${fmt(file.rows)} | ${fmt(by('csv_core')?.MBps, 1)} MB/s | ${fmt(validate?.MBps, 1)} MB/s | ${fmt(wasm?.MBps, 1)} MB/s | ${wasm && validate ? fmt(wasm.MBps / validate.MBps, 2) : '–'} |`,
      );
    }
  }
  return lines;
}

function streamTable(stream) {
  return [
    `**1 GiB from a stream** (${stream.method}):`.replace('(the Node build; ', '(the Node build: '),
    '',
    '| bytes | rows | MB/s | rows/s | RSS growth | wasm memory growth | growth per row |',
    '|--:|--:|--:|--:|--:|--:|--:|',
    `| ${fmt(stream.bytes)} | ${fmt(stream.rows)} | ${fmt(stream.MBps, 1)} | ${fmt(stream.rowsPerS)} | ${fmt(stream.rssGrowthMB)} MB (limit ${stream.growthLimitMB}) | ${fmt(stream.wasmMemoryGrowthMB)} MB | ${fmt(stream.growthBytesPerRow, 1)} B |`,
  ];
}

function payloadTables(payloads) {
  const lines = [
    `**Payloads** (${sentence(payloads.method)}). Ratio = ajv's time / ours (above 1: ours is faster); ajv gets TextDecoder + JSON.parse first for bytes.`,
    '',
    '| body | given as | ours, Node build | ours, browser build | ajv | ratio, Node | ratio, browser |',
    '|---|---|--:|--:|--:|--:|--:|',
  ];
  for (const row of payloads.single) {
    for (const [form, m] of [['object', row.object], [`${fmt(row.jsonBytes)} B of JSON`, row.bytes]]) {
      lines.push(
        `| ${row.label} | ${form} | ${fmt(m.nodeNs)} ns (${fmt(m.nodeMBps, 1)} MB/s) | ${fmt(m.browserNs)} ns (${fmt(m.browserMBps, 1)} MB/s) | ${fmt(m.ajvNs)} ns (${fmt(m.ajvMBps, 1)} MB/s) | ${fmt(m.ratio, 2)} | ${fmt(m.browserRatio, 2)} |`,
      );
    }
  }
  lines.push('', '| one object, crossing included | Node build p50 / p99 | browser build p50 / p99 |', '|---|--:|--:|');
  for (const row of payloads.single) {
    const { node, browser } = row.objectLatencyUs;
    lines.push(`| ${row.label} | ${fmt(node.p50, 1)} / ${fmt(node.p99, 1)} µs | ${fmt(browser.p50, 1)} / ${fmt(browser.p99, 1)} µs |`);
  }
  lines.push(
    '',
    '| NDJSON file | MB | invalid bodies | ours, Node build | ours, browser build | TextDecoder + split + JSON.parse + ajv | ratio, Node | ratio, browser |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  );
  const cell = (m) => `${fmt(m.MBps, 1)} MB/s, ${fmt(m.nsPerBody)} ns/body`;
  for (const row of payloads.ndjson) {
    lines.push(
      `| ${row.label} | ${fmt(row.bytes / 1e6, 1)} | ${fmt(row.invalidBodies)} (all agree) | ${cell(row.node)} | ${cell(row.browser)} | ${cell(row.ajv)} | ${fmt(row.ratio, 2)} | ${fmt(row.browserRatio, 2)} |`,
    );
  }
  return lines;
}

/** How the size tables and targets name each bundle of bench/budget.json. */
const BUNDLE_NAMES = { storefront: 'storefront entry (`voucherify-sync/storefront`)', browser: 'full entry (`voucherify-sync`)' };

/** The measured bundles as `[name, bundle]`; results recorded before there were several hold one. */
function sizeBundles(size) {
  return Object.entries(size.bundles ?? { browser: size });
}

function sizeTable(size) {
  const lines = [
    `**Size of what a browser loads** (\`make size\`; gzip -9 of each file; each bundle is an entry and every module and file it loads, the wasm-bindgen glue included; Node's speed build is in none):`,
  ];
  for (const [name, bundle] of sizeBundles(size)) {
    const budget = size.budget.bundles?.[name]?.maxGzipBytes ?? size.budget.maxGzipBytes;
    lines.push(
      '',
      `| ${BUNDLE_NAMES[name] ?? name} | raw | gzip |`,
      '|---|--:|--:|',
      `| wasm | ${fmt(bundle.wasm.raw)} B | ${fmt(bundle.wasm.gzip)} B |`,
      `| JS | ${fmt(bundle.js.raw)} B | ${fmt(bundle.js.gzip)} B |`,
      `| total | ${fmt(bundle.total.raw)} B | ${fmt(bundle.total.gzip)} B (${fmt(bundle.total.gzip / KIB, 1)} KiB; budget ${fmt(budget / KIB, 1)} KiB) |`,
    );
  }
  return lines;
}

/** The Markdown of a results object. */
export function renderMarkdown(results) {
  const { environment: env, suites } = results;
  const lines = [
    `Measured ${results.date.slice(0, 10)} with \`${results.command}\` on ${env.cpu}, ${env.memoryGB} GB, ${env.os}; Node ${env.node}; ${env.rustc}; wasm build: ${results.build}. Load average at the start: ${env.loadAverage.join(', ')}. Medians; the peers ran in the same process, alternating.`,
    '',
  ];
  if (suites.csv) lines.push(...csvTables(suites.csv, suites.native), '');
  if (suites['csv-stream']) lines.push(...streamTable(suites['csv-stream']), '');
  if (suites.payloads) lines.push(...payloadTables(suites.payloads), '');
  if (suites.size) lines.push(...sizeTable(suites.size), '');
  lines.push('**Targets**', '', '| target | result | |', '|---|--:|---|');
  for (const target of judge(results)) lines.push(`| ${target.target} | ${target.actual} | ${yes(target.met)} |`);
  return `${lines.join('\n')}\n`;
}

/** Replaces the README's text between the bench markers with `markdown`. */
export function writeReadme(markdown) {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers in its Performance section`);
  writeFileSync(README, `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`);
}

if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  const markdown = renderMarkdown(JSON.parse(readFileSync(RESULTS, 'utf8')));
  if (process.argv.includes('--readme')) writeReadme(markdown);
  process.stdout.write(markdown);
}

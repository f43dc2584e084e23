// csv-stream.mjs: the streaming suite of `make bench`. Generates a 1 GiB customers file into
// the system's temporary folder (never the repository), validates it from a Node file stream
// with validateCsv, and reports the throughput and how far the resident memory grew over what
// the process held before; the file is deleted afterwards. The target is growth under 64 MB.
// Runs in its own process, so no earlier suite's memory hides or inflates the growth.

import { createReadStream, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCsv } from '../pkg/node.js';
import { useBuild, wasmMemoryBytes } from './lib/builds.mjs';
import { customersCsv, METADATA_SCHEMAS, writeCustomersCsv } from './lib/customers-csv.mjs';
import { ourCounts } from './lib/csv-peers.mjs';
import { progress, round } from './lib/measure.mjs';

const QUICK = process.argv.includes('--quick');
const TARGET_BYTES = QUICK ? 64 * 2 ** 20 : 2 ** 30;
const GROWTH_LIMIT_MB = 64;
const MB = 1e6;

const path = join(tmpdir(), `voucherify-sync-bench-${process.pid}.csv`);
const remove = () => rmSync(path, { force: true });
process.once('SIGINT', () => {
  remove();
  process.exit(130);
});

try {
  progress(`writing ${round(TARGET_BYTES / 2 ** 30, 2)} GiB of customers CSV to the temporary folder`);
  const generatedAt = performance.now();
  const expected = await writeCustomersCsv(path, { bytes: TARGET_BYTES });
  progress(`${expected.rows} rows, ${round(expected.bytes / MB)} MB in ${round((performance.now() - generatedAt) / 1e3)} s`);

  // The build the Node entry loads. Warm up the module and the code paths on a small file, then measure from a settled process.
  useBuild('node');
  await validateCsv('customers', customersCsv({ rows: 20_000 }).bytes, { metadataSchemas: METADATA_SCHEMAS });
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  globalThis.gc?.();
  const wasmBefore = wasmMemoryBytes('node');
  const base = process.memoryUsage.rss();
  // Growth is the largest rise over the lowest RSS seen before it, so memory freed after the
  // start (the warm-up's garbage) cannot hide growth.
  let floor = base;
  let peak = base;
  let growth = 0;
  const samples = [];
  const start = performance.now();
  const report = await validateCsv('customers', createReadStream(path, { highWaterMark: 1 << 20 }), {
    metadataSchemas: METADATA_SCHEMAS,
    onProgress: ({ bytes, rows }) => {
      const rss = process.memoryUsage.rss();
      floor = Math.min(floor, rss);
      peak = Math.max(peak, rss);
      growth = Math.max(growth, rss - floor);
      if (samples.length === 0 || bytes - samples.at(-1).bytes >= 64 * MB) samples.push({ bytes, rows, rssMB: round(rss / MB) });
    },
  });
  const seconds = (performance.now() - start) / 1e3;
  const counts = ourCounts(report);
  const wanted = { rows: expected.rows, problemRows: expected.problemRows, otherIssues: 0 };
  for (const [key, value] of Object.entries(wanted)) {
    if (counts[key] !== value) throw new Error(`1 GiB stream: ${key} is ${counts[key]}, the file has ${value}`);
  }
  const growthMB = growth / MB;
  const wasmGrowthMB = (wasmMemoryBytes('node') - wasmBefore) / MB;
  process.stdout.write(
    `${JSON.stringify({
      suite: 'csv-stream',
      method: 'the Node build; fs.createReadStream (1 MiB chunks) into validateCsv; growth = the largest rise of RSS over the lowest RSS seen before it, from the start of the run, after a warm-up; RSS sampled at every progress report (each MiB)',
      bytes: expected.bytes,
      rows: expected.rows,
      problemRows: expected.problemRows,
      seconds: round(seconds),
      MBps: round(expected.bytes / MB / seconds),
      rowsPerS: Math.round(expected.rows / seconds),
      baseRssMB: round(base / MB, 0),
      peakRssMB: round(peak / MB, 0),
      rssGrowthMB: round(growthMB, 0),
      wasmMemoryGrowthMB: round(wasmGrowthMB, 0),
      growthBytesPerRow: round((growthMB * MB) / expected.rows, 1),
      growthLimitMB: GROWTH_LIMIT_MB,
      withinLimit: growthMB < GROWTH_LIMIT_MB,
      samples,
    })}\n`,
  );
} finally {
  remove();
}

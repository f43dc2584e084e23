// native.mjs: the native suite of `make bench`. Runs the core's own throughput benchmark
// (`cargo bench --bench csv_throughput`, opt-level 3) and reads its lines: the ceiling the wasm
// build is measured against (the CSV suite runs the wasm build on the very same generated
// file). Prints the suite's results as JSON on stdout.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { progress } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');

progress('cargo bench --bench csv_throughput (compiles at opt-level 3 first)');
const args = ['bench', '--bench', 'csv_throughput', ...(QUICK ? ['--', '100000'] : [])];
const run = spawnSync('cargo', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (run.status !== 0) throw new Error(`cargo ${args.join(' ')} failed with status ${run.status}`);

const files = [];
for (const line of run.stdout.split('\n')) {
  const file = line.match(/^customers (\d+) rows, ([\d.]+) MB, (\d+) bad rows, (\d+) warned rows/);
  if (file) {
    files.push({ rows: Number(file[1]), MB: Number(file[2]), badRows: Number(file[3]), warnedRows: Number(file[4]), measures: [] });
    continue;
  }
  const measure = line.match(/^\s+(.+?)\s+([\d.]+) MB\/s\s+(\d+) rows\/s\s+median\s+([\d.]+) ms of (\d+)/);
  if (measure && files.length > 0) {
    files.at(-1).measures.push({
      label: measure[1].trim(),
      MBps: Number(measure[2]),
      rowsPerS: Number(measure[3]),
      medianMs: Number(measure[4]),
      runs: Number(measure[5]),
    });
  }
}
if (files.length === 0) throw new Error(`no results in the output of cargo bench:\n${run.stdout}`);
process.stdout.write(
  `${JSON.stringify({
    suite: 'native',
    command: `cargo ${args.join(' ')}`,
    file: 'tests/csv_support/generate.rs: customers_csv(rows, 42, 5), 14 columns, no typed metadata, in 64 KiB chunks',
    files,
  })}\n`,
);

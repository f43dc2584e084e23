// run.mjs: `make bench`. Runs each suite in its own Node process, one after the other (native
// CSV throughput, CSV against the JS parsers, the 1 GiB stream, payloads against ajv), adds the
// package size, writes bench/results.json, refreshes the README's Performance tables and prints
// them. `--quick` runs small sizes as a smoke test and writes nothing; `--only=csv,payloads`
// runs some suites and writes nothing either.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureSize, readBudget } from '../scripts/size.mjs';
import { environment } from './lib/measure.mjs';
import { judge, renderMarkdown, writeReadme } from './report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const SUITES = ['native', 'csv', 'csv-stream', 'payloads'].filter((name) => !ONLY || ONLY.includes(name));

const results = {
  date: new Date().toISOString(),
  command: QUICK ? 'node bench/run.mjs --quick' : 'make bench',
  build: process.env.BENCH_BUILD || 'see the Makefile',
  environment: environment(),
  suites: {},
  seconds: {},
};
let failed = false;
for (const name of SUITES) {
  process.stderr.write(`\n== ${name}\n`);
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', fileURLToPath(new URL(`./${name}.mjs`, import.meta.url)), ...(QUICK ? ['--quick'] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  results.seconds[name] = Math.round((performance.now() - start) / 1e3);
  const last = run.stdout.trim().split('\n').at(-1);
  if (run.status !== 0 || !last) {
    failed = true;
    process.stderr.write(`suite ${name} failed (status ${run.status})\n`);
    continue;
  }
  results.suites[name] = JSON.parse(last);
}
results.suites.size = { ...measureSize(), budget: readBudget() };
delete results.suites.size.files;
results.targets = judge(results);

const markdown = renderMarkdown(results);
if (!QUICK && !ONLY && !failed) {
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  writeReadme(markdown);
  process.stderr.write('\nwrote bench/results.json and the README Performance section\n\n');
}
process.stdout.write(markdown);
process.exitCode = failed ? 1 : 0;

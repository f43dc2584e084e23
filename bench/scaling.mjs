// scaling.mjs: `make bench-scaling`. Time per record of planSync, buildCustomer over NDJSON lines,
// validatePayloads and summarizeResult at 10k to 200k records, each size in a fresh Node process
// so that every measured call is the first one on a fresh module, whose memory must grow to hold
// the input (the case that was quadratic when the memory grew in small steps). Prints, per
// function and size, the CPU time per record (this process's user + system time, which other
// work on a shared machine does not inflate as it does the wall time), the wall time per record,
// the full garbage collections during the call and how many times the module's memory grew.
//
//   node bench/scaling.mjs [--quick] [--only=planSync,validatePayloads] [--sizes=10000,50000]
//                          [--pkg=DIR]   (another build of the package, to compare)
//
// A flat column is linear time; the last line per function is the ratio of the largest size's
// CPU time per record to the smallest's.

import { spawnSync } from 'node:child_process';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const FUNCTIONS = ['planSync', 'buildCustomer', 'validatePayloads', 'summarizeResult'];
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const QUICK = process.argv.includes('--quick');
const SIZES = (arg('sizes') ?? (QUICK ? '2000,8000' : '10000,25000,50000,100000,200000')).split(',').map(Number);
const ONLY = arg('only')?.split(',') ?? FUNCTIONS;
const PKG = resolve(arg('pkg') ?? fileURLToPath(new URL('../pkg', import.meta.url)));
/** The most records per function: a response of 100,000 redeemables is about 12 MB, and one over
 * 16 MiB is refused before it is read. */
const MAX_RECORDS = { summarizeResult: 100_000 };

/** A flat shop record, as a CRM export holds it. */
function shopRecord(i) {
  return { source_id: `cust-${String(i).padStart(7, '0')}`, Name: `Person  ${i}`, Email: `P${i}@Example.COM`, phone: '+48 601 234 567', city: 'Warsaw', 'metadata.tier': i % 3 ? 'silver' : 'gold' };
}

/** What Voucherify holds for every other record: the same, or with another name. */
function remoteRecord(i) {
  return { id: `cust_${i}`, object: 'customer', source_id: `cust-${String(i).padStart(7, '0')}`, name: i % 4 ? `Person ${i}` : `Renamed ${i}`, email: `P${i}@example.com` };
}

/** A customer body for POST /v1/customers. */
function customerBody(i) {
  return { source_id: `cust-${i}`, name: `Person ${i}`, email: `p${i}@example.com`, address: { city: 'Warsaw', country: 'PL' }, metadata: { tier: i % 3 ? 'silver' : 'gold' } };
}

/** A validation response of `count` redeemables. */
function validationResponse(count) {
  const redeemables = Array.from({ length: count }, (_, i) => ({
    status: i % 5 ? 'APPLICABLE' : 'INAPPLICABLE',
    id: `CODE-${i}`,
    object: 'voucher',
    result: i % 5 ? { discount: { type: 'AMOUNT', amount_off: 100 + (i % 50) } } : { error: { code: 'voucher_expired', message: 'voucher expired' } },
  }));
  return { valid: true, redeemables, order: { amount: 100_000, total_discount_amount: 500, total_amount: 99_500 }, tracking_id: 'track-1' };
}

/** One measurement: a warm-up call on 100 records (so that the JIT has compiled the wrapper),
 * then the input is built and one call is timed. */
async function child(fn, size) {
  if (size > 100) await child(fn, 100);
  const api = await import(pathToFileURL(`${PKG}/node.js`).href);
  const raw = await import(pathToFileURL(`${PKG}/wasm-node/voucherify_sync.js`).href);
  let run;
  if (fn === 'planSync') {
    const local = Array.from({ length: size }, (_, i) => shopRecord(i));
    const remote = Array.from({ length: size >> 1 }, (_, i) => remoteRecord(i * 2));
    run = () => api.planSync('customers', local, remote).summary.local;
  } else if (fn === 'buildCustomer') {
    const text = Array.from({ length: size }, (_, i) => JSON.stringify(shopRecord(i))).join('\n');
    run = () => {
      let valid = 0;
      for (const line of text.split('\n')) valid += api.buildCustomer(JSON.parse(line)).valid ? 1 : 0;
      return valid;
    };
  } else if (fn === 'validatePayloads') {
    const bytes = new TextEncoder().encode(Array.from({ length: size }, (_, i) => JSON.stringify(customerBody(i))).join('\n'));
    run = () => api.validatePayloads('POST /v1/customers', bytes).bodies;
  } else if (fn === 'summarizeResult') {
    const response = validationResponse(size);
    run = () => api.summarizeResult(response).redeemables.length;
  } else {
    throw new Error(`unknown function ${fn}`);
  }
  let fullGcs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++;
  });
  observer.observe({ entryTypes: ['gc'] });
  const growthsBefore = raw.heapGrowths?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const count = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const growths = growthsBefore === undefined ? null : raw.heapGrowths() - growthsBefore;
  await new Promise((done) => setTimeout(done, 20));
  observer.disconnect();
  if (count !== size) throw new Error(`${fn} handled ${count} of ${size} records`);
  return { fn, size, cpuMs: (used.user + used.system) / 1e3, wallMs, fullGcs, growths };
}

if (process.argv.includes('--child')) {
  const result = await child(arg('fn'), Number(arg('size')));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const rows = [];
  const us = (ms, size) => ((ms * 1e3) / size).toFixed(2).padStart(9);
  console.log(`package: ${PKG}`);
  console.log('function           records   CPU µs/rec  wall µs/rec  full GCs  memory growths');
  for (const fn of ONLY) {
    const mine = [];
    for (const size of SIZES.filter((size) => size <= (MAX_RECORDS[fn] ?? Infinity))) {
      const run = spawnSync(process.execPath, ['--max-old-space-size=4096', fileURLToPath(import.meta.url), '--child', `--fn=${fn}`, `--size=${size}`, `--pkg=${PKG}`], { encoding: 'utf8', maxBuffer: 2 ** 24 });
      if (run.status !== 0) {
        console.log(`${fn.padEnd(18)} ${String(size).padStart(7)}   failed: ${run.stderr.trim().split('\n').at(-1)}`);
        process.exitCode = 1;
        continue;
      }
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1));
      mine.push(result);
      rows.push(result);
      console.log(`${fn.padEnd(18)} ${String(size).padStart(7)} ${us(result.cpuMs, size)}    ${us(result.wallMs, size)}  ${String(result.fullGcs).padStart(8)}  ${String(result.growths ?? 'n/a').padStart(14)}`);
    }
    if (mine.length > 1) {
      const first = mine[0].cpuMs / mine[0].size;
      const last = mine.at(-1).cpuMs / mine.at(-1).size;
      console.log(`${fn.padEnd(18)} CPU per record at ${mine.at(-1).size} / at ${mine[0].size}: ${(last / first).toFixed(2)}×`);
    }
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
}

// demo.mjs: validates every payload listed in examples/manifest.json with the package and
// prints a readable report, then runs the command line on the bundled CSV examples and customer
// snapshots (`make demo`). Colours only when stdout is a terminal.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePayload, validatePayloads } from '../pkg/node.js';

const EXAMPLES = new URL('../examples/', import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the demo's command-line runs write their files (ignored by git). */
const OUT = 'target/demo';

/**
 * The command lines the demo runs: a customers CSV with a few realistic errors, a products and
 * SKUs pair, an orders CSV turned into import bodies, and a plan between two customer snapshots.
 */
export const CLI_RUNS = [
  ['check-csv', 'customers', 'examples/customers.csv', '--metadata-schemas', 'examples/metadata-schemas.json', '--out-dir', `${OUT}/customers`],
  ['check-csv', 'products', 'examples/products.csv'],
  ['check-csv', 'skus', 'examples/skus.csv', '--products', 'examples/products.csv'],
  ['check-csv', 'orders', 'examples/orders.csv', '--metadata-schemas', 'examples/metadata-schemas.json', '--out-dir', `${OUT}/orders`],
  ['plan', 'customers', '--local', 'examples/customers-crm.csv', '--remote', 'examples/customers-voucherify.json', '--default-country', 'PL', '--out-dir', `${OUT}/plan`],
];

/**
 * The examples of the manifest, each with its bytes and options read.
 * @returns {{ file: string, operation: string, metadataSchemas?: string, expect?: object,
 *   bytes: Uint8Array, options?: object }[]}
 */
export function loadExamples() {
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', EXAMPLES), 'utf8'));
  return manifest.map((entry) => ({
    ...entry,
    bytes: readFileSync(new URL(entry.file, EXAMPLES)),
    options: entry.metadataSchemas
      ? { metadataSchemas: JSON.parse(readFileSync(new URL(entry.metadataSchemas, EXAMPLES), 'utf8')) }
      : undefined,
  }));
}

/**
 * Validates one example: `.ndjson` files line by line, others as one body.
 * @returns the report (an NDJSON report for `.ndjson` files)
 */
export function validateExample(example) {
  return example.file.endsWith('.ndjson')
    ? validatePayloads(example.operation, example.bytes, example.options)
    : validatePayload(example.operation, example.bytes, example.options);
}

function palette(enabled) {
  const paint = (code) => (text) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);
  return { bold: paint(1), dim: paint(2), red: paint(31), green: paint(32), yellow: paint(33) };
}

function printReport(example, report, c) {
  const verdict = report.valid ? c.green('VALID') : c.red('INVALID');
  const schemas = example.metadataSchemas ? c.dim(`  (metadata schemas: ${example.metadataSchemas})`) : '';
  console.log(`${c.bold(example.file)}  ${example.operation}  ${verdict}${schemas}`);
  if (report.bodies !== undefined) {
    console.log(c.dim(`  ${report.bodies} bodies: ${report.validBodies} valid, ${report.invalidBodies} invalid; ${plural(report.blankLines, 'blank line')}`));
  }
  const where = (issue) => (issue.line === undefined ? '' : `line ${issue.line} `) + (issue.path || '/');
  const width = (pick) => Math.max(0, ...report.issues.map((issue) => pick(issue).length));
  const [severityWidth, codeWidth, whereWidth] = [width((i) => i.severity), width((i) => i.code), width(where)];
  for (const issue of report.issues) {
    const colour = issue.severity === 'error' ? c.red : c.yellow;
    console.log(
      `  ${colour(issue.severity.padEnd(severityWidth))}  ${issue.code.padEnd(codeWidth)}  ${c.dim(where(issue).padEnd(whereWidth))}  ${issue.message}`,
    );
  }
  console.log();
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Runs the command line with `args` from the repository root, its output going straight to
 * this terminal; returns the exit code.
 */
function runCli(args, c) {
  const shown = args.map((arg) => (/[\s"]/.test(arg) ? JSON.stringify(arg) : arg)).join(' ');
  console.log(c.dim(`$ voucherify-sync ${shown}`));
  const { status, error } = spawnSync(process.execPath, ['pkg/bin/voucherify-sync.js', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (error) throw error;
  const meaning = { 0: 'valid', 1: 'problems found', 2: 'usage or I/O error' }[status] ?? 'unexpected';
  console.log(c.dim(`exit ${status} (${meaning})`));
  console.log();
  return status;
}

function main() {
  const c = palette(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const examples = loadExamples();
  let valid = 0;
  for (const example of examples) {
    const report = validateExample(example);
    if (report.valid) valid += 1;
    printReport(example, report, c);
  }
  console.log(`${examples.length} examples: ${valid} valid, ${examples.length - valid} invalid`);
  console.log();
  console.log(c.bold('The command line on the bundled CSV files and customer snapshots'));
  console.log();
  const statuses = CLI_RUNS.map((args) => runCli(args, c));
  if (statuses.some((status) => status !== 0 && status !== 1)) {
    process.exitCode = 1;
    console.log(c.red('a command failed to run; see its message above'));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

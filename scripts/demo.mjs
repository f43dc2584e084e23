// demo.mjs: validates every payload listed in examples/manifest.json with the package and
// prints a readable report (`make demo`). Colours only when stdout is a terminal.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePayload, validatePayloads } from '../pkg/node.js';

const EXAMPLES = new URL('../examples/', import.meta.url);

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

function main() {
  const c = palette(Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined);
  const examples = loadExamples();
  let valid = 0;
  for (const example of examples) {
    const report = validateExample(example);
    if (report.valid) valid += 1;
    printReport(example, report, c);
  }
  console.log(`${examples.length} examples: ${valid} valid, ${examples.length - valid} invalid`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

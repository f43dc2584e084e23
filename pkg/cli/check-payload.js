// check-payload.js: `voucherify-sync check-payload`: request bodies of one operation, from one
// JSON body, a JSON array of bodies or NDJSON, checked with validatePayload or validatePayloads.

import { extname } from 'node:path';
import { validatePayload, validatePayloads } from '../node.js';
import { CliError, integerOption } from './args.js';
import { readBytes } from './files.js';
import { formatOf, formatUsage, quietIssues, render } from './formats.js';
import { expandFiles } from './globs.js';
import { colourEnabled, formatCount, issueGroups, palette, plural, table, verdict } from './human.js';
import { readMetadataSchemas } from './option-files.js';

export const options = { 'metadata-schemas': 'string', 'max-issues': 'string', json: 'boolean', format: 'string', quiet: 'boolean' };

export const usage = `Usage: voucherify-sync check-payload "<METHOD> <PATH>" FILE... [options]

Checks request bodies of one operation, such as "POST /v1/customers" or
"PUT /v1/customers/cust_123". FILE (or - for standard input) holds:
  - one body: the report of validatePayload;
  - NDJSON (a .ndjson or .jsonl file, or lines that are each a JSON value): one body per
    line, and the report of validatePayloads, issues carrying their line;
  - a JSON array of bodies, for an operation whose body is an object: the same report as
    NDJSON, where line is the body's 1-based position in the array.
For the operations whose body is itself an array (POST /v1/customers/bulk/async,
POST /v1/products/bulk/async, POST /v1/orders/import) a top-level array is one body; put
several of them on NDJSON lines. Several files, or patterns such as 'bodies/*.json', are
checked one after the other.

Options:
  --metadata-schemas FILE  the body of GET /v1/metadata-schemas, to check metadata
  --max-issues N           for several bodies: the most issues listed, default 1000
${formatUsage}
                           (json: the report; for several files, an array of { file, report })
  -h, --help               show this help

Exit status: 0 when every body is valid, 1 when one has errors, 2 on usage or I/O errors.
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [operation, ...patterns] = positionals;
  if (operation === undefined) throw new CliError('missing the operation, such as "POST /v1/customers"');
  if (patterns.length === 0) throw new CliError('missing FILE');
  const format = formatOf(values);
  const validation = {};
  if (values['metadata-schemas'] !== undefined) validation.metadataSchemas = await readMetadataSchemas(values['metadata-schemas']);
  const maxIssues = integerOption(values, 'max-issues', { min: 0, max: 1_000_000 });
  const arrayBody = takesArrayBody(operation);
  const files = await expandFiles(patterns);
  const c = palette(colourEnabled(io.stdout, io.env));
  const results = [];
  for (const file of files) {
    const input = bodiesOf(file, await readBytes(file), arrayBody);
    const report =
      input.form === 'one'
        ? validatePayload(operation, input.body, validation)
        : validatePayloads(operation, input.ndjson, maxIssues === undefined ? validation : { ...validation, maxIssues });
    const issues = values.quiet ? quietIssues(report.issues) : report.issues;
    const where = whereOf(input.form);
    results.push({
      file,
      report: values.quiet ? { ...report, issues } : report,
      valid: report.valid,
      // A line of NDJSON is a line of the file; a body's position in an array is not.
      issues: issues.map((issue) => ({ ...issue, line: input.form === 'ndjson' ? issue.line : undefined, where: where(issue) })),
    });
    if (format === 'human' && !(values.quiet && issues.length === 0)) {
      io.stdout.write(humanReport(file, operation, input.form, { ...report, issues }, c, values.quiet));
    }
  }
  if (format !== 'human') io.stdout.write(render(results, format, 'check-payload'));
  else if (files.length > 1 && !values.quiet) {
    const invalid = results.filter((result) => !result.valid).length;
    io.stdout.write(`${plural(files.length, 'file')}: ${formatCount(files.length - invalid)} valid, ${formatCount(invalid)} invalid\n`);
  }
  return results.every((result) => result.valid) ? 0 : 1;
}

/** Where an issue is, for a file holding bodies in `form`. */
function whereOf(form) {
  if (form === 'one') return (issue) => issue.path || '/';
  const unit = form === 'array' ? 'body' : 'line';
  return (issue) => `${unit} ${issue.line}, ${issue.path || '/'}`;
}

/**
 * Whether the body of `operation` is a JSON array. The core knows each operation's schema: an
 * empty array is a wrong type at the root exactly where the body is an object. Throws
 * `unknown_operation` for an operation the package does not know.
 */
export function takesArrayBody(operation) {
  const { issues } = validatePayload(operation, '[]');
  return !issues.some((issue) => issue.code === 'invalid_type' && issue.path === '');
}

/**
 * How the file holds its bodies: `{ form: 'one', body }`, or `{ form: 'ndjson' | 'array',
 * ndjson }` with one body per line.
 */
export function bodiesOf(file, bytes, arrayBody) {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return { form: 'ndjson', ndjson: bytes };
  let text;
  let value;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { form: 'one', body: bytes };
  }
  try {
    value = JSON.parse(text);
  } catch {
    return looksLikeNdjson(text) ? { form: 'ndjson', ndjson: bytes } : { form: 'one', body: bytes };
  }
  if (Array.isArray(value) && value.length > 0 && !arrayBody) {
    // Raw newlines only occur between tokens of valid JSON, so each element fits on one line
    // once they are spaces; the core still reads each body as written (big numbers, duplicates).
    return { form: 'array', ndjson: arrayElements(text).map((element) => element.replace(/[\r\n]/g, ' ')).join('\n') };
  }
  return { form: 'one', body: bytes };
}

/** Several non-blank lines, the first of them a JSON value on its own. */
function looksLikeNdjson(text) {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]);
    return true;
  } catch {
    return false;
  }
}

/** The text of each element of `text`, valid JSON whose top level is an array. */
export function arrayElements(text) {
  const elements = [];
  let depth = 0;
  let start = -1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"') {
      if (depth === 1 && start < 0) start = index;
      for (index += 1; text[index] !== '"'; index += 1) if (text[index] === '\\') index += 1;
    } else if (char === '[' || char === '{') {
      if (depth === 1 && start < 0) start = index;
      depth += 1;
    } else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0 && start >= 0) elements.push(text.slice(start, index).trim());
    } else if (char === ',' && depth === 1) {
      elements.push(text.slice(start, index).trim());
      start = -1;
    } else if (depth === 1 && start < 0 && !/\s/.test(char)) {
      start = index;
    }
  }
  return elements;
}

function humanReport(file, operation, form, report, c, quiet = false) {
  const lines = [`${c.bold(file === '-' ? 'standard input' : file)}  ${operation}  ${verdict(report.valid, c)}`];
  const errors = report.issues.filter((issue) => issue.severity === 'error').length;
  const where = whereOf(form);
  if (form === 'one') {
    lines.push(`  ${plural(errors, 'error')}, ${plural(report.issues.length - errors, 'warning')}`);
  } else {
    lines.push(
      ...table(
        ['bodies', 'valid', 'invalid', 'errors', 'warnings', 'blank lines'],
        [[report.bodies, report.validBodies, report.invalidBodies, report.errorCount, report.warningCount, report.blankLines]],
        c,
      ),
    );
  }
  if (report.issues.length > 0) lines.push('', ...issueGroups(report.issues, where, c, quiet ? undefined : report.countsByCode));
  if (report.truncated) lines.push(c.dim(`  (the list stops at ${plural(report.issues.length, 'issue')}; --max-issues shows more)`));
  return `${lines.join('\n')}\n`;
}

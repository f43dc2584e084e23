// check-csv.js: `voucherify-sync check-csv`: a CSV import file streamed through validateCsv,
// with the report, and with --out-dir the cleaned file, the failed rows, the parts or the
// order import bodies written as they come.

import { basename, extname } from 'node:path';
import { validateCsv } from '../node.js';
import { CliError, choiceOption, integerOption } from './args.js';
import { OutputFolder, openInput, readBytes } from './files.js';
import { formatOf, formatUsage, quietIssues, render } from './formats.js';
import { expandFiles } from './globs.js';
import { colourEnabled, formatBytes, formatCount, issueGroups, palette, place, plural, table, verdict } from './human.js';
import { readMetadataSchemas } from './option-files.js';
import { createProgress } from './progress.js';

const KINDS = ['customers', 'products', 'skus', 'orders'];

export const options = {
  products: 'string',
  'metadata-schemas': 'string',
  'price-unit': 'string',
  'out-dir': 'string',
  'max-part-bytes': 'string',
  'max-issues': 'string',
  json: 'boolean',
  format: 'string',
  quiet: 'boolean',
};

export const usage = `Usage: voucherify-sync check-csv <customers|products|skus|orders> FILE... [options]

Checks CSV import files, each in one streaming pass, and reports every problem with its row
(the header is not a row), line and column. FILE may be - for standard input, or a pattern
such as 'imports/*.csv' or 'imports/**/*.csv'. Files saved by Excel are read as they are:
semicolons or tabs, UTF-16 or Windows-1252 (the report says how a file was read, and the
--out-dir files are UTF-8 with commas).

Options:
  --products FILE          for a skus file: the products CSV its product ids and attribute
                           keys are checked against
  --metadata-schemas FILE  the body of GET /v1/metadata-schemas, to check metadata columns
  --price-unit UNIT        how prices are written: units (the default: 21, 14.5) or cents
  --out-dir DIR            write NAME.cleaned.csv (valid rows), NAME.failed.csv (the rest, with
                           an error column) and NAME.part-001.csv... (the cleaned file split
                           under --max-part-bytes); for orders, NAME.import-001.json... (bodies
                           of POST /v1/orders/import) instead of parts
  --max-part-bytes N       the largest part, default 10485760 (the import limit)
  --max-issues N           the most issues listed, default 1000 (the counts stay exact)
${formatUsage}
                           (json: the report as validateCsv returns it; for several files, an
                           array of { file, report })
  -h, --help               show this help

Exit status: 0 when every file is valid, 1 when one has errors, 2 on usage or I/O errors.
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [kind, ...patterns] = positionals;
  if (kind === undefined) throw new CliError('missing the kind of file (customers, products, skus or orders)');
  if (!KINDS.includes(kind)) throw new CliError(`unknown kind ${JSON.stringify(kind)}; use customers, products, skus or orders`);
  if (patterns.length === 0) throw new CliError('missing FILE');
  if (values.products !== undefined && kind !== 'skus') throw new CliError('--products is only for a skus file');
  const format = formatOf(values);
  const csvOptions = {};
  const priceUnit = choiceOption(values, 'price-unit', ['units', 'cents']);
  if (priceUnit !== undefined) csvOptions.priceUnit = priceUnit;
  const maxPartBytes = integerOption(values, 'max-part-bytes', { min: 1024, max: 10_485_760 });
  if (maxPartBytes !== undefined) csvOptions.maxPartBytes = maxPartBytes;
  const maxIssues = integerOption(values, 'max-issues', { min: 0, max: 1_000_000 });
  if (maxIssues !== undefined) csvOptions.maxIssues = maxIssues;
  if (values['metadata-schemas'] !== undefined) csvOptions.metadataSchemas = await readMetadataSchemas(values['metadata-schemas']);
  if (values.products !== undefined) csvOptions.products = await readBytes(values.products);
  const files = await expandFiles(patterns);
  const names = files.map((file) => (file === '-' ? 'stdin' : basename(file, extname(file))));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (values['out-dir'] !== undefined && twice !== undefined) {
    throw new CliError(`two files are named ${JSON.stringify(twice)}: their --out-dir files would overwrite each other`);
  }

  const results = [];
  const c = palette(colourEnabled(io.stdout, io.env));
  for (const [index, file] of files.entries()) {
    const { report, folder } = await checkFile(kind, file, names[index], csvOptions, values, io, format);
    const issues = values.quiet ? quietIssues(report.issues) : report.issues;
    const shown = values.quiet ? { ...report, issues } : report;
    results.push({ file, report: shown, valid: report.valid, issues: issues.map((issue) => ({ ...issue, where: place(issue) })) });
    if (format === 'human' && !(values.quiet && report.errors === 0)) {
      io.stdout.write(humanReport(file, { ...report, issues }, folder, c, values.quiet));
    }
  }
  if (format !== 'human') {
    io.stdout.write(render(results, format, 'check-csv'));
  } else if (files.length > 1 && !values.quiet) {
    const invalid = results.filter((result) => !result.valid).length;
    io.stdout.write(`${plural(files.length, 'file')}: ${formatCount(files.length - invalid)} valid, ${formatCount(invalid)} invalid\n`);
  }
  return results.every((result) => result.valid) ? 0 : 1;
}

/** Checks one file, writing its --out-dir files; resolves with its report and folder. */
async function checkFile(kind, file, name, csvOptions, values, io, format) {
  const input = await openInput(file);
  const folder = values['out-dir'] === undefined ? null : await OutputFolder.create(values['out-dir']);
  const options = { ...csvOptions };
  if (folder) {
    await folder.removeStale(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(cleaned|failed|part-\\d+|import-\\d+)\\.(csv|json)$`));
    Object.assign(options, outputCallbacks(kind, name, folder));
  }
  const progress = createProgress({ stream: io.stderr, enabled: format === 'human' && !values.quiet && Boolean(io.stderr.isTTY), totalBytes: input.size });
  let report;
  try {
    report = await validateCsv(kind, waitingFor(folder, input.chunks), { ...options, totalBytes: input.size, onProgress: progress.update });
    await folder?.close();
  } finally {
    progress.done();
  }
  return { report, folder };
}

/** The output callbacks of validateCsv, each writing into `folder`. */
function outputCallbacks(kind, name, folder) {
  const number = (index) => String(index + 1).padStart(3, '0');
  const callbacks = {
    onCleaned: (bytes) => folder.append(`${name}.cleaned.csv`, bytes),
    onFailed: (bytes) => folder.append(`${name}.failed.csv`, bytes),
  };
  if (kind === 'orders') {
    callbacks.onImportBody = (body, index) => folder.writeWhole(`${name}.import-${number(index)}.json`, Buffer.from(JSON.stringify(body)));
  } else {
    callbacks.onPart = (bytes, index) => folder.writeWhole(`${name}.part-${number(index)}.csv`, bytes);
  }
  return callbacks;
}

/** The input chunks, each handed on only once the output streams have room: memory stays flat. */
async function* waitingFor(folder, chunks) {
  for await (const chunk of chunks) {
    if (folder) await folder.drained();
    yield chunk;
  }
}

function humanReport(file, report, folder, c, quiet = false) {
  const lines = [`${c.bold(file)}  ${report.kind}  ${verdict(report.valid, c)}`];
  lines.push(
    ...table(
      ['rows', 'valid', 'invalid', 'errors', 'warnings', 'size'],
      [[report.rows, report.validRows, report.invalidRows, report.errors, report.warnings, formatBytes(report.bytes)]],
      c,
    ),
  );
  if (report.issues.length > 0 || (!quiet && Object.keys(report.countsByCode).length > 0)) {
    lines.push('', ...issueGroups(report.issues, (issue) => place(issue), c, quiet ? undefined : report.countsByCode));
  }
  if (report.truncated) lines.push(c.dim(`  (the list stops at ${plural(report.issues.length, 'issue')}; --max-issues shows more)`));
  if (folder) {
    lines.push('', `Written to ${folder.dir}:`);
    if (folder.files.length === 0) lines.push('  nothing');
    const width = Math.max(0, ...folder.files.map((written) => written.name.length));
    for (const written of folder.files) lines.push(`  ${written.name.padEnd(width)}  ${c.dim(formatBytes(written.bytes))}`);
  }
  return `${lines.join('\n')}\n`;
}

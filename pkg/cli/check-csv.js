// check-csv.js: `voucherify-sync check-csv`: a CSV import file streamed through validateCsv,
// with the report, and with --out-dir the cleaned file, the failed rows, the parts or the
// order import bodies written as they come.

import { basename, extname } from 'node:path';
import { validateCsv } from '../node.js';
import { CliError, choiceOption, expectPositionals, integerOption } from './args.js';
import { OutputFolder, openInput, readBytes } from './files.js';
import { colourEnabled, formatBytes, issueGroups, palette, place, plural, table, verdict } from './human.js';
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
};

export const usage = `Usage: voucherify-sync check-csv <customers|products|skus|orders> FILE [options]

Checks a CSV import file in one streaming pass and reports every problem with its row
(the header is not a row), line and column. FILE may be - for standard input.

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
  --json                   print the report, as validateCsv returns it, as one JSON document
  -h, --help               show this help

Exit status: 0 when the file is valid, 1 when it has errors, 2 on usage or I/O errors.
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [kind, file] = expectPositionals(positionals, ['the kind of file (customers, products, skus or orders)', 'FILE']);
  if (!KINDS.includes(kind)) throw new CliError(`unknown kind ${JSON.stringify(kind)}; use customers, products, skus or orders`);
  if (values.products !== undefined && kind !== 'skus') throw new CliError('--products is only for a skus file');
  const csvOptions = {};
  const priceUnit = choiceOption(values, 'price-unit', ['units', 'cents']);
  if (priceUnit !== undefined) csvOptions.priceUnit = priceUnit;
  const maxPartBytes = integerOption(values, 'max-part-bytes', { min: 1024, max: 10_485_760 });
  if (maxPartBytes !== undefined) csvOptions.maxPartBytes = maxPartBytes;
  const maxIssues = integerOption(values, 'max-issues', { min: 0, max: 1_000_000 });
  if (maxIssues !== undefined) csvOptions.maxIssues = maxIssues;
  if (values['metadata-schemas'] !== undefined) csvOptions.metadataSchemas = await readMetadataSchemas(values['metadata-schemas']);
  if (values.products !== undefined) csvOptions.products = await readBytes(values.products);

  const input = await openInput(file);
  const name = file === '-' ? 'stdin' : basename(file, extname(file));
  const folder = values['out-dir'] === undefined ? null : await OutputFolder.create(values['out-dir']);
  if (folder) {
    await folder.removeStale(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(cleaned|failed|part-\\d+|import-\\d+)\\.(csv|json)$`));
    Object.assign(csvOptions, outputCallbacks(kind, name, folder));
  }
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY), totalBytes: input.size });
  let report;
  try {
    report = await validateCsv(kind, waitingFor(folder, input.chunks), { ...csvOptions, totalBytes: input.size, onProgress: progress.update });
    await folder?.close();
  } finally {
    progress.done();
  }

  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout.write(humanReport(file, report, folder, palette(colourEnabled(io.stdout, io.env))));
  }
  return report.valid ? 0 : 1;
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

function humanReport(file, report, folder, c) {
  const lines = [`${c.bold(file)}  ${report.kind}  ${verdict(report.valid, c)}`];
  lines.push(
    ...table(
      ['rows', 'valid', 'invalid', 'errors', 'warnings', 'size'],
      [[report.rows, report.validRows, report.invalidRows, report.errors, report.warnings, formatBytes(report.bytes)]],
      c,
    ),
  );
  if (report.issues.length > 0 || Object.keys(report.countsByCode).length > 0) {
    lines.push('', ...issueGroups(report.issues, (issue) => place(issue), c, report.countsByCode));
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

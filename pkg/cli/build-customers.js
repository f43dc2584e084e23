// build-customers.js: `voucherify-sync build-customers`: flat records (CSV, JSON or NDJSON)
// through buildCustomer, the valid customers written one per line, and a report of the rest.

import { buildCustomer, validatePayload } from '../node.js';
import { choiceOption, expectPositionals, integerOption, requiredOption } from './args.js';
import { ensureReadable, openOutput, readRecords, recordFormat, shownName } from './files.js';
import { colourEnabled, issueGroups, palette, place, plural, table, verdict } from './human.js';
import { customerOptions, readMetadataSchemas } from './option-files.js';
import { createProgress } from './progress.js';

export const options = {
  mapping: 'string',
  'default-country': 'string',
  'date-order': 'string',
  'metadata-schemas': 'string',
  out: 'string',
  'max-issues': 'string',
  json: 'boolean',
};

export const usage = `Usage: voucherify-sync build-customers FILE --out FILE.ndjson [options]

Builds API customer objects from flat records: a CSV file (one record per row, keyed by the
header), a JSON file (an array of records or a list response) or NDJSON (one record per
line). Each customer is then checked as a POST /v1/customers body. Customers of records
without errors are written to --out, one JSON object per line; records with errors are left
out and reported with their row, line and key.

Options:
  --out FILE               where the customers go (NDJSON); required
  --mapping FILE           JSON mapping record keys to customer fields, such as
                           {"Customer No": "source_id", "Notes": null}; other keys are
                           recognized by name, and the rest go to metadata
  --default-country CC     turn national phone numbers into E.164 for this country (GB, PL, ...)
  --date-order ORDER       read NN/NN/YYYY birthdates as dmy or mdy (without it they are errors)
  --metadata-schemas FILE  type metadata values by the customer metadata schema, and check
                           them against it
  --max-issues N           the most issues listed, default 1000 (the counts stay exact)
  --json                   print the report as one JSON document
  -h, --help               show this help

The report: { valid, records, validRecords, invalidRecords, errorCount, warningCount,
countsByCode, issues: [{ record, row?, line?, column, columnIndex?, code, severity, path,
message }], truncated }. column is the record key at fault, shortened to 80 characters, and for
CSV columnIndex its 0-based column; path segments over 80 characters and messages over 400 are
shortened too, so the report stays small whatever the header. A CSV header name over 64 KiB
is refused (too_large): each customer would repeat it.

Exit status: 0 when every record is valid, 1 when one has errors, 2 on usage or I/O errors.
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [file] = expectPositionals(positionals, ['FILE']);
  recordFormat(file);
  const out = requiredOption(values, 'out');
  choiceOption(values, 'date-order', ['dmy', 'mdy']);
  const maxIssues = integerOption(values, 'max-issues', { min: 0, max: 1_000_000 }) ?? 1000;
  const builderOptions = await customerOptions(values);
  const validation = {};
  if (values['metadata-schemas'] !== undefined) {
    validation.metadataSchemas = await readMetadataSchemas(values['metadata-schemas']);
    builderOptions.metadataSchemas = validation.metadataSchemas;
  }

  await ensureReadable(file);
  const report = newReport();
  const output = await openOutput(out);
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY) });
  try {
    for await (const { record, problem, place: where, columns } of readRecords(file)) {
      if (problem) {
        addIssues(report, [{ ...problem, severity: 'error', path: '' }], where, maxIssues);
        // A header problem (row 0) is not a record.
        if (where.row !== 0) {
          report.records += 1;
          report.invalidRecords += 1;
        }
        continue;
      }
      report.records += 1;
      const built = builtCustomer(record, builderOptions);
      addIssues(report, built.issues, where, maxIssues, undefined, columns);
      // The customer as POST /v1/customers would take it (metadata against its schema too).
      const checked = built.valid ? validatePayload('POST /v1/customers', built.customer, validation) : { valid: false, issues: [] };
      // The builder already said what the check would say again (an email that does not look
      // like one): each issue once.
      const said = new Set(built.issues.map((issue) => `${issue.code} ${keyOf(issue.path)}`));
      const fresh = checked.issues.filter((issue) => !said.has(`${issue.code} ${keyFeeding(issue.path, built.fields)}`));
      addIssues(report, fresh, where, maxIssues, built.fields, columns);
      if (checked.valid) {
        report.validRecords += 1;
        await output.write(`${JSON.stringify(built.customer)}\n`);
      } else {
        report.invalidRecords += 1;
      }
      if (report.records % 1000 === 0) progress.update({ rows: report.records });
    }
  } finally {
    progress.done();
    await output.close();
  }
  report.valid = report.errorCount === 0;

  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout.write(humanReport(file, out, report, palette(colourEnabled(io.stdout, io.env))));
  }
  return report.valid ? 0 : 1;
}

/** buildCustomer's result; a record that is not an object is an `invalid_type` error. */
function builtCustomer(record, options) {
  try {
    return buildCustomer(record, options);
  } catch (error) {
    if (error?.code !== 'invalid_argument') throw error;
    return { valid: false, customer: null, issues: [{ code: 'invalid_type', severity: 'error', path: '', message: error.message }], fields: [] };
  }
}

function newReport() {
  return {
    valid: true,
    records: 0,
    validRecords: 0,
    invalidRecords: 0,
    errorCount: 0,
    warningCount: 0,
    countsByCode: {},
    issues: [],
    truncated: false,
  };
}

/**
 * Counts every issue and lists the first `maxIssues`, each with its record's place and the
 * record key at fault: the first segment of a record path, or for a customer path
 * (`/metadata/tier`) the key that fed that field, from the builder's `fields`.
 */
function addIssues(report, issues, where, maxIssues, fields = undefined, columns = undefined) {
  for (const issue of issues) {
    if (issue.severity === 'error') report.errorCount += 1;
    else report.warningCount += 1;
    report.countsByCode[issue.code] = (report.countsByCode[issue.code] ?? 0) + 1;
    if (report.issues.length >= maxIssues) {
      report.truncated = true;
      continue;
    }
    const key = issue.column ?? (fields === undefined ? keyOf(issue.path) : keyFeeding(issue.path, fields));
    const columnIndex = issue.columnIndex ?? columns?.get(key);
    report.issues.push({
      ...where,
      column: shownName(key),
      ...(columnIndex === undefined ? {} : { columnIndex }),
      code: issue.code,
      severity: issue.severity,
      path: shownPath(issue.path),
      message: shownMessage(issue.message),
    });
  }
}

/** A JSON pointer with each segment over 80 characters shortened, as header names are. */
function shownPath(path) {
  return path.length <= 80 ? path : path.split('/').map(shownName).join('/');
}

/** A message of at most 400 characters, longer ones cut with `...`. */
function shownMessage(message) {
  return message.length <= 400 ? message : `${Array.from(message.slice(0, 800)).slice(0, 397).join('')}...`;
}

/** The record key a path such as `/Birthdate` points at (JSON pointer unescaped). */
function keyOf(path) {
  const [, first = ''] = path.split('/');
  return first.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The record key that fed the customer field at `path`, or empty. */
function keyFeeding(path, fields) {
  const [first, second] = path.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const candidates = [first, `${first}.${second}`];
  return fields.find((field) => field.outcome === 'set' && candidates.includes(field.field))?.key ?? '';
}

function humanReport(file, out, report, c) {
  const lines = [`${c.bold(file)}  customers  ${verdict(report.valid, c)}`];
  lines.push(
    ...table(
      ['records', 'valid', 'invalid', 'errors', 'warnings'],
      [[report.records, report.validRecords, report.invalidRecords, report.errorCount, report.warningCount]],
      c,
    ),
  );
  if (report.issues.length > 0) lines.push('', ...issueGroups(report.issues, (issue) => place(issue), c, report.countsByCode));
  if (report.truncated) lines.push(c.dim(`  (the list stops at ${plural(report.issues.length, 'issue')}; --max-issues shows more)`));
  lines.push('', `Written to ${out}: ${plural(report.validRecords, 'customer')}, one per line`);
  return `${lines.join('\n')}\n`;
}

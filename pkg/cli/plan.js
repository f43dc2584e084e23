// plan.js: `voucherify-sync plan`: the sync plan of local customers or products against what
// Voucherify holds, its bulk bodies and conflicts written to a folder. Nothing is sent.

import { planSync } from '../node.js';
import { CliError, choiceOption, expectPositionals, integerOption, requiredOption } from './args.js';
import { OutputFolder, ensureReadable, readRecords, recordFormat } from './files.js';
import { colourEnabled, formatBytes, issueGroups, palette, place, plural, table } from './human.js';
import { customerOptions, readMetadataSchemas } from './option-files.js';

const KINDS = ['customers', 'products'];
const CUSTOMER_FLAGS = ['mapping', 'default-country', 'date-order'];
/** Columns of a customers or products export that are statistics or timestamps, not data to sync. */
const EXPORT_ONLY = /^(object|created_at|updated_at|system_metadata|assets|skus|summary|loyalty|referrals)$|^(redemptions|orders|loyalty|referrals|summary|publications)_/i;

export const options = {
  local: 'string',
  remote: 'string',
  'out-dir': 'string',
  mapping: 'string',
  'default-country': 'string',
  'date-order': 'string',
  'metadata-schemas': 'string',
  'price-unit': 'string',
  'max-body-bytes': 'string',
  json: 'boolean',
};

export const usage = `Usage: voucherify-sync plan <customers|products> --local FILE [--remote FILE] --out-dir DIR [options]

Plans a sync: every local record is a create, an update (only the fields that changed), an
unchanged record, or a conflict with its reason. Nothing is sent: the bodies are written for
a person or a script to send.

  --local FILE   the shop's records: CSV (one per row), JSON (an array or a list response)
                 or NDJSON (one per line); flat rows go through the customer builder
  --remote FILE  what Voucherify holds: a customers or products export CSV (statistics and
                 timestamp columns are ignored; a JSON metadata column is read as metadata),
                 or list responses saved as JSON or NDJSON; without it, everything is a create
  --out-dir DIR  writes KIND-bulk-001.json... (bodies of POST /v1/KIND/bulk/async, each
                 under the size limit) and KIND-conflicts.ndjson (one conflict per line, with
                 its row and line); earlier files of these names are replaced

Options:
  --mapping FILE           customers: JSON mapping record keys to customer fields
  --default-country CC     customers: turn national phone numbers into E.164
  --date-order ORDER       customers: read NN/NN/YYYY birthdates as dmy or mdy
  --price-unit UNIT        products: how local prices are written, cents or units (the
                           default is units for CSV, as in the import template, else cents)
  --metadata-schemas FILE  the body of GET /v1/metadata-schemas, to check the bodies
  --max-body-bytes N       the largest bulk body, 1024 to 10485760 (the default, the API's limit)
  --json                   print the plan, as planSync returns it, as one JSON document; its
                           entries also carry where the record is (row and line in a CSV
                           file, line in NDJSON, record in JSON), and unreadable lists the
                           local records that could not be read
  -h, --help               show this help

Exit status: 0 when nothing conflicts, 1 when records conflict or cannot be read, 2 on usage
or I/O errors.
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [kind] = expectPositionals(positionals, ['the kind (customers or products)']);
  if (!KINDS.includes(kind)) throw new CliError(`unknown kind ${JSON.stringify(kind)}; use customers or products`);
  const localFile = requiredOption(values, 'local');
  const remoteFile = values.remote;
  const outDir = requiredOption(values, 'out-dir');
  const localFormat = recordFormat(localFile);
  if (remoteFile !== undefined) recordFormat(remoteFile);
  const planOptions = await optionsOf(kind, values, localFormat);
  await ensureReadable(localFile);
  if (remoteFile !== undefined) await ensureReadable(remoteFile);

  const local = await collect(localFile, false);
  const remote = remoteFile === undefined ? null : await collect(remoteFile, true);
  if (remote && remote.unreadable.length > 0) {
    const [first] = remote.unreadable;
    throw new CliError(`${remoteFile}: ${place(first)}: ${first.message}; what Voucherify holds must be read whole`);
  }
  const plan = planSync(kind, local.records, remote?.records ?? null, planOptions);
  for (const entry of plan.entries) Object.assign(entry, locationOf(local.places[entry.index]));
  plan.unreadable = local.unreadable;

  const folder = await OutputFolder.create(outDir);
  const written = await writePlan(folder, kind, plan, planOptions.maxBodyBytes ?? 10_485_760);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(plan)}\n`);
  } else {
    io.stdout.write(humanReport(localFile, remoteFile, plan, folder, written, palette(colourEnabled(io.stdout, io.env))));
  }
  return plan.summary.conflict === 0 && plan.unreadable.length === 0 ? 0 : 1;
}

/** The planSync options the command-line flags give. */
export async function optionsOf(kind, values, localFormat) {
  const planOptions = {};
  if (kind === 'customers') {
    if (values['price-unit'] !== undefined) throw new CliError('--price-unit is only for products');
    choiceOption(values, 'date-order', ['dmy', 'mdy']);
    const builder = await customerOptions(values);
    if (Object.keys(builder).length > 0) planOptions.customerOptions = builder;
  } else {
    const customerFlag = CUSTOMER_FLAGS.find((flag) => values[flag] !== undefined);
    if (customerFlag) throw new CliError(`--${customerFlag} is only for customers`);
    planOptions.priceUnit = choiceOption(values, 'price-unit', ['cents', 'units']) ?? (localFormat === 'csv' ? 'units' : 'cents');
  }
  const maxBodyBytes = integerOption(values, 'max-body-bytes', { min: 1024, max: 10_485_760 });
  if (maxBodyBytes !== undefined) planOptions.maxBodyBytes = maxBodyBytes;
  if (values['metadata-schemas'] !== undefined) planOptions.metadataSchemas = await readMetadataSchemas(values['metadata-schemas']);
  return planOptions;
}

/** The readable records of a file, where each came from, and what could not be read. */
export async function collect(file, isRemote) {
  const records = [];
  const places = [];
  const unreadable = [];
  const fromExport = isRemote && recordFormat(file) === 'csv';
  for await (const { record, problem, place: where } of readRecords(file)) {
    const notObject = !problem && (record === null || typeof record !== 'object' || Array.isArray(record));
    if (problem || notObject) {
      const { code, message } = problem ?? { code: 'invalid_type', message: `the record is ${Array.isArray(record) ? 'an array' : JSON.stringify(record)}, not an object` };
      unreadable.push({ ...locationOf(where), code, message });
    } else if (isRemote) {
      // A saved page of a list response on an NDJSON line holds many records.
      const page = ['customers', 'products', 'data'].map((key) => record[key]).find(Array.isArray);
      for (const item of page ?? [record]) records.push(fromExport ? exportRecord(item) : item);
    } else {
      records.push(record);
      places.push(where);
    }
  }
  return { records, places, unreadable };
}

/** An export row without its statistics and timestamps, its JSON metadata spread as `metadata.<key>`. */
export function exportRecord(row) {
  const record = {};
  for (const [key, value] of Object.entries(row)) {
    const name = key.trim();
    if (EXPORT_ONLY.test(name)) continue;
    const parsed = /^(metadata|attributes)$/i.test(name) ? jsonCell(value) : undefined;
    if (parsed !== undefined && name.toLowerCase() === 'metadata' && parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [metaKey, metaValue] of Object.entries(parsed)) record[`metadata.${metaKey}`] = metaValue;
    } else {
      record[key] = parsed === undefined ? value : parsed;
    }
  }
  return record;
}

function jsonCell(value) {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** `{ row, line }` of a CSV record, `{ line }` of an NDJSON one, `{ record }` (1-based) of a JSON one. */
export function locationOf(where = {}) {
  const location = {};
  if (where.row !== undefined) location.row = where.row;
  if (where.line !== undefined) location.line = where.line;
  if (where.row === undefined && where.line === undefined && where.record !== undefined) location.record = where.record;
  return location;
}

/** Writes the bulk bodies and the conflicts; returns `{ bodies: [{ name, bytes, records }], conflicts }`. */
async function writePlan(folder, kind, plan, limit) {
  await folder.removeStale(new RegExp(`^${kind}-bulk-\\d+\\.json$|^${kind}-conflicts\\.ndjson$`));
  const bodies = [];
  for (const [index, batch] of plan.batches.entries()) {
    const bytes = Buffer.from(JSON.stringify(batch));
    if (bytes.length > limit) {
      throw new Error(`bulk body ${index + 1} is ${bytes.length} bytes, over the ${limit}-byte limit: a bug, please report it`);
    }
    const name = `${kind}-bulk-${String(index + 1).padStart(3, '0')}.json`;
    folder.writeWhole(name, bytes);
    bodies.push({ name, bytes: bytes.length, records: batch.length });
    await folder.drained();
  }
  const conflictsFile = `${kind}-conflicts.ndjson`;
  folder.append(conflictsFile, Buffer.alloc(0));
  let conflicts = 0;
  const line = (value) => {
    conflicts += 1;
    folder.append(conflictsFile, Buffer.from(`${JSON.stringify(value)}\n`));
  };
  for (const entry of plan.entries.filter((candidate) => candidate.action === 'conflict')) {
    const { index, row, line: at, record, key, reason, message, issues } = entry;
    line({ index, ...locationOf({ row, line: at, record }), key, reason, message, issues });
    await folder.drained();
  }
  for (const problem of plan.unreadable) line({ index: null, ...problem, key: null, reason: 'unreadable', issues: [] });
  await folder.close();
  return { bodies, conflicts, conflictsFile };
}

function humanReport(localFile, remoteFile, plan, folder, written, c) {
  const { summary } = plan;
  const lines = [`${c.bold(`plan ${plan.kind}`)}  local ${localFile}  ${remoteFile === undefined ? c.dim('no remote: every record is new') : `remote ${remoteFile}`}`];
  lines.push(
    ...table(
      ['local', 'remote', 'create', 'update', 'unchanged', 'conflict', 'unreadable', 'bodies'],
      [[summary.local, summary.remote, summary.create, summary.update, summary.unchanged, summary.conflict, plan.unreadable.length, summary.batches]],
      c,
    ),
  );
  const problems = [
    ...plan.entries.filter((entry) => entry.action === 'conflict').map((entry) => ({
      code: entry.reason,
      severity: 'error',
      message: conflictMessage(entry),
      where: [place(entry), entry.key === null ? '' : `source_id ${JSON.stringify(entry.key)}`].filter(Boolean).join(', '),
    })),
    ...plan.unreadable.map((problem) => ({ code: 'unreadable', severity: 'error', message: problem.message, where: place(problem) })),
  ];
  if (problems.length > 0) lines.push('', 'Conflicts:', ...issueGroups(problems, (problem) => problem.where, c));
  lines.push('', `Written to ${folder.dir}:`);
  const width = Math.max(written.conflictsFile.length, ...written.bodies.map((body) => body.name.length));
  for (const body of written.bodies) lines.push(`  ${body.name.padEnd(width)}  ${c.dim(`${formatBytes(body.bytes)}, ${plural(body.records, 'record')}`)}`);
  lines.push(`  ${written.conflictsFile.padEnd(width)}  ${c.dim(plural(written.conflicts, 'line'))}`);
  lines.push(
    '',
    written.bodies.length === 0
      ? 'Nothing to send.'
      : `Nothing was sent: send each ${plan.kind}-bulk-NNN.json as the body of ${plan.operation}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** The conflict's message, with its first error when the record has errors. */
function conflictMessage(entry) {
  const errors = entry.issues.filter((issue) => issue.severity === 'error');
  if (entry.reason !== 'invalid_record' || errors.length === 0) return entry.message;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${plural(errors.length - 1, 'more error')})` : '';
  return `${first.code} at ${first.path || '/'}: ${first.message}${more}`;
}

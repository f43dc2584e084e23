// sync.js: `voucherify-sync sync`: plans a sync against what Voucherify holds (read through an
// export) and, with --apply, sends it: bulk requests, their async actions and result reports,
// within the rate limits, journaled so that a killed run continues where it stopped.

import { resolve } from 'node:path';
import { CliError, choiceOption, expectPositionals, integerOption, requiredOption } from './args.js';
import { ensureReadable, readBytes, recordFormat } from './files.js';
import { colourEnabled, formatCount, issueGroups, palette, place, plural, table } from './human.js';
import { collect, locationOf, optionsOf } from './plan.js';
import { createProgress, duration } from './progress.js';
import { createServerClient } from '../server/client.js';
import { syncRecords } from '../server/sync.js';
import { PAGE_SIZE } from '../server/costs.js';

const KINDS = ['customers', 'products', 'orders'];

export const options = {
  local: 'string',
  journal: 'string',
  apply: 'boolean',
  'poll-ms': 'string',
  mapping: 'string',
  'default-country': 'string',
  'date-order': 'string',
  'metadata-schemas': 'string',
  'price-unit': 'string',
  'max-body-bytes': 'string',
  json: 'boolean',
};

export const usage = `Usage: voucherify-sync sync <customers|products|orders> --local FILE [--apply] [options]

Syncs local records with a Voucherify project. What the project holds is read through an
export (a few calls, not one per 100 records) and every local record is planned as a create,
an update, unchanged, or a conflict. Without --apply nothing is sent: the plan is printed with
the API calls it costs. With --apply the bulk requests are sent, their async actions followed
to the end, and every record is reported once: created, updated, unchanged, conflict, or
failed with the API's reason.

The server keys come from the environment only, and are never printed:
  VOUCHERIFY_APP_ID, VOUCHERIFY_APP_TOKEN   the project's server-side application keys
  VOUCHERIFY_API_URL                        the API's base URL (https://api.voucherify.io by
                                            default; https://us1.api.voucherify.io, ...)

  --local FILE     the shop's records: CSV, JSON (an array or a list response) or NDJSON;
                   orders: an orders CSV file (the check-csv orders columns, one row per item),
                   imported with POST /v1/orders/import, at most 2000 a request; an order the
                   project already holds is left unchanged (an import does not update)
  --apply          send the plan (without it, a dry run: only the export is read)
  --journal FILE   where the run is recorded, step by step (default: the local file's name
                   with .sync-journal.ndjson added), and FILE.remote.csv the export it plans
                   against. When a run is cut off, run the same command again: it continues
                   from the journal and sends no request twice
  --poll-ms N      the first wait between status checks of an export or async action, in
                   milliseconds (default 1000; each wait is 1.5 times the last, up to 30 s),
                   and at most the first wait before a failed read is retried (default 500)

Options of plan:
  --mapping FILE, --default-country CC, --date-order ORDER (customers), --price-unit UNIT
  (products), --metadata-schemas FILE, --max-body-bytes N (see voucherify-sync plan --help)
  --json           print the result as one JSON document: the plan's summary, the requests,
                   the call costs, and with --apply the report of every record
  -h, --help       show this help

Exit status: 0 when every record is in step, 1 when records conflict, failed or cannot be
read, 2 on usage, I/O or API errors (missing keys, a refused request, the network).
`;

/** Runs the command; resolves with the exit code. */
export async function run({ values, positionals }, io) {
  const [kind] = expectPositionals(positionals, ['the kind (customers, products or orders)']);
  if (!KINDS.includes(kind)) throw new CliError(`unknown kind ${JSON.stringify(kind)}; use customers, products or orders`);
  const localFile = requiredOption(values, 'local');
  const localFormat = recordFormat(localFile);
  const planOptions = kind === 'orders' ? ordersOptions(values, localFile, localFormat) : await optionsOf(kind, values, localFormat);
  const pollMs = integerOption(values, 'poll-ms', { min: 1, max: 60_000 }) ?? 1000;
  const journal = resolve(values.journal ?? `${localFile}.sync-journal.ndjson`);
  await ensureReadable(localFile);
  const local = kind === 'orders' ? { records: await readBytes(localFile), places: [], unreadable: [] } : await collect(localFile, false);
  // An empty CSV cell is no value, as the customer builder reads it (a sync never clears a
  // field); a row whose every column is an API field would otherwise send the empty string.
  if (localFormat === 'csv' && kind !== 'orders') local.records = local.records.map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')));
  const c = palette(colourEnabled(io.stdout, io.env));
  const progress = createProgress({ stream: io.stderr, enabled: !values.json && Boolean(io.stderr.isTTY), format: progressText, delayMs: 500 });
  let waitingUntil = 0;
  let client;
  try {
    client = createServerClient({ env: io.env, retryMs: Math.min(500, pollMs), onWait: ({ ms }) => (waitingUntil = Date.now() + ms) });
  } catch (error) {
    throw new CliError(error.message);
  }
  let result;
  try {
    result = await syncRecords(client, kind, local.records, {
      journal,
      apply: Boolean(values.apply),
      planOptions,
      places: kind === 'orders' ? undefined : local.places.map((where) => locationOf(where)),
      pollMs,
      onProgress: (state) => progress.update({ ...state, waitMs: Math.max(0, waitingUntil - Date.now()) }),
    });
  } catch (error) {
    if (error?.name === 'ServerRequestError' || error?.name === 'VoucherifySyncError') throw new CliError(error.message, { cause: error });
    throw error;
  } finally {
    progress.done();
  }
  const { plan, requests, costs, resumed, report } = result;
  const problems = local.unreadable.length + (report ? report.summary.conflict + report.summary.failed : plan.summary.conflict);
  if (values.json) {
    const document = { kind, apply: Boolean(values.apply), journal, summary: plan.summary, unreadable: local.unreadable, requests, costs, calls: client.calls, resumed };
    if (report) document.report = report;
    else document.entries = plan.entries.map(({ body, ...entry }) => entry);
    io.stdout.write(`${JSON.stringify(document)}\n`);
  } else {
    io.stdout.write(humanReport({ kind, localFile, journal, plan, requests, costs, resumed, report, unreadable: local.unreadable, calls: client.calls, apiUrl: client.apiUrl, apply: Boolean(values.apply) }, c));
  }
  return problems === 0 ? 0 : 1;
}

/** Orders: a CSV file, and only --price-unit of the plan flags. */
function ordersOptions(values, localFile, localFormat) {
  if (localFormat !== 'csv') throw new CliError(`${localFile}: orders are read from a CSV file (the check-csv orders columns)`);
  const flag = ['mapping', 'default-country', 'date-order', 'metadata-schemas', 'max-body-bytes'].find((name) => values[name] !== undefined);
  if (flag) throw new CliError(`--${flag} is not for orders`);
  const priceUnit = choiceOption(values, 'price-unit', ['units', 'cents']);
  return priceUnit === undefined ? {} : { priceUnit };
}

/** The progress line: requests sent and done, calls, the ETA (with rate-limit waits) and a wait under way. */
export function progressText({ phase, requests = 0, sent = 0, done = 0, calls = 0, etaMs = null, waitMs = 0 }) {
  if (phase === 'export') return 'reading what Voucherify holds (export)';
  const width = 16;
  const filled = requests === 0 ? width : Math.round(((sent + done) / (2 * requests)) * width);
  const parts = [`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`, `${sent}/${requests} sent`, `${done}/${requests} done`, plural(calls, 'call')];
  if (etaMs !== null) parts.push(`ETA ${duration(Math.max(etaMs, waitMs) / 1000)}`);
  if (waitMs > 0) parts.push(`waiting for the rate limit ${duration(waitMs / 1000)}`);
  return parts.join('  ');
}

function humanReport({ kind, localFile, journal, plan, requests, costs, resumed, report, unreadable, calls, apiUrl, apply }, c) {
  const lines = [`${c.bold(`sync ${kind}`)}  local ${localFile}  project ${apiUrl}  ${apply ? '' : c.dim('dry run: nothing is sent')}`.trimEnd()];
  const { summary } = plan;
  lines.push(
    ...table(
      ['local', 'remote', 'create', 'update', 'unchanged', 'conflict', 'unreadable', 'requests'],
      [[summary.local, summary.remote, summary.create, summary.update, summary.unchanged, summary.conflict, unreadable.length, requests.length]],
      c,
    ),
  );
  if (resumed) lines.push('', `Continuing the run started ${resumed.startedAt} (${plural(resumed.sent, 'request')} sent, ${resumed.done} done before).`);
  if (requests.length > 0) {
    const byOperation = new Map();
    for (const request of requests) {
      const seen = byOperation.get(request.operation) ?? { count: 0, records: 0 };
      byOperation.set(request.operation, { count: seen.count + 1, records: seen.records + request.records });
    }
    lines.push('', 'Requests:');
    for (const [operation, { count, records }] of byOperation) lines.push(`  ${count} × ${operation}  ${c.dim(plural(records, 'record'))}`);
  }
  lines.push(
    '',
    'API calls (at least: one more status check for each wait):',
    `  reading what Voucherify holds  ${costs.read.export} through the export, against ${formatCount(costs.read.pages)} page by page (${PAGE_SIZE} per page)`,
    `  writing                        ${costs.write.requests + costs.write.statusChecks + costs.write.reports} (${plural(costs.write.requests, 'request')}, ${plural(costs.write.statusChecks, 'status check')}, ${plural(costs.write.reports, 'report')}), against ${formatCount(costs.write.oneByOne)} one record at a time`,
    `  in all                         ${formatCount(costs.minimum.export)} against ${formatCount(costs.minimum.pages)}: waits of at least ${duration(costs.time.sandbox.export / 1000)} against ${duration(costs.time.sandbox.pages / 1000)} on a sandbox project (100 calls an hour), ${duration(costs.time.business.export / 1000)} against ${duration(costs.time.business.pages / 1000)} on Business (100 a minute)`,
  );
  const problems = [];
  const records = report ? report.records : plan.entries.map((entry) => ({ ...entry, outcome: entry.action === 'conflict' ? 'conflict' : entry.action }));
  for (const record of records) {
    if (record.outcome !== 'conflict' && record.outcome !== 'failed') continue;
    problems.push({ code: record.reason, severity: 'error', message: record.message, where: [place(record), record.key === null ? '' : `source_id ${JSON.stringify(record.key)}`].filter(Boolean).join(', ') });
  }
  for (const problem of unreadable) problems.push({ code: 'unreadable', severity: 'error', message: problem.message, where: place(problem) });
  if (problems.length > 0) lines.push('', report ? 'Not in step:' : 'Conflicts:', ...issueGroups(problems, (problem) => problem.where, c));
  if (report) {
    const s = report.summary;
    lines.push('', table(['created', 'updated', 'unchanged', 'conflict', 'failed'], [[s.created, s.updated, s.unchanged, s.conflict, s.failed]], c).join('\n'));
    lines.push('', `${plural(calls.calls, 'API call')} made; the run is recorded in ${journal}.`);
  } else {
    lines.push('', `${plural(calls.calls, 'API call')} made to read the export. Nothing was sent: run again with --apply to send ${plural(requests.length, 'request')}.`);
  }
  return `${lines.join('\n')}\n`;
}

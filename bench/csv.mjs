// csv.mjs: the CSV suite of `make bench`. Our validateCsv (wasm, fed bytes) against uDSV,
// PapaParse and csv-parse, each followed by the same checks in JavaScript, on the generated
// customers file at 10 MB, 100 000 rows, 100 MB and 1 000 000 rows; every contender must find
// the problems the generator put in, or the suite fails. Then our validator alone on the native
// benchmark's own file, so the native numbers are a ceiling on the same bytes. Prints the
// suite's results as JSON on stdout.

import { CSV_PEERS } from './lib/csv-peers.mjs';
import { customersCsv } from './lib/customers-csv.mjs';
import { alternate, pairedRatio, progress, round } from './lib/measure.mjs';
import { nativeCustomersCsv } from './lib/native-csv.mjs';
import { validateCsv } from '../pkg/node.js';
import { useBuild } from './lib/builds.mjs';

const QUICK = process.argv.includes('--quick');
const SIZES = QUICK
  ? [{ label: '10 MB', size: { bytes: 10e6 }, runs: 3, warmup: 1 }]
  : [
      { label: '10 MB', size: { bytes: 10e6 }, runs: 9, warmup: 1 },
      { label: '100 000 rows', size: { rows: 100_000 }, runs: 9 },
      { label: '100 MB', size: { bytes: 100e6 }, runs: 5 },
      { label: '1 000 000 rows', size: { rows: 1_000_000 }, runs: 5 },
    ];
const NATIVE_FILE_ROWS = QUICK ? [100_000] : [100_000, 1_000_000];
const COMPARED = ['rows', 'problemRows', 'invalid_format', 'metadata_invalid_type', 'duplicate', 'otherIssues'];

/** The generator's counts in the form every contender reports. */
function expectedCounts(expected) {
  return {
    rows: expected.rows,
    problemRows: expected.problemRows,
    invalid_format: expected.email + expected.birthdate,
    metadata_invalid_type: expected.vip + expected.lifetimeValue,
    duplicate: expected.duplicate,
    otherIssues: 0,
  };
}

/** Throws unless every checking contender found exactly the generated problems. */
function checkAgreement(label, expected, results) {
  for (const peer of CSV_PEERS) {
    const found = results.get(peer.id).value;
    const keys = peer.checks === false ? ['rows'] : COMPARED;
    const wrong = keys.filter((key) => key === 'rows' ? found.rows !== null && found.rows !== expected.rows : found[key] !== expected[key]);
    if (wrong.length > 0) {
      throw new Error(`${label}: ${peer.name} disagrees on ${wrong.join(', ')}: found ${JSON.stringify(found)}, the file has ${JSON.stringify(expected)}`);
    }
  }
}

async function peerSizes() {
  const sizes = [];
  for (const { label, size, runs, warmup } of SIZES) {
    const { bytes, expected } = customersCsv(size);
    progress(`customers ${label}: ${expected.rows} rows, ${round(bytes.length / 1e6)} MB, ${expected.problemRows} problem rows`);
    const results = await alternate(CSV_PEERS, bytes, { runs, warmup, log: progress });
    const counts = expectedCounts(expected);
    checkAgreement(label, counts, results);
    const ours = results.get('ours');
    const oursBrowser = results.get('ours-browser');
    sizes.push({
      label,
      rows: expected.rows,
      bytes: bytes.length,
      problems: { ...counts, byKind: { email: expected.email, birthdate: expected.birthdate, vip: expected.vip, lifetimeValue: expected.lifetimeValue, duplicate: expected.duplicate } },
      runs,
      peers: CSV_PEERS.map((peer) => {
        const result = results.get(peer.id);
        return {
          id: peer.id,
          name: peer.name,
          checks: peer.checks !== false,
          medianMs: round(result.medianMs),
          MBps: round(bytes.length / 1e3 / result.medianMs),
          rowsPerS: Math.round((expected.rows / result.medianMs) * 1e3),
          peakRssMB: round(result.peakRssMB, 0),
          rssGrowthMB: round(result.growthMB, 0),
          // How many times faster ours is, on each build: the median of the rounds' time ratios.
          oursFaster: pairedRatio(result.times, ours.times),
          oursBrowserFaster: pairedRatio(result.times, oursBrowser.times),
          timesMs: result.times.map((t) => round(t)),
        };
      }),
    });
  }
  return sizes;
}

/** Our validator (the Node build) on `generate::customers_csv(rows, 42, 5)`, the native benchmark's file. */
async function nativeFile() {
  const rows = [];
  for (const count of NATIVE_FILE_ROWS) {
    const { bytes, generated } = nativeCustomersCsv(count);
    progress(`native benchmark file ${count} rows: ${round(bytes.length / 1e6)} MB`);
    const contender = {
      id: 'ours',
      run: async (input) => {
        useBuild('node');
        const report = await validateCsv('customers', input);
        return { rows: report.rows, invalidRows: report.invalidRows };
      },
    };
    const result = (await alternate([contender], bytes, { runs: 5, warmup: 1, log: progress })).get('ours');
    if (result.value.rows !== generated.records) throw new Error(`native file: ${result.value.rows} rows read, ${generated.records} written`);
    rows.push({
      rows: count,
      bytes: bytes.length,
      medianMs: round(result.medianMs),
      MBps: round(bytes.length / 1e3 / result.medianMs),
      rowsPerS: Math.round((count / result.medianMs) * 1e3),
    });
  }
  return rows;
}

const sizes = await peerSizes();
const wasmOnNativeFile = await nativeFile();
process.stdout.write(
  `${JSON.stringify({
    suite: 'csv',
    method:
      'median of alternating runs (the order rotates each run), garbage collected before each; ratios are the median over runs of the two contenders\' times in the same run (seconds apart, so a slow spell of the shared machine cancels out); ours (both wasm builds) gets the bytes, the JS parsers a string decoded beforehand (not timed; TextDecoder is timed on its own); peak RSS sampled during each run',
    file: 'customers CSV, 16 columns (the template\'s 12, vip boolean and lifetime_value number typed by metadata schemas, 2 untyped metadata), ~205 bytes a row, quoted commas and quotes, non-ASCII names; 0.5 % of rows have exactly one problem: a bad email, a birthdate that is not a real YYYY-MM-DD date, a vip that is not a boolean, a lifetime_value that is not a number, or a repeated Source_id',
    agreement:
      'problem rows = our invalid_format + metadata_invalid_type + duplicate counts (and no other issue) = the JS checks\' counts = the generator\'s, for every size',
    sizes,
    wasmOnNativeFile,
  })}\n`,
);

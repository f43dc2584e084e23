// csv-peers.mjs: the contenders of the CSV benchmark. Each takes the file and returns the rows
// and problem counts it found, so the benchmark can check that all of them agree.
//
// Ours is fed the file's bytes (a Uint8Array), as the package's users should, once on the speed
// build the Node entry loads and once on the size build browsers load. The JS parsers
// need a string: they get it already decoded (`prepare`, not timed), which is the harder
// comparison for us; the benchmark times TextDecoder separately so readers can add it.

import Papa from 'papaparse';
import { parse as csvParse } from 'csv-parse/sync';
import { inferSchema, initParser } from 'udsv';
import { validateCsv } from '../../pkg/node.js';
import { useBuild } from './builds.mjs';
import { METADATA_SCHEMAS, PROBLEM_CODES } from './customers-csv.mjs';
import { createChecks } from './js-checks.mjs';

const decoder = new TextDecoder();
const decode = (bytes) => decoder.decode(bytes);
const OUR_CODES = [...new Set(Object.values(PROBLEM_CODES))];

/** The counts of our report in the checkers' terms (every bad row of the file has one problem). */
export function ourCounts(report) {
  const byCode = report.countsByCode;
  const problems = OUR_CODES.reduce((sum, code) => sum + (byCode[code] ?? 0), 0);
  const other = Object.entries(byCode).filter(([code]) => !OUR_CODES.includes(code));
  return {
    rows: report.rows,
    problemRows: problems,
    invalid_format: byCode.invalid_format ?? 0,
    metadata_invalid_type: byCode.metadata_invalid_type ?? 0,
    duplicate: byCode.duplicate ?? 0,
    otherIssues: other.reduce((sum, [, count]) => sum + count, 0),
  };
}

/** The JS checkers' counts grouped by our issue codes, to compare with `ourCounts`. */
export function asCodes(counts) {
  return {
    rows: counts.rows,
    problemRows: counts.problemRows,
    invalid_format: counts.email + counts.birthdate,
    metadata_invalid_type: counts.vip + counts.lifetimeValue,
    duplicate: counts.duplicate,
    otherIssues: 0,
  };
}

/** Our validateCsv on wasm build `build`, as counts. */
async function validateOurs(build, bytes, sample) {
  useBuild(build);
  return ourCounts(await validateCsv('customers', bytes, { metadataSchemas: METADATA_SCHEMAS, onProgress: sample }));
}

/** uDSV with the schema given (no inference), streaming rows to a callback. */
function udsvParser(text) {
  return initParser(inferSchema(text, { col: ',', row: '\n', encl: '"' }));
}

/**
 * The contenders: `run(input, sample)` returns counts in `ourCounts` form; `prepare(bytes)`
 * builds the input outside the timed part; `checks: false` marks a parse-only reference.
 */
export const CSV_PEERS = [
  {
    name: 'voucherify-sync, Node build (bytes)',
    id: 'ours',
    prepare: (bytes) => bytes,
    run: (bytes, sample) => validateOurs('node', bytes, sample),
  },
  {
    name: 'voucherify-sync, browser build (bytes)',
    id: 'ours-browser',
    prepare: (bytes) => bytes,
    run: (bytes, sample) => validateOurs('browser', bytes, sample),
  },
  {
    name: 'uDSV 0.7.3 + JS checks',
    id: 'udsv',
    prepare: decode,
    run: (text, sample) => {
      const checks = createChecks(sample);
      udsvParser(text).stringArrs(text, (row) => {
        checks.row(row);
      });
      return asCodes(checks.counts);
    },
  },
  {
    name: 'PapaParse 5.7.1 + JS checks',
    id: 'papaparse',
    prepare: decode,
    run: (text, sample) => {
      const checks = createChecks(sample);
      let header = true;
      Papa.parse(text, {
        delimiter: ',',
        newline: '\n',
        quoteChar: '"',
        step: (result) => {
          const row = result.data;
          if (header) header = false;
          // The line feed that ends the file leaves one empty row; the other parsers skip it.
          else if (row.length > 1 || row[0] !== '') checks.row(row);
        },
      });
      return asCodes(checks.counts);
    },
  },
  {
    name: 'csv-parse 7.0.3 + JS checks',
    id: 'csv-parse',
    prepare: decode,
    run: (text, sample) => {
      const checks = createChecks(sample);
      // Returning nothing from on_record drops the record, so nothing accumulates.
      csvParse(text, { from_line: 2, relax_column_count: true, on_record: (record) => void checks.row(record) });
      return asCodes(checks.counts);
    },
  },
  {
    name: 'uDSV 0.7.3 parse only (no checks)',
    id: 'udsv-parse-only',
    checks: false,
    prepare: decode,
    run: (text, sample) => {
      let rows = 0;
      udsvParser(text).stringArrs(text, () => {
        rows += 1;
        if (rows % 16384 === 0) sample();
      });
      return { rows };
    },
  },
  {
    name: 'TextDecoder only (bytes to string)',
    id: 'decode',
    checks: false,
    prepare: (bytes) => bytes,
    // Rows are not counted (null); the length keeps the decoded string alive until measured.
    run: (bytes) => ({ rows: null, characters: decode(bytes).length }),
  },
];

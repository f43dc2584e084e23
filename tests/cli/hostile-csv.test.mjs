// hostile-csv.test.mjs: CSV files built to amplify reports (one 900 KB header name, rows that
// each raise an issue in its column), generated here rather than committed. check-csv,
// build-customers and validateCsv must answer with reports in proportion to the input and
// maxIssues, and with their documented exit codes, never a stack trace.

import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateCsv } from '../../pkg/node.js';
import { run, runJson, tempDir } from './cli.mjs';

/** Bytes an issue may take in a report (a shortened name, value and message, and its place). */
const ISSUE_BYTES = 1024;
const MAX_ISSUES = 1000;

/** The file of the report: one 900 KB header name, then 1,000 rows of `=x` (908 KB). */
function amplifyingCsv(dir) {
  const file = join(dir, 'amplify.csv');
  writeFileSync(file, `${'h'.repeat(900 * 1024)}\n${'=x\n'.repeat(1000)}`);
  return file;
}

/** The same for build-customers: a source_id column, and the long name as a metadata key (915 KB). */
function amplifyingRecords(dir) {
  const file = join(dir, 'amplify-records.csv');
  const rows = Array.from({ length: 1000 }, (_, index) => `c${index},=x`).join('\n');
  writeFileSync(file, `source_id,${'h'.repeat(900 * 1024)}\n${rows}\n`);
  return file;
}

test('check-csv on a 900 KB header name and 1,000 formula rows: a bounded report, exit 1', (t) => {
  const file = amplifyingCsv(tempDir(t));
  const { status, stdout, stderr, report } = runJson(['check-csv', 'customers', file]);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.ok(stdout.length < ISSUE_BYTES * (MAX_ISSUES + 1), `${stdout.length} bytes`);
  assert.equal(report.countsByCode.csv_formula_injection, 1000);
  const tooLarge = report.issues.find((issue) => issue.code === 'too_large');
  assert.deepEqual([tooLarge.row, tooLarge.columnIndex, tooLarge.severity], [0, 0, 'warning']);
  for (const issue of report.issues) assert.ok(issue.column.length <= 80);
});

test('check-csv --out-dir: the failed file stays in proportion to the input', (t) => {
  const dir = tempDir(t);
  const file = amplifyingCsv(dir);
  const { status, stderr } = run(['check-csv', 'customers', file, '--out-dir', dir]);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  const failed = statSync(join(dir, 'amplify.failed.csv')).size;
  assert.ok(failed < 2 * statSync(file).size, `${failed} bytes`);
});

test('validateCsv on the same file resolves with a bounded report', async () => {
  const input = `${'h'.repeat(900 * 1024)}\n${'=x\n'.repeat(1000)}`;
  const report = await validateCsv('customers', input);
  const json = JSON.stringify(report);
  assert.ok(json.length < ISSUE_BYTES * (MAX_ISSUES + 1), `${json.length} bytes`);
  assert.equal(report.issues.length, MAX_ISSUES);
  assert.ok(report.issues.every((issue) => issue.column.length <= 80));
});

test('build-customers refuses a header name over 64 KiB: a bounded report, nothing written, exit 1', (t) => {
  const dir = tempDir(t);
  const file = amplifyingRecords(dir);
  const out = join(dir, 'customers.ndjson');
  const { status, stdout, stderr, report } = runJson(['build-customers', file, '--out', out]);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.ok(stdout.length < statSync(file).size / 4 + ISSUE_BYTES * (MAX_ISSUES + 1), `${stdout.length} bytes`);
  assert.equal(statSync(out).size, 0);
  assert.deepEqual([report.records, report.invalidRecords, report.countsByCode.too_large], [1000, 1000, 1001]);
  const [header] = report.issues;
  assert.deepEqual([header.row, header.code, header.columnIndex], [0, 'too_large', 1]);
  assert.ok(header.column.length <= 80);
});

test('build-customers names a long key shortened, with its column index and a shortened path', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'long-key.csv');
  // A key just under the limit, and values over the 64 KiB string limit under it.
  const key = 'k'.repeat(60_000);
  const rows = Array.from({ length: 5 }, (_, i) => `c${i},${'v'.repeat(65_537)}`).join('\n');
  writeFileSync(file, `source_id,${key}\n${rows}\n`);
  const out = join(dir, 'customers.ndjson');
  const { status, stderr, report } = runJson(['build-customers', file, '--out', out, '--max-issues', '5']);
  assert.equal(stderr, '');
  assert.equal(status, 0);
  assert.equal(report.countsByCode.too_large, 5);
  for (const issue of report.issues) {
    assert.equal(issue.code, 'too_large');
    assert.equal(issue.columnIndex, 1);
    assert.equal(issue.column, `${'k'.repeat(77)}...`);
    assert.equal(issue.path, `/metadata/${'k'.repeat(77)}...`);
  }
});

test('plan refuses a header name over 64 KiB: every record unreadable, bounded plan and conflicts', (t) => {
  const dir = tempDir(t);
  const file = amplifyingRecords(dir);
  const outDir = join(dir, 'plan');
  const { status, stdout, report } = runJson(['plan', 'customers', '--local', file, '--out-dir', outDir]);
  assert.equal(status, 1);
  const input = statSync(file).size;
  assert.ok(stdout.length < input / 4 + ISSUE_BYTES * 1001, `${stdout.length} bytes`);
  assert.ok(statSync(join(outDir, 'customers-conflicts.ndjson')).size < input / 4 + ISSUE_BYTES * 1001);
  assert.equal(report.unreadable.length, 1001);
  assert.ok(report.unreadable.every((problem) => problem.code === 'too_large'));
});

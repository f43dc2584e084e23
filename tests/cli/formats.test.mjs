// formats.test.mjs: several files and patterns in one run, --format json|sarif|junit|github and
// --quiet, for check-csv and check-payload. The SARIF log is validated against the SARIF 2.1.0
// JSON schema (as @microsoft/jest-sarif ships it, read with ajv) and the JUnit XML with
// fast-xml-parser. (The schema has a pattern that is invalid with the u flag, so ajv compiles
// patterns without it, as the draft-04 validators the schema was written for do.)

import assert from 'node:assert/strict';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validateCsv } from '../../pkg/node.js';
import { ROOT, csvFixture, fixture, run, tempDir } from './cli.mjs';

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(join(require.resolve('@microsoft/jest-sarif/package.json'), '../lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
const validateSarif = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);

const CLEAN = fixture('customers-clean.csv');
const MIXED = csvFixture('customers_mixed.csv');
const EXCEL = (name) => csvFixture(join('excel', name));

test('several files and a pattern are checked in one run; one invalid file makes the exit code 1', async () => {
  const { status, stdout } = run(['check-csv', 'customers', CLEAN, 'tests/fixtures/csv/excel/semicolon-*.csv', '--json']);
  assert.equal(status, 1);
  const results = JSON.parse(stdout);
  assert.deepEqual(
    results.map((result) => result.file),
    [CLEAN, ...['semicolon-utf8-bom.cleaned.csv', 'semicolon-utf8-bom.csv', 'semicolon-utf8-bom.failed.csv', 'semicolon-utf8.cleaned.csv', 'semicolon-utf8.csv', 'semicolon-utf8.failed.csv'].map((name) => `tests/fixtures/csv/excel/${name}`)],
  );
  for (const { file, report } of results) {
    assert.deepEqual(report, await validateCsv('customers', createReadStream(resolve(ROOT, file)), {}), file);
  }
  assert.equal(run(['check-csv', 'customers', CLEAN, CLEAN.replace(/\.csv$/, '*.csv')]).status, 0);
});

test('a pattern that matches nothing is a usage error', () => {
  const { status, stderr } = run(['check-csv', 'customers', 'tests/fixtures/nothing-here/*.csv']);
  assert.equal(status, 2);
  assert.match(stderr, /no file matches "tests\/fixtures\/nothing-here\/\*\.csv"/);
});

test('** matches files at any depth, hidden folders left out', (t) => {
  const dir = tempDir(t);
  for (const path of ['a.csv', 'sub/b.csv', 'sub/deeper/c.csv', 'sub/notes.txt', '.hidden/d.csv']) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), readFileSync(CLEAN));
  }
  const { status, stdout } = run(['check-csv', 'customers', `${dir}/**/*.csv`, '--json']);
  assert.equal(status, 0);
  assert.deepEqual(
    JSON.parse(stdout).map((result) => result.file),
    [`${dir}/a.csv`, `${dir}/sub/b.csv`, `${dir}/sub/deeper/c.csv`],
  );
});

test('--format sarif is a valid SARIF 2.1.0 log with one result per issue, at its line', () => {
  const { status, stdout } = run(['check-csv', 'customers', MIXED, EXCEL('windows-1252.csv'), '--format', 'sarif']);
  assert.equal(status, 1);
  const log = JSON.parse(stdout);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  assert.equal(log.version, '2.1.0');
  const expected = JSON.parse(run(['check-csv', 'customers', MIXED, EXCEL('windows-1252.csv'), '--json']).stdout);
  const issues = expected.flatMap(({ file, report }) => report.issues.map((issue) => ({ file, issue })));
  const results = log.runs[0].results;
  assert.equal(results.length, issues.length);
  for (const [index, { file, issue }] of issues.entries()) {
    assert.equal(results[index].ruleId, issue.code);
    assert.equal(results[index].level, issue.severity);
    assert.equal(results[index].locations[0].physicalLocation.artifactLocation.uri, file);
    assert.equal(results[index].locations[0].physicalLocation.region.startLine, issue.line);
    assert.equal(log.runs[0].tool.driver.rules[results[index].ruleIndex].id, issue.code);
  }
});

test('--format sarif of a payload check is valid SARIF too', () => {
  const { stdout } = run(['check-payload', 'POST /v1/customers', fixture('bodies.ndjson'), fixture('bodies-array.json'), '--format', 'sarif']);
  const log = JSON.parse(stdout);
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
  assert.ok(log.runs[0].results.length > 0);
});

test('--format junit is well-formed XML with a failure per error, even for hostile text', (t) => {
  const dir = tempDir(t);
  const hostile = join(dir, 'hostile.csv');
  writeFileSync(hostile, 'source_id,email,birthdate\n"a<b>&\'""\u0000",x,1990-02-30\n');
  const { status, stdout } = run(['check-csv', 'customers', CLEAN, hostile, '--format', 'junit']);
  assert.equal(status, 1);
  assert.equal(XMLValidator.validate(stdout), true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(stdout);
  const suites = [parsed.testsuites.testsuite].flat();
  assert.deepEqual(suites.map((suite) => suite.name), [CLEAN, hostile]);
  assert.equal(suites[0].failures, '0');
  const report = JSON.parse(run(['check-csv', 'customers', hostile, '--json']).stdout);
  const errors = report.issues.filter((issue) => issue.severity === 'error').length;
  assert.equal(suites[1].failures, String(errors));
  assert.equal(parsed.testsuites.failures, String(errors));
  assert.equal([suites[1].testcase].flat().filter((testcase) => testcase.failure).length, errors);
});

test('--format github writes one workflow command per issue, with file, line and escaped text', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'a,b:c.csv');
  writeFileSync(file, 'source_id,birthdate\nc1,1990-02-30\nc2,=1+1\n');
  const { status, stdout } = run(['check-csv', 'customers', file, '--format', 'github']);
  assert.equal(status, 1);
  const lines = stdout.trimEnd().split('\n');
  const report = JSON.parse(run(['check-csv', 'customers', file, '--json']).stdout);
  assert.equal(lines.length, report.issues.length);
  const escapedFile = file.replace(/,/g, '%2C').replace(/:/g, '%3A');
  assert.equal(lines[0], `::error file=${escapedFile},line=2,title=invalid_format::row 1, line 2, column birthdate: ${report.issues[0].message}`);
  assert.match(lines[1], new RegExp(`^::warning file=${escapedFile.replace(/[.%]/g, '\\$&')},line=3,title=csv_formula_injection::`));
});

test('--quiet prints nothing for valid files and only the errors of invalid ones', () => {
  const clean = run(['check-csv', 'customers', CLEAN, '--quiet']);
  assert.deepEqual([clean.status, clean.stdout], [0, '']);
  const warningsOnly = run(['check-csv', 'customers', EXCEL('semicolon-utf8.cleaned.csv'), EXCEL('semicolon-utf8.csv'), '-q', '--format', 'github']);
  assert.equal(warningsOnly.status, 1);
  assert.doesNotMatch(warningsOnly.stdout, /::warning/);
  assert.match(warningsOnly.stdout, /^::error .*title=invalid_format::/);
  const human = run(['check-csv', 'customers', MIXED, '--quiet']);
  assert.equal(human.status, 1);
  assert.doesNotMatch(human.stdout, /^ +warning /m);
  assert.match(human.stdout, /error/);
  const json = JSON.parse(run(['check-csv', 'customers', MIXED, '--quiet', '--json']).stdout);
  assert.ok(json.issues.length > 0 && json.issues.every((issue) => issue.severity === 'error'));
});

test('--json is --format json, and the two cannot disagree', () => {
  assert.equal(run(['check-csv', 'customers', CLEAN, '--json']).stdout, run(['check-csv', 'customers', CLEAN, '--format', 'json']).stdout);
  const { status, stderr } = run(['check-csv', 'customers', CLEAN, '--json', '--format', 'sarif']);
  assert.equal(status, 2);
  assert.match(stderr, /--json and --format sarif disagree/);
  assert.equal(run(['check-csv', 'customers', CLEAN, '--format', 'xml']).status, 2);
});

test('check-payload takes several files and reports each', () => {
  const { status, stdout } = run(['check-payload', 'POST /v1/customers', fixture('bodies.ndjson'), fixture('bodies-array.json'), '--json']);
  assert.equal(status, 1);
  const results = JSON.parse(stdout);
  assert.deepEqual(results.map((result) => result.file), [fixture('bodies.ndjson'), fixture('bodies-array.json')]);
  const one = JSON.parse(run(['check-payload', 'POST /v1/customers', fixture('bodies.ndjson'), '--json']).stdout);
  assert.deepEqual(results[0].report, one);
});

test('two files of one name cannot share an --out-dir', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'x'));
  writeFileSync(join(dir, 'x', 'customers-clean.csv'), readFileSync(CLEAN));
  const { status, stderr } = run(['check-csv', 'customers', CLEAN, join(dir, 'x', 'customers-clean.csv'), '--out-dir', join(dir, 'out')]);
  assert.equal(status, 2);
  assert.match(stderr, /two files are named "customers-clean"/);
});

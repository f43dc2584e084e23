// formats.js: the check commands' results for machines, one document for all the files of a
// run: JSON, SARIF 2.1.0 (GitHub code scanning and other SARIF viewers), JUnit XML (CI test
// reports) and GitHub Actions workflow commands (`::error file=…,line=…::`, shown as annotations).

import { readFileSync } from 'node:fs';
import { CliError } from './args.js';

export const FORMATS = ['human', 'json', 'sarif', 'junit', 'github'];

export const formatUsage = `  --format FORMAT          human (the default), json, sarif (SARIF 2.1.0), junit (JUnit XML)
                           or github (GitHub Actions annotations)
  --json                   the same as --format json
  -q, --quiet              report errors only: no warnings, and nothing for a file without errors`;

/** The output format the options ask for; `--json` is `--format json`. */
export function formatOf(values) {
  const format = values.format ?? (values.json ? 'json' : 'human');
  if (!FORMATS.includes(format)) throw new CliError(`--format must be ${FORMATS.join(', ')}; not ${JSON.stringify(format)}`);
  if (values.json && format !== 'json') throw new CliError(`--json and --format ${format} disagree`);
  return format;
}

/**
 * A file's result as the formats read it.
 * @typedef {{ file: string, report: object, valid: boolean,
 *   issues: { severity: string, code: string, message: string, line?: number, where: string }[] }} FileResult
 */

/**
 * The output of `results` in `format` (not `human`), ending with a line feed.
 * @param {FileResult[]} results @param {string} format @param {string} command
 */
export function render(results, format, command) {
  if (format === 'json') {
    const document = results.length === 1 ? results[0].report : results.map(({ file, report }) => ({ file, report }));
    return `${JSON.stringify(document)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(sarif(results), null, 2)}\n`;
  if (format === 'junit') return junit(results, command);
  return github(results);
}

/** The issues a `--quiet` run shows: errors only. */
export function quietIssues(issues) {
  return issues.filter((issue) => issue.severity === 'error');
}

function version() {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

/** A SARIF 2.1.0 log: one run, one rule per issue code, one result per issue. */
export function sarif(results) {
  const codes = [...new Set(results.flatMap((result) => result.issues.map((issue) => issue.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'voucherify-sync',
            version: version(),
            rules: codes.map((code) => ({ id: code, name: code, shortDescription: { text: `voucherify-sync issue code ${code}` } })),
          },
        },
        artifacts: results.map(({ file }) => ({ location: { uri: fileUri(file) } })),
        results: results.flatMap(({ file, issues }, index) =>
          issues.map((issue) => ({
            ruleId: issue.code,
            ruleIndex: codes.indexOf(issue.code),
            level: issue.severity === 'error' ? 'error' : 'warning',
            message: { text: issue.where ? `${issue.where}: ${issue.message}` : issue.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: fileUri(file), index },
                  ...(issue.line > 0 ? { region: { startLine: issue.line } } : {}),
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** A relative URI reference of a path (standard input is `stdin`). */
function fileUri(file) {
  if (file === '-') return 'stdin';
  return encodeURI(file.replace(/\\/g, '/')).replace(/[?#]/g, encodeURIComponent);
}

/**
 * JUnit XML: one test suite per file, one test case per issue (an error fails it, a warning
 * passes with its message as output), and one passing case for a file without issues.
 */
export function junit(results, command) {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = (issues) => issues.filter((issue) => issue.severity === 'error').length;
  const tests = (issues) => Math.max(1, issues.length);
  const total = results.reduce((sum, { issues }) => sum + tests(issues), 0);
  const failed = results.reduce((sum, { issues }) => sum + failures(issues), 0);
  lines.push(`<testsuites name="${xml(`voucherify-sync ${command}`)}" tests="${total}" failures="${failed}" errors="0">`);
  for (const { file, issues } of results) {
    lines.push(`  <testsuite name="${xml(file)}" tests="${tests(issues)}" failures="${failures(issues)}" errors="0" skipped="0">`);
    if (issues.length === 0) lines.push(`    <testcase classname="${xml(file)}" name="valid"/>`);
    for (const issue of issues) {
      const name = `${issue.where || 'file'}: ${issue.code}`;
      lines.push(`    <testcase classname="${xml(file)}" name="${xml(name)}">`);
      if (issue.severity === 'error') {
        lines.push(`      <failure type="${xml(issue.code)}" message="${xml(issue.message)}">${xml(`${file}: ${name}: ${issue.message}`)}</failure>`);
      } else {
        lines.push(`      <system-out>${xml(`warning: ${issue.message}`)}</system-out>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Text as XML character data or an attribute value; characters XML 1.0 forbids become U+FFFD. */
function xml(text) {
  return String(text)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** GitHub Actions workflow commands, one line per issue. */
export function github(results) {
  let out = '';
  for (const { file, issues } of results) {
    for (const issue of issues) {
      const properties = [`file=${property(file === '-' ? 'stdin' : file)}`];
      if (issue.line > 0) properties.push(`line=${issue.line}`);
      properties.push(`title=${property(issue.code)}`);
      const message = issue.where ? `${issue.where}: ${issue.message}` : issue.message;
      out += `::${issue.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${data(message)}\n`;
    }
  }
  return out;
}

function data(text) {
  return String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text) {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

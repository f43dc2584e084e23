// ndjson.test.mjs: validatePayloads reads one body per line, numbers lines as an editor does,
// and keeps exact counts when the issue list is cut.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validatePayloads } from '../../pkg/node.js';

const LINES = [
  '{"source_id":"c1","name":"Maria"}',
  '',
  '{"source_id":"c2","birthdate":"1990-02-30"}',
  '   ',
  'not json',
  '{"source_id":"c3","birthdate":"2001-13-01","email":"c3@example.com"}',
];
const CRLF = `${LINES.join('\r\n')}\r\n`;

test('reports issues on their 1-based line, skipping blank lines, with CRLF endings', () => {
  const report = validatePayloads('POST /v1/customers', CRLF);
  assert.deepEqual(
    report.issues.map(({ line, code, path }) => ({ line, code, path })),
    [
      { line: 3, code: 'invalid_format', path: '/birthdate' },
      { line: 5, code: 'invalid_json', path: '' },
      { line: 6, code: 'invalid_format', path: '/birthdate' },
    ],
  );
  assert.equal(report.valid, false);
  assert.equal(report.bodies, 4);
  assert.equal(report.validBodies, 1);
  assert.equal(report.invalidBodies, 3);
  assert.equal(report.blankLines, 2);
  assert.equal(report.errorCount, 3);
  assert.equal(report.warningCount, 0);
  assert.deepEqual(report.countsByCode, { invalid_format: 2, invalid_json: 1 });
  assert.equal(report.truncated, false);
});

test('LF and CRLF endings, text and bytes give the same report', () => {
  const report = validatePayloads('POST /v1/customers', CRLF);
  assert.deepEqual(validatePayloads('POST /v1/customers', LINES.join('\n')), report);
  assert.deepEqual(validatePayloads('POST /v1/customers', new TextEncoder().encode(CRLF)), report);
});

test('maxIssues cuts the list but keeps every count exact', () => {
  const full = validatePayloads('POST /v1/customers', CRLF);
  const cut = validatePayloads('POST /v1/customers', CRLF, { maxIssues: 1 });
  assert.equal(cut.truncated, true);
  assert.deepEqual(cut.issues, full.issues.slice(0, 1));
  const counts = ({ issues, truncated, ...rest }) => rest;
  assert.deepEqual(counts(cut), counts(full));
  const none = validatePayloads('POST /v1/customers', CRLF, { maxIssues: 0 });
  assert.deepEqual([none.issues, none.truncated, none.errorCount], [[], true, 3]);
});

test('an empty file is valid with no bodies', () => {
  for (const text of ['', '\n', new Uint8Array(0)]) {
    const report = validatePayloads('POST /v1/customers', text);
    assert.equal(report.valid, true);
    assert.equal(report.bodies, 0);
    assert.deepEqual(report.issues, []);
  }
});

// hostile-input.test.mjs: input of every wrong shape returns a report or throws a typed error,
// and the module keeps working after each one.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueCodes, validatePayload, validatePayloads, VoucherifySyncError } from '../../pkg/node.js';
import { assertBirthdateReport, customerWithBadBirthdate } from './fixtures.mjs';

const CODES = new Set(issueCodes());
const FIVE_MB = 5 * 1024 * 1024;

function nested(levels) {
  const root = {};
  let node = root;
  for (let level = 0; level < levels; level += 1) node = node.child = {};
  return root;
}

/** [name, body, the codes of the expected report, or null when any report or typed error will do] */
const CASES = [
  ['null', null, ['invalid_type']],
  ['an empty array', [], ['invalid_type']],
  ['an array of customers', [customerWithBadBirthdate], ['invalid_type']],
  ['a string that is not JSON', 'Maria Kowalska', ['invalid_json']],
  ['a number', 42, ['invalid_type']],
  ['NaN', Number.NaN, ['invalid_type']],
  ['true', true, ['invalid_type']],
  ['a 200-level nested object', nested(200), ['too_deep']],
  ['10 000 nested arrays as text', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, ['too_deep']],
  ['a 5 MB string as the body text', 'x'.repeat(FIVE_MB), ['invalid_json']],
  ['a 5 MB string as a JSON string body', JSON.stringify('x'.repeat(FIVE_MB)), ['invalid_type', 'too_large']],
  ['a 5 MB customer name', { source_id: 'c1', name: 'x'.repeat(FIVE_MB) }, null],
  ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), ['invalid_json']],
  ['a lone surrogate escape', '{"name":"\\ud800"}', ['invalid_json']],
  ['JSON with a syntax error', '{"source_id": "c1",\n "name": "Maria",}', ['invalid_json']],
  ['an empty string', '', ['invalid_json']],
  ['empty bytes', new Uint8Array(0), ['invalid_json']],
  ['a 0-byte ArrayBuffer', new ArrayBuffer(0), ['invalid_json']],
  ['a body with a __proto__ key', '{"__proto__": {"source_id": 1}, "source_id": "c1"}', null],
];

for (const [name, body, expectedCodes] of CASES) {
  test(`${name}: a report or a typed error, then the module still works`, () => {
    let report;
    try {
      report = validatePayload('POST /v1/customers', body);
    } catch (error) {
      assert.ok(error instanceof VoucherifySyncError, `threw ${error}`);
      assert.equal(expectedCodes, null, `expected a report, got ${error.code}: ${error.message}`);
    }
    if (report !== undefined) {
      assert.equal(typeof report.valid, 'boolean');
      for (const issue of report.issues) assert.ok(CODES.has(issue.code), issue.code);
      if (expectedCodes !== null) {
        assert.equal(report.valid, false);
        assert.deepEqual(report.issues.map((issue) => issue.code), expectedCodes);
      }
    }
    assertBirthdateReport(assert, validatePayload('POST /v1/customers', customerWithBadBirthdate));
  });
}

test('a syntax error is located by line and column', () => {
  const [issue] = validatePayload('POST /v1/customers', '{"source_id": "c1",\n "name": "Maria",}').issues;
  assert.equal(issue.path, '');
  assert.match(issue.message, /line 2 column \d+/);
});

test('hostile NDJSON lines are reported on their line, then the module still works', () => {
  const bytes = Buffer.concat([
    Buffer.from('{"source_id":"c1"}\n'),
    Buffer.from([0xff, 0x0a]),
    Buffer.from(`${'['.repeat(5000)}\n`),
    Buffer.from(`${JSON.stringify({ source_id: 'c2', name: 'y'.repeat(FIVE_MB) })}\n`),
  ]);
  const report = validatePayloads('POST /v1/customers', bytes);
  assert.deepEqual(report.issues.map((issue) => [issue.line, issue.code]), [[2, 'invalid_json'], [3, 'too_deep'], [4, 'too_large']]);
  assert.equal(report.bodies, 4);
  assertBirthdateReport(assert, validatePayload('POST /v1/customers', customerWithBadBirthdate));
});

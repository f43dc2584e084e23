// check-payload.test.mjs: `voucherify-sync check-payload`: one body, a JSON array of bodies,
// NDJSON, standard input, array-bodied operations, and the exit codes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { listOperations, validatePayload, validatePayloads } from '../../pkg/node.js';
import { arrayElements, takesArrayBody } from '../../pkg/cli/check-payload.js';
import { example, fixture, run, runJson } from './cli.mjs';

const schemasFile = example('metadata-schemas.json');
const metadataSchemas = JSON.parse(readFileSync(schemasFile, 'utf8'));

test('one body gets the report of validatePayload, and the exit code follows it', () => {
  for (const [operation, file, options, args] of [
    ['POST /v1/customers', 'customer.json', { metadataSchemas }, ['--metadata-schemas', schemasFile]],
    ['PUT /v1/customers/cust_123', 'customer-update-bad.json', undefined, []],
    ['POST /v1/orders', 'order-bad.json', undefined, []],
  ]) {
    const { status, report, stdout } = runJson(['check-payload', operation, example(file), ...args]);
    assert.equal(stdout.trim().split('\n').length, 1);
    assert.deepEqual(report, validatePayload(operation, readFileSync(example(file)), options));
    assert.equal(status, report.valid ? 0 : 1, file);
  }
});

test('NDJSON gets the report of validatePayloads, each issue with its line', () => {
  const { status, report } = runJson(['check-payload', 'POST /v1/customers', fixture('bodies.ndjson')]);
  assert.equal(status, 1);
  assert.deepEqual(report, validatePayloads('POST /v1/customers', readFileSync(fixture('bodies.ndjson'))));
  assert.deepEqual(report.issues.map(({ line, code }) => [line, code]), [[2, 'invalid_format'], [4, 'invalid_format']]);
});

test('a JSON array of bodies is one body per element, line being its position', () => {
  const { status, report } = runJson(['check-payload', 'POST /v1/customers', fixture('bodies-array.json')]);
  assert.equal(status, 1);
  assert.equal(report.bodies, 3);
  assert.deepEqual(report.issues.map(({ line, code, path }) => [line, code, path]), [[2, 'invalid_format', '/birthdate']]);
  const { stdout } = run(['check-payload', 'POST /v1/customers', fixture('bodies-array.json')]);
  assert.match(stdout, /error +body 2, \/birthdate +birthdate must be/);
});

test('for an operation whose body is an array, a top-level array is one body', () => {
  const { status, report } = runJson(['check-payload', 'POST /v1/customers/bulk/async', example('customers-bulk.json')]);
  assert.equal(status, 0);
  assert.deepEqual(report, { valid: true, issues: [] });
  const bulk = readFileSync(example('customers-bulk.json'), 'utf8');
  const twoBodies = `${JSON.stringify(JSON.parse(bulk))}\n[]\n`;
  const ndjson = runJson(['check-payload', 'POST /v1/customers/bulk/async', '-'], { input: twoBodies });
  assert.equal(ndjson.report.bodies, 2, 'NDJSON lines are always one body each');
  assert.deepEqual(ndjson.report.issues.map(({ line, code }) => [line, code]), [[2, 'too_few']]);
});

test('the operations with array bodies are the bulk updates and the order import', () => {
  const arrays = listOperations().map(({ operation }) => operation).filter(takesArrayBody);
  assert.deepEqual(arrays, ['POST /v1/customers/bulk/async', 'POST /v1/products/bulk/async', 'POST /v1/orders/import']);
  assert.equal(takesArrayBody('post /v1/orders/import'), true);
  assert.equal(takesArrayBody('PUT /v1/customers/cust_1'), false);
});

test('array elements are split on top-level commas only, strings and nesting kept whole', () => {
  const text = readFileSync(fixture('bodies-array.json'), 'utf8');
  const elements = arrayElements(text);
  assert.equal(elements.length, 3);
  assert.deepEqual(elements.map((element) => JSON.parse(element)), JSON.parse(text));
  assert.deepEqual(arrayElements('[1, "a,]\\"", [2, {"b": [3]}], null]'), ['1', '"a,]\\""', '[2, {"b": [3]}]', 'null']);
});

test('big integers reach the core as written', () => {
  const { report } = runJson(['check-payload', 'POST /v1/orders', '-'], { input: '[{"amount": 9007199254740993, "items": []}]' });
  assert.equal(report.issues[0].code, 'out_of_range');
});

test('standard input and malformed JSON: an invalid_json issue with its place, exit 1', () => {
  const { status, report } = runJson(['check-payload', 'POST /v1/customers', '-'], { input: '{"source_id": "c1",\n  "name": }' });
  assert.equal(status, 1);
  assert.equal(report.issues[0].code, 'invalid_json');
  assert.match(report.issues[0].message, /line 2/);
});

test('the human report gives the verdict, the counts and each issue with its path', () => {
  const { stdout } = run(['check-payload', 'POST /v1/orders', example('orders.ndjson')]);
  assert.match(stdout, /orders\.ndjson {2}POST \/v1\/orders {2}INVALID/);
  assert.match(stdout, /bodies +valid +invalid +errors +warnings +blank lines\n +4 +3 +1 +1 +0 +1/);
  assert.match(stdout, /error +line 4, \/amount +amount is 5000/);
  const one = run(['check-payload', 'POST /v1/orders', example('order-bad.json')]).stdout;
  assert.match(one, /order-bad\.json {2}POST \/v1\/orders {2}INVALID\n {2}2 errors, 1 warning\n\nnot_integer_cents \(1\)\n {2}error +\/items\/0\/price +price must be/);
});

test('an unknown operation, a missing file or a missing argument exits 2 with one line', () => {
  for (const [args, message] of [
    [['check-payload', 'GET /v1/customers', example('customer.json')], /^voucherify-sync check-payload: unknown operation "GET \/v1\/customers"/],
    [['check-payload', 'POST /v1/customers', 'nowhere.json'], /^voucherify-sync check-payload: nowhere\.json: no such file or directory\n$/],
    [['check-payload', 'POST /v1/customers'], /^voucherify-sync check-payload: missing FILE\n$/],
    [['check-payload'], /^voucherify-sync check-payload: missing the operation, such as "POST \/v1\/customers"\n$/],
    [['check-payload', 'POST /v1/customers', example('customer.json'), '--max-issues', '-1'], /--max-issues must be an integer from 0 to 1000000/],
  ]) {
    const result = run(args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
  }
});

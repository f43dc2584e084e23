// csv-worker.test.mjs: createCsvWorker in Node, which has no Web Workers: a typed refusal that
// points to validateCsv. The worker itself is tested in a browser (tests/browser/demo-csv.test.mjs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCsvWorker, VoucherifySyncError } from '../../pkg/node.js';

test('createCsvWorker throws not_supported in Node and names validateCsv instead', () => {
  assert.throws(() => createCsvWorker(), (error) => {
    assert.ok(error instanceof VoucherifySyncError);
    assert.equal(error.code, 'not_supported');
    assert.match(error.message, /validateCsv/);
    return true;
  });
});

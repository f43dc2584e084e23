// size.test.mjs: the package a browser loads (the wasm and every module but node.js, each
// gzipped on its own) stays within the budget in bench/budget.json.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureSize, readBudget } from '../../scripts/size.mjs';

test('the gzipped wasm and JS a browser loads fit the size budget', () => {
  const { maxGzipBytes } = readBudget();
  const size = measureSize();
  assert.ok(size.wasm.gzip > 0 && size.js.gzip > 0, 'the package is built');
  assert.ok(
    size.total.gzip <= maxGzipBytes,
    `the browser total is ${size.total.gzip} bytes gzipped (wasm ${size.wasm.gzip}, JS ${size.js.gzip}), ` +
      `over the budget of ${maxGzipBytes} in bench/budget.json by ${size.total.gzip - maxGzipBytes}; ` +
      'run `make size` and find what grew (twiggy top on the wasm), or raise the budget with the reason',
  );
});

test('the budget is no looser than the last recorded measurement allows', () => {
  const budget = readBudget();
  const last = budget.history.at(-1);
  assert.equal(budget.maxGzipBytes, last.maxGzipBytes, 'maxGzipBytes is the last history entry');
  assert.ok(budget.maxGzipBytes <= last.measuredGzipBytes + 2048, 'the budget keeps at most 2 KiB of headroom over its measurement');
});

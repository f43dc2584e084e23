// memory-growth.test.mjs: the module's memory grows in a few large steps, so that a large input
// does not set off a full garbage collection per small growth (which made the first planSync of
// 40,000 records run 130 of them, and its time quadratic in the records). Counts, not times.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { planSync } from '../../pkg/node.js';
import * as bindings from '../../pkg/wasm-node/voucherify_sync.js';

const RECORDS = 40_000;

function shopRecord(i) {
  return { source_id: `cust-${i}`, Name: `Person ${i}`, Email: `p${i}@example.com`, phone: '+48 601 234 567', city: 'Warsaw' };
}

test('a first planSync of 40,000 records grows the memory a few times, with few full collections', async () => {
  const local = Array.from({ length: RECORDS }, (_, i) => shopRecord(i));
  let fullCollections = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections++;
  });
  observer.observe({ entryTypes: ['gc'] });
  const pagesBefore = bindings.__wasm?.memory?.buffer.byteLength;
  const growthsBefore = typeof bindings.heapGrowths === 'function' ? bindings.heapGrowths() : undefined;
  const plan = planSync('customers', local, null);
  // The collections are reported on the event loop.
  await new Promise((done) => setTimeout(done, 50));
  observer.disconnect();
  assert.equal(plan.summary.create, RECORDS);
  // Each growth of the memory may cost V8 a full collection; geometric growth keeps them to a
  // handful (5 seen), where growing by each allocation's needs ran 130.
  assert.ok(fullCollections <= 20, `${fullCollections} full collections during one call`);
  assert.equal(typeof bindings.heapGrowths, 'function', 'the module counts its memory growths');
  const growths = bindings.heapGrowths() - growthsBefore;
  // From a few MiB to the ~200 MiB the call needs, doubling: at most log2(200) ≈ 8 growths.
  assert.ok(growths >= 1 && growths <= 10, `${growths} growths of the memory (${pagesBefore} bytes before)`);
});

// Runs under vitest in Node, as a shop's unit tests would: the storefront entry must start there
// (Node reads its wasm from the file). The test beside this app compares what it writes.
import { writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { init, validatePayload } from 'voucherify-sync/storefront';
import { PAYLOAD } from './inputs.js';

test('the storefront entry validates a payload under vitest', async () => {
  await init();
  const report = validatePayload('POST /v1/customers', PAYLOAD);
  expect(report.issues.map((issue) => issue.path)).toContain('/email');
  writeFileSync(new URL('./result.json', import.meta.url), JSON.stringify(report));
});

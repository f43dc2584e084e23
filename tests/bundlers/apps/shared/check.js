// check.js: what every bundler app runs in the page: init(), one payload validated on the page,
// one CSV file checked in the CSV worker. The result goes to window.bundlerResult for the test.

import { createCsvWorker, init, validatePayload } from 'voucherify-sync';
import { CSV, PAYLOAD } from './inputs.js';

/** Runs the checks; resolves with what they returned, or with the error's code and message. */
export async function runChecks() {
  try {
    await init();
    const payload = validatePayload('POST /v1/customers', PAYLOAD);
    const worker = createCsvWorker();
    try {
      const { report, cleaned } = await worker.validate('customers', CSV);
      return { payload, csv: report, cleaned: await cleaned.text() };
    } finally {
      worker.terminate();
    }
  } catch (error) {
    return { error: { code: error.code, message: error.message } };
  }
}

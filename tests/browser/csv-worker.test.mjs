// csv-worker.test.mjs: createCsvWorker in headless Chromium, apart from the demo page: every input
// kind gives the report validateCsvWithOutputs gives in Node, progress reaches the page, and
// cancelling, terminating and bad options end in typed errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateCsvWithOutputs } from '../../pkg/node.js';
import { launchChromium } from './demo-page.mjs';
import { startStaticServer } from './static-server.mjs';

const MIXED = readFileSync(fileURLToPath(new URL('../fixtures/csv/customers_mixed.csv', import.meta.url)), 'utf8');

let server;
let browser;
let page;

before(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  page = await browser.newPage();
  // Any page of the local server will do; the test imports the package into it.
  await page.goto(`${server.url}tests/browser/smoke.html`);
  await page.waitForFunction(() => window.smoke !== undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('strings, bytes, Blobs and streams give the report and outputs the package gives in Node', async () => {
  const expected = await validateCsvWithOutputs('customers', MIXED);
  const results = await page.evaluate(async (csv) => {
    const { createCsvWorker } = await import('/pkg/index.js');
    const worker = createCsvWorker();
    const bytes = new TextEncoder().encode(csv);
    const inputs = {
      string: csv,
      bytes,
      blob: new Blob([bytes]),
      stream: new Blob([bytes]).stream(),
    };
    const results = {};
    for (const [name, input] of Object.entries(inputs)) {
      const progress = [];
      const { report, cleaned, failed, parts } = await worker.validate('customers', input, { onProgress: (step) => progress.push(step) });
      results[name] = { report, cleaned: await cleaned.text(), failed: await failed.text(), parts: parts.length, progress: progress.at(-1) };
    }
    worker.terminate();
    return results;
  }, MIXED);
  for (const [name, result] of Object.entries(results)) {
    assert.deepEqual(result.report, expected.report, name);
    assert.equal(result.cleaned, await expected.cleaned.text(), name);
    assert.equal(result.failed, await expected.failed.text(), name);
    assert.equal(result.parts, expected.parts.length, name);
    assert.equal(result.progress.bytes, expected.report.bytes, name);
    assert.equal(result.progress.rows, 9, name);
  }
  assert.equal(results.blob.progress.totalBytes, expected.report.bytes);
});

test('an aborted signal, a termination and bad options reject with typed errors, and the worker goes on', async () => {
  const outcomes = await page.evaluate(async (csv) => {
    const { createCsvWorker, VoucherifySyncError } = await import('/pkg/index.js');
    const outcome = (promise) => promise.then(
      (result) => ({ ok: result.report.rows }),
      (error) => ({ typed: error instanceof VoucherifySyncError, code: error.code, message: error.message }),
    );
    const worker = createCsvWorker();
    const big = new Blob(Array.from({ length: 400 }, () => csv.slice(csv.indexOf('\n') + 1)));
    const header = csv.slice(0, csv.indexOf('\n') + 1);
    const controller = new AbortController();
    const running = outcome(worker.validate('customers', new Blob([header, big]), { signal: controller.signal }));
    controller.abort();
    const results = {
      alreadyAborted: await outcome(worker.validate('customers', csv, { signal: AbortSignal.abort() })),
      abortedMidway: await running,
      unknownOption: await outcome(worker.validate('customers', csv, { maxIssue: 5 })),
      unknownKind: await outcome(worker.validate('vouchers', csv)),
      functionOption: await outcome(worker.validate('customers', csv, { products: () => 'x' })),
      afterwards: await outcome(worker.validate('customers', csv)),
    };
    const pending = outcome(worker.validate('customers', new Blob([header, big])));
    worker.terminate();
    results.terminated = await pending;
    results.afterTermination = await outcome(worker.validate('customers', csv));
    return results;
  }, MIXED);
  const aborted = { typed: true, code: 'aborted', message: 'the CSV check was cancelled' };
  assert.deepEqual(outcomes.alreadyAborted, aborted);
  assert.deepEqual(outcomes.abortedMidway, aborted);
  assert.equal(outcomes.unknownOption.code, 'invalid_options');
  assert.equal(outcomes.unknownOption.typed, true);
  assert.equal(outcomes.unknownKind.typed, true);
  assert.match(outcomes.unknownKind.code, /^invalid_(argument|options)$/);
  assert.equal(outcomes.functionOption.code, 'invalid_argument');
  assert.deepEqual(outcomes.afterwards, { ok: 9 });
  assert.deepEqual(outcomes.terminated, { typed: true, code: 'aborted', message: 'the CSV worker was terminated' });
  assert.deepEqual(outcomes.afterTermination, outcomes.terminated);
});

test('a cancelled check frees the worker within about a megabyte, for bytes and text as for files', async () => {
  const timings = await page.evaluate(async (csv) => {
    const { createCsvWorker } = await import('/pkg/index.js');
    const worker = createCsvWorker();
    const header = csv.slice(0, csv.indexOf('\n') + 1);
    const body = csv.slice(header.length);
    const text = header + body.repeat(Math.ceil((24 << 20) / body.length));
    const bytes = new TextEncoder().encode(text);
    const small = () => worker.validate('customers', csv);
    const timed = async (run) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const whole = await timed(() => worker.validate('customers', bytes));
    const afterCancel = {};
    for (const [name, input] of Object.entries({ bytes, text, blob: new Blob([bytes]) })) {
      const controller = new AbortController();
      const cancelled = worker.validate('customers', input, { signal: controller.signal }).catch((error) => error.code);
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      afterCancel[name] = { code: await cancelled, ms: await timed(small) };
    }
    worker.terminate();
    return { whole, afterCancel };
  }, MIXED);
  for (const [name, { code, ms }] of Object.entries(timings.afterCancel)) {
    assert.equal(code, 'aborted', name);
    assert.ok(ms < timings.whole / 2, `${name}: the next check waited ${Math.round(ms)} ms; a whole check takes ${Math.round(timings.whole)} ms`);
  }
});

test('a worker module that cannot load rejects its checks with init_failed', async () => {
  const outcome = await page.evaluate(async () => {
    const { createCsvWorker } = await import('/pkg/index.js');
    const worker = createCsvWorker({ url: '/pkg/no-such-worker.js' });
    const first = await worker.validate('customers', 'Name\n').catch((error) => ({ name: error.name, code: error.code }));
    const second = await worker.validate('customers', 'Name\n').catch((error) => error.code);
    return { first, second };
  });
  assert.deepEqual(outcome, { first: { name: 'VoucherifySyncError', code: 'init_failed' }, second: 'init_failed' });
});

test('an Excel file (UTF-16LE, tabs) and every Windows-1252 byte convert in the worker as Chromium decodes them', async () => {
  const excel = [...readFileSync(fileURLToPath(new URL('../fixtures/csv/excel/unicode-text-utf16le.txt', import.meta.url)))];
  const expectedCleaned = readFileSync(fileURLToPath(new URL('../fixtures/csv/excel/unicode-text-utf16le.cleaned.csv', import.meta.url)), 'utf8');
  const result = await page.evaluate(async (excelBytes) => {
    const { createCsvWorker } = await import('/pkg/index.js');
    const worker = createCsvWorker();
    const excel = await worker.validate('customers', new Blob([new Uint8Array(excelBytes)]));
    const high = Uint8Array.from({ length: 128 }, (_, index) => 128 + index);
    const bytes = new Uint8Array([...new TextEncoder().encode('source_id,name\nc1,x'), ...high, ...new TextEncoder().encode('x\n')]);
    const windows1252 = await worker.validate('customers', new Blob([bytes]));
    worker.terminate();
    return {
      excelCode: excel.report.issues[0].code,
      excelMessage: excel.report.issues[0].message,
      excelCleaned: await excel.cleaned.text(),
      cleanedName: (await windows1252.cleaned.text()).split('\n')[1].slice(3),
      decoded: `x${new TextDecoder('windows-1252').decode(high)}x`,
    };
  }, excel);
  assert.equal(result.excelCode, 'csv_converted');
  assert.match(result.excelMessage, /read as UTF-16LE, delimiter tab/);
  assert.equal(result.excelCleaned, expectedCleaned);
  assert.equal(result.cleanedName, result.decoded);
  assert.equal(result.decoded.slice(1, 2), '\u20ac', 'Chromium decodes 0x80 as the euro sign');
});

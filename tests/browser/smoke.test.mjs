// smoke.test.mjs: the browser entry of the package loads and validates in a real headless
// Chromium, served over HTTP like a user's page would be.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { listOperations } from '../../pkg/node.js';
import { startStaticServer } from './static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

let server;
let browser;

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is not installed at ${CHROMIUM}; run \`make setup\`, which installs it with apt-get`);
  }
  server = await startStaticServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('validates a customer and an order with the browser entry after init()', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  const wasmContentTypes = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.wasm')) wasmContentTypes.push(response.headers()['content-type']);
  });

  await page.goto(`${server.url}tests/browser/smoke.html`);
  await page.waitForFunction(() => window.smoke !== undefined, null, { timeout: 30_000 });
  const smoke = await page.evaluate(() => window.smoke);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}smoke.png`, fullPage: true });

  assert.equal(smoke.failure, undefined, smoke.failure);
  assert.deepEqual(smoke.beforeInit, { isTyped: true, code: 'not_initialized' });
  assert.deepEqual(wasmContentTypes, ['application/wasm'], 'the .wasm is fetched once, as application/wasm');
  assert.equal(smoke.customer.valid, false);
  assert.deepEqual(
    smoke.customer.issues.map(({ code, severity, path }) => ({ code, severity, path })),
    [{ code: 'invalid_format', severity: 'error', path: '/birthdate' }],
  );
  assert.deepEqual(smoke.order, { valid: true, issues: [] });
  assert.equal(smoke.operations, listOperations().length);
  assert.deepEqual(problems, []);
});

// storefront.test.mjs: the storefront entry of the package (voucherify-sync/storefront) loads
// its own, smaller wasm and validates and prepares a stackable request in a real headless
// Chromium, served over HTTP like a shop's page would be.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import * as storefront from '../../pkg/storefront.js';
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

test('the storefront entry loads its own wasm, validates a payload and prepares a stackable request', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  const loaded = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/pkg/')) loaded.push({ path, type: response.headers()['content-type'] });
  });

  await page.goto(`${server.url}tests/browser/storefront.html`);
  await page.waitForFunction(() => window.storefront !== undefined, null, { timeout: 30_000 });
  const result = await page.evaluate(() => window.storefront);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}storefront.png`, fullPage: true });

  assert.equal(result.failure, undefined, result.failure);
  assert.deepEqual(result.exports, Object.keys(storefront).sort());
  assert.deepEqual(result.beforeInit, { isTyped: true, code: 'not_initialized' });
  const wasm = loaded.filter(({ path }) => path.endsWith('.wasm'));
  assert.deepEqual(wasm, [{ path: '/pkg/wasm-storefront/voucherify_sync_bg.wasm', type: 'application/wasm' }], 'the storefront wasm is fetched once');
  for (const module of ['/pkg/csv.js', '/pkg/sync.js', '/pkg/csv-worker-client.js', '/pkg/api.js', '/pkg/index.js']) {
    assert.ok(!loaded.some(({ path }) => path === module), `the storefront page loaded ${module}`);
  }

  assert.equal(result.customer.valid, false);
  assert.deepEqual(
    result.customer.issues.map(({ code, severity, path }) => ({ code, severity, path })),
    [{ code: 'invalid_format', severity: 'error', path: '/birthdate' }],
  );
  assert.equal(result.prepared.valid, true, JSON.stringify(result.prepared.issues));
  assert.deepEqual(result.prepared.body, {
    redeemables: [{ object: 'voucher', id: 'SUMMER10' }, { object: 'voucher', id: 'GIFT-2000', gift: { credits: 2000 } }],
    order: { amount: 10000, items: [{ product_id: 'prod_tee', price: 2500, quantity: 4, amount: 10000 }] },
    customer: { email: 'Ann.Smith@example.com', source_id: 'CRM-1001' },
    session: { type: 'LOCK' },
  });
  assert.deepEqual(result.prepared.applicationOrder.map(({ id, position }) => [id, position]), [['SUMMER10', 0], ['GIFT-2000', 1]]);
  assert.deepEqual(result.strict, { isTyped: true, code: 'invalid_cart' });
  assert.deepEqual(problems, []);
});

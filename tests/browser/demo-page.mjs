// demo-page.mjs: what the demo page tests share: headless Chromium, opening www/ with every
// request the page (and its worker) makes recorded, the checks on those requests, screenshots,
// and generated customer CSV files.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 720 };

/** Launches headless Chromium, or fails with how to install it. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium is not installed at ${CHROMIUM}; run \`make setup\`, which installs it with apt-get`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens the demo page in a fresh context at `#view` (none when empty) and waits until it is ready.
 * @returns {Promise<{ page, context, requests: object[], problems: string[], dialogs: string[] }>}
 *   `requests` holds every request of the page and its worker, `problems` page errors and
 *   console errors, `dialogs` any alert/confirm/prompt text
 */
export async function openDemo(browser, server, { view = 'csv', viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const requests = [];
  const problems = [];
  const dialogs = [];
  context.on('request', (request) => {
    requests.push({ url: request.url(), method: request.method(), body: request.postDataBuffer(), response: null });
  });
  context.on('response', (response) => {
    const entry = requests.findLast((request) => request.url === response.url() && request.response === null);
    if (entry) entry.response = response.status();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`${server.url}www/${view ? `#${view}` : ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, context, requests, problems, dialogs };
}

/**
 * Every request went to the local server, for a file of the repository (answered 200), and
 * carried no body: nothing of a file or a cart left the page.
 */
export function assertOnlyLocalRequests(requests, server) {
  assert.ok(requests.length > 0, 'requests were recorded');
  const origin = new URL(server.url).origin;
  for (const request of requests) {
    if (request.url.startsWith('blob:') || request.url.startsWith('data:')) {
      assert.ok(request.url.startsWith(`blob:${origin}/`) || request.url.startsWith('data:'), `a foreign blob: ${request.url}`);
    } else {
      assert.equal(new URL(request.url).origin, origin, `a request left the local server: ${request.method} ${request.url}`);
      const path = new URL(request.url).pathname;
      assert.match(path, /^\/(www|pkg)\//, `a request outside www/ and pkg/: ${path}`);
      assert.ok(request.response === null || request.response === 200, `${path} answered ${request.response}`);
    }
    assert.equal(request.method, 'GET', `${request.method} ${request.url}`);
    assert.equal(request.body, null, `a request carried a body: ${request.url}`);
  }
}

/** Saves a full-page screenshot to tests/browser/screenshots/ (ignored by git) for a person to look at. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => {
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** The page is no wider than the viewport: nothing makes it scroll sideways. */
export async function assertNoSidewaysScroll(page) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((element) => `<${element.tagName.toLowerCase()} id="${element.id}" class="${element.className}">`)
      .slice(0, 5),
  }));
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth}px wide in a ${innerWidth}px viewport: ${widest.join(', ')}`);
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'voucherify-sync-demo-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export const CUSTOMER_HEADER = 'Name,Source_id,Email,Phone,Address_City,Postal_Code,Birthdate,vip_level,Notes\n';

/** One customer row; every `badEvery`th row has an impossible birthdate. */
export function customerRow(index, badEvery = 0) {
  const bad = badEvery > 0 && index % badEvery === badEvery - 1;
  return `Customer ${index},c-${index},user${index}@example.com,+48 600 100 ${String(index % 1000).padStart(3, '0')},Warsaw,00-001,${bad ? '1990-02-30' : '1990-07-03'},gold,a note about customer ${index}\n`;
}

/**
 * Writes a customers CSV of at least `bytes` bytes to `path`.
 * @returns {Promise<{ rows: number, bytes: number }>}
 */
export async function writeCustomersCsv(path, bytes, badEvery = 0) {
  const out = createWriteStream(path);
  let written = 0;
  let rows = 0;
  const write = (text) => {
    written += Buffer.byteLength(text);
    return out.write(text) ? null : new Promise((resolve) => out.once('drain', resolve));
  };
  await write(CUSTOMER_HEADER);
  while (written < bytes) {
    let chunk = '';
    for (let i = 0; i < 1000; i += 1) chunk += customerRow(rows++, badEvery);
    await write(chunk);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return { rows, bytes: written };
}

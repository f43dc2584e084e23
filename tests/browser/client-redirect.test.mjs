// client-redirect.test.mjs: in a real headless Chromium, the storefront client refuses a redirect
// from the API (a browser gives it an opaque redirect of status 0 under `redirect: 'manual'`),
// so the client token never reaches the origin the redirect points to.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const TOKEN = 'ct_browser_public_token_0123';
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, x-client-application-id, x-client-token',
  'access-control-allow-methods': 'POST',
};

/** A server on its own port (so its own origin) that answers CORS preflights and POSTs with `answer`. */
async function startOrigin(answer) {
  const requests = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, CORS).end();
        return;
      }
      requests.push({ path: request.url, headers: request.headers });
      const { status, headers, body } = answer();
      response.writeHead(status, { ...CORS, 'content-type': 'application/json', ...headers }).end(body ?? '');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

let server;
let browser;

before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is not installed at ${CHROMIUM}; run \`make setup\``);
  server = await startStaticServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a 307 from the API is redirect_refused in a browser (status 0), and the other origin receives nothing', async () => {
  const other = await startOrigin(() => ({ status: 200, body: JSON.stringify({ valid: true, redeemables: [] }) }));
  const api = await startOrigin(() => ({ status: 307, headers: { location: `${other.url}/client/v1/validations` } }));
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}tests/browser/storefront.html`);
    const outcome = await page.evaluate(async ({ apiUrl, token }) => {
      const { createClient } = await import('/pkg/storefront.js');
      const client = createClient({ clientApplicationId: 'client-app-id', clientToken: token, apiUrl, maxRetries: 2 });
      try {
        return { resolved: await client.validate('{"redeemables":[{"object":"voucher","id":"A"}]}') };
      } catch (error) {
        return { name: error.name, code: error.code, status: error.status, message: error.message };
      }
    }, { apiUrl: api.url, token: TOKEN });
    assert.equal(outcome.code, 'redirect_refused', JSON.stringify(outcome));
    assert.equal(outcome.name, 'VoucherifyRequestError');
    assert.equal(outcome.status, 0, 'a browser hides the status of a manual redirect');
    assert.ok(!outcome.message.includes(TOKEN));
    assert.equal(api.requests.length, 1, 'a redirect is not retried');
    assert.equal(api.requests[0].headers['x-client-token'], TOKEN);
    assert.deepEqual(other.requests, [], 'the redirect was followed');
    await page.close();
  } finally {
    await api.close();
    await other.close();
  }
});

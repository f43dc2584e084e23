// demo-stackable.test.mjs: the stackable request builder of the demo page (www/) in headless
// Chromium: the body, issues and application order follow the form as the package prepares them
// in Node; nothing is sent until sending is turned on, and the client keys are never stored.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { prepareStackableRequest } from '../../pkg/node.js';
import {
  assertNoSidewaysScroll, assertOnlyLocalRequests, launchChromium, NARROW, openDemo, screenshot,
} from './demo-page.mjs';
import { startStaticServer } from './static-server.mjs';

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The cart the tests type, and the options it is prepared with. */
const CART = {
  codes: ['SUMMER10', 'WINTER5'],
  giftCards: [{ code: 'GIFT-2000', credits: 2000 }],
  loyaltyCards: [{ code: 'LOY-1', rewardId: 'rew_1', points: 100 }],
  promotionTiers: ['promo_tier_1'],
  items: [{ productId: 'prod_tee', price: 2500, quantity: 2 }, { skuId: 'sku_mug', price: 1500, quantity: 1 }],
  customer: { Source_id: 'CRM-1001', Name: 'Ann Smith', Email: 'Ann.Smith@Example.COM' },
  session: { key: 'session-1', ttl: 7, ttlUnit: 'DAYS' },
};
const OPTIONS = { operation: 'POST /client/v1/validations', stackingRules: { applicable_redeemables_limit: 3 } };

/** Types CART into the form (the page starts with one item, prod_tee 2500 × 2, and SUMMER10). */
async function typeCart(page) {
  await page.fill('#cart-codes', 'SUMMER10\nWINTER5');
  await page.fill('#cart-tiers', 'promo_tier_1');
  await page.click('#add-gift-card');
  const gift = page.locator('#gift-cards .row').nth(0);
  await gift.locator('[data-name="code"]').fill('GIFT-2000');
  await gift.locator('[data-name="credits"]').fill('2000');
  await page.click('#add-loyalty-card');
  const loyalty = page.locator('#loyalty-cards .row').nth(0);
  await loyalty.locator('[data-name="code"]').fill('LOY-1');
  await loyalty.locator('[data-name="rewardId"]').fill('rew_1');
  await loyalty.locator('[data-name="points"]').fill('100');
  await page.click('#add-item');
  const mug = page.locator('#items .row').nth(1);
  await mug.locator('[data-name="kind"]').selectOption('skuId');
  await mug.locator('[data-name="id"]').fill('sku_mug');
  await mug.locator('[data-name="price"]').fill('1500');
  await mug.locator('[data-name="quantity"]').fill('1');
  await page.fill('#customer-source-id', 'CRM-1001');
  await page.fill('#customer-name', 'Ann Smith');
  await page.fill('#customer-email', 'Ann.Smith@Example.COM');
  await page.check('#session-lock');
  await page.fill('#session-key', 'session-1');
  await page.fill('#session-ttl', '7');
  await page.selectOption('#session-ttl-unit', 'DAYS');
  await page.fill('#stacking-rules', '{"applicable_redeemables_limit": 3}');
}

async function shownBody(page) {
  return JSON.parse(await page.textContent('#prepared-body'));
}

function shownIssues(page) {
  return page.$$eval('#prepared-issue-list li', (items) => items.map((item) => ({
    code: item.querySelector('.issue-code').textContent,
    severity: item.querySelector('.badge').textContent,
    path: item.querySelector('.issue-path').textContent,
    message: item.querySelector('.issue-message').textContent,
  })));
}

test('the body, issues and application order follow the cart as the package prepares it', async () => {
  const { page, context, requests, problems } = await openDemo(browser, server, { view: 'stackable' });
  assert.deepEqual(await shownBody(page), prepareStackableRequest({
    codes: ['SUMMER10'], items: [{ productId: 'prod_tee', price: 2500, quantity: 2 }],
  }, { operation: OPTIONS.operation }).body, 'the starting cart');

  await typeCart(page);
  const expected = prepareStackableRequest(CART, OPTIONS);
  assert.deepEqual(await shownBody(page), expected.body);
  assert.equal(expected.body.redeemables.length, 5);
  assert.deepEqual(expected.body.session, { key: 'session-1', ttl: 7, ttl_unit: 'DAYS', type: 'LOCK' });
  assert.equal(expected.body.customer.email, 'Ann.Smith@example.com');
  assert.deepEqual(await shownIssues(page), expected.issues);
  assert.match(await page.textContent('#prepared-status'), /^Ready to send: no errors, 2 warnings\.$/);

  const order = await page.$$eval('#application-order-list li', (items) => items.map((item) => item.textContent));
  assert.deepEqual(order, [
    'SUMMER10 voucher, common',
    'WINTER5 voucher, common',
    'GIFT-2000 voucher, common',
    'LOY-1 voucher, commonskipped: applicable_redeemables_limit_exceeded',
    'promo_tier_1 promotion tier, commonskipped: applicable_redeemables_limit_exceeded',
  ]);
  assert.deepEqual(expected.applicationOrder.map((placement) => placement.id), ['SUMMER10', 'WINTER5', 'GIFT-2000', 'LOY-1', 'promo_tier_1']);

  await screenshot(page, 'stackable-desktop');
  await page.setViewportSize(NARROW);
  await assertNoSidewaysScroll(page);
  await screenshot(page, 'stackable-320');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A price in units instead of cents is reported at once, with the path into the body.
  await page.locator('#items .row').nth(0).locator('[data-name="price"]').fill('19.99');
  assert.deepEqual((await shownIssues(page)).find((issue) => issue.code === 'not_integer_cents'), {
    code: 'not_integer_cents',
    severity: 'error',
    path: '/body/order/items/0/price',
    message: 'price must be an integer amount in cents (1999 for 19.99), not 19.99',
  });
  assert.match(await page.textContent('#prepared-status'), /^Not ready: 1 error, 2 warnings\.$/);

  // Malformed stacking rules: the field is marked, and the alert says the body is out of date.
  await page.fill('#stacking-rules', '{"applicable_redeemables_limit": ');
  assert.equal(await page.getAttribute('#stacking-rules', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#stacking-rules-error'), /^Not valid JSON: /);
  assert.equal(await page.textContent('#prepared-error'), 'The stacking rules are not valid JSON; the request below is out of date.');
  await page.fill('#stacking-rules', '');
  assert.equal(await page.getAttribute('#stacking-rules', 'aria-invalid'), null);
  assert.equal(await page.textContent('#prepared-error'), '');

  assertOnlyLocalRequests(requests, server);
  assert.deepEqual(problems, []);
  await context.close();
});

test('sends nothing until sending is turned on, then the prepared body with the client keys only, storing none', async () => {
  const { page, context, requests, problems } = await openDemo(browser, server, { view: 'stackable' });
  const sent = [];
  await context.route('https://api.voucherify.io/**', async (route) => {
    const request = route.request();
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type, x-client-application-id, x-client-token',
      'access-control-allow-methods': 'POST',
    };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    sent.push({ url: request.url(), headers: await request.allHeaders(), body: request.postDataJSON() });
    const body = request.postDataJSON();
    return route.fulfill({
      status: 200,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify({
        valid: true,
        redeemables: body.redeemables.map((redeemable) => ({ ...redeemable, status: 'APPLICABLE', order: { discount_amount: 500 } })),
        order: { amount: 5000, discount_amount: 500, total_amount: 4500 },
      }),
    });
  });
  await typeCart(page);
  assert.equal(await page.isChecked('#send-enabled'), false, 'sending is off by default');
  assert.equal(await page.isDisabled('#send-button'), true);
  assert.equal(await page.isDisabled('#send-token'), true);

  await page.check('#send-enabled');
  await page.fill('#send-app-id', 'client-app-id-123');
  await page.fill('#send-token', 'client-token-456');
  await page.click('#send-button');
  await page.waitForFunction(() => document.getElementById('send-status').textContent === 'The API answered.' || document.getElementById('send-error').textContent !== '');
  assert.equal(await page.textContent('#send-error'), '');

  assert.equal(sent.length, 1);
  assert.equal(sent[0].url, 'https://api.voucherify.io/client/v1/validations');
  assert.equal(sent[0].headers['x-client-application-id'], 'client-app-id-123');
  assert.equal(sent[0].headers['x-client-token'], 'client-token-456');
  assert.equal(sent[0].headers['x-app-token'], undefined);
  assert.deepEqual(sent[0].body, prepareStackableRequest(CART, OPTIONS).body);
  const outcomes = await page.$$eval('#send-result .outcomes li', (items) => items.map((item) => item.textContent));
  assert.equal(outcomes.length, 5);
  assert.match(await page.textContent('#send-result'), /total 4500/);

  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '' });
  assert.deepEqual(await context.cookies(), []);
  // Before sending, every request stayed on the local server and carried no body.
  assertOnlyLocalRequests(requests.filter((request) => !request.url.startsWith('https://api.voucherify.io/')), server);
  assert.deepEqual(problems, []);
  await context.close();
});

test('at 375 px the verdict on the prepared request stays in view, with a link down to the request', async () => {
  const { page, context, problems } = await openDemo(browser, server, { view: 'stackable' });
  const phone = { width: 375, height: 667 };
  await page.setViewportSize(phone);
  await assertNoSidewaysScroll(page);
  const inView = (selector) => page.$eval(selector, (element, height) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= height;
  }, phone.height);
  // The request itself is far down the page, below the long form.
  const requestTop = await page.$eval('#prepared-title', (element) => element.getBoundingClientRect().top + window.scrollY);
  assert.ok(requestTop > 2 * phone.height, `the request starts at ${requestTop} px`);
  for (const field of ['#cart-codes', '#customer-email', '#categories']) {
    await page.focus(field);
    await page.$eval(field, (element) => element.scrollIntoView({ block: 'center' }));
    assert.equal(await inView('#prepared-status'), true, `the verdict is in view at ${field}`);
    assert.match(await page.textContent('#prepared-status'), /^(Ready to send|Not ready)/);
    assert.equal(await inView('.to-prepared'), true);
  }
  // A bad email is the same warning as in a CSV check, never an error.
  await page.fill('#customer-email', 'not-an-email');
  await page.waitForFunction(() => /warning/.test(document.getElementById('prepared-status').textContent));
  const emailIssue = await page.$eval('#prepared-issue-list', (list) => [...list.querySelectorAll('li')].map((item) => item.textContent).find((text) => /email/.test(text)));
  assert.match(emailIssue, /warning/);
  assert.match(await page.textContent('#prepared-status'), /^Ready to send: no errors/);
  await page.click('.to-prepared');
  await page.waitForFunction((height) => {
    const box = document.getElementById('prepared-title').getBoundingClientRect();
    return box.top >= 0 && box.bottom <= height;
  }, phone.height, { timeout: 5000 });
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.isVisible('.to-prepared'), false, 'two columns need no link');
  assert.deepEqual(problems, []);
  await context.close();
});

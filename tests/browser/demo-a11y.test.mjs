// demo-a11y.test.mjs: the demo page (www/) can be used without a mouse and without sight: every
// control has a name, both views work from the keyboard, errors land in live regions, and
// nothing scrolls sideways at 320 px.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoSidewaysScroll, launchChromium, NARROW, openDemo, DESKTOP } from './demo-page.mjs';
import { startStaticServer } from './static-server.mjs';

const MIXED = fileURLToPath(new URL('../fixtures/csv/customers_mixed.csv', import.meta.url));

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

/** Visible controls without an accessible name (a label, aria-label(ledby), or text for buttons and links). */
function unnamedControls(page) {
  return page.evaluate(() => {
    const named = (element) => {
      if (element.getAttribute('aria-label')?.trim()) return true;
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy && labelledBy.split(' ').every((id) => document.getElementById(id)?.textContent.trim())) return true;
      if (element.matches('button, a')) return element.textContent.trim() !== '';
      return [...(element.labels ?? [])].some((label) => label.textContent.trim() !== '');
    };
    return [...document.querySelectorAll('input, select, textarea, button, a[href], [tabindex="0"]')]
      .filter((element) => element.getClientRects().length > 0 && !named(element))
      .map((element) => element.outerHTML.slice(0, 120));
  });
}

/** Presses Tab until `selector` has the focus (at most `limit` times). */
async function tabTo(page, selector, limit = 60) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

for (const viewport of [DESKTOP, NARROW]) {
  test(`every control has a name and nothing scrolls sideways, ${viewport.width} px wide`, async () => {
    const { page, context, problems } = await openDemo(browser, server, { viewport });
    await page.setInputFiles('#csv-file', MIXED);
    await page.click('#csv-check');
    await page.waitForSelector('#csv-report:not([hidden])');
    assert.deepEqual(await unnamedControls(page), [], 'the CSV view with a report');
    await assertNoSidewaysScroll(page);

    await page.click('a[href="#stackable"]');
    await page.click('#add-gift-card');
    await page.click('#add-loyalty-card');
    assert.deepEqual(await unnamedControls(page), [], 'the stackable view');
    await assertNoSidewaysScroll(page);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the CSV check works from the keyboard, and a missing file is announced', async () => {
  const { page, context, problems } = await openDemo(browser, server, { view: '' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'the skip link comes first');

  await tabTo(page, '#csv-check');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#csv-error', 'role'), 'alert');
  assert.equal(await page.textContent('#csv-error'), 'Choose a CSV file first.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'csv-file', 'the focus goes to the file field');

  // A native file input is keyboard operable by the browser itself (Space opens the chooser);
  // the chooser event of a headless browser is not reliable under load, so the file is set on
  // the focused input directly.
  assert.equal(await page.evaluate(() => document.activeElement.type), 'file');
  await page.setInputFiles('#csv-file', MIXED);
  await tabTo(page, '#csv-check');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#csv-report:not([hidden])');
  assert.equal(await page.getAttribute('#csv-status', 'role'), 'status');
  assert.match(await page.textContent('#csv-status'), /^Checked “customers_mixed\.csv”: 9 rows/);
  assert.equal(await page.textContent('#csv-error'), '');

  // A code's List button filters the table and moves the focus to the filter.
  await tabTo(page, '#codes-table tr[data-code="missing_identifier"] button');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'issue-filter');
  assert.equal(await page.textContent('#issue-range'), 'Issues 1–1 of 1 (missing_identifier)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the stackable builder works from the keyboard: switching views, adding and removing rows', async () => {
  const { page, context, problems } = await openDemo(browser, server);
  await tabTo(page, 'a[href="#stackable"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'stackable-title');
  assert.equal(await page.isVisible('#stackable'), true);
  assert.equal(await page.isHidden('#csv'), true);
  assert.equal(await page.getAttribute('a[href="#stackable"]', 'aria-current'), 'page');

  await tabTo(page, '#add-item');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => ({ row: document.activeElement.closest('.row')?.getAttribute('aria-label'), name: document.activeElement.dataset.name }));
  assert.deepEqual(focused, { row: 'item 2', name: 'kind' }, 'the focus moves into the new row');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sku_mug');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1500');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  const body = JSON.parse(await page.textContent('#prepared-body'));
  assert.deepEqual(body.order.items[1], { amount: 4500, price: 1500, product_id: 'sku_mug', quantity: 3 });

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Remove item 2');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#items .row').count(), 1);
  assert.equal(JSON.parse(await page.textContent('#prepared-body')).order.items.length, 1);

  // The skip link keeps the view it is used on.
  await page.evaluate(() => document.querySelector('.skip-link').focus());
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('#stackable'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

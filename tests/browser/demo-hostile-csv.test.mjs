// demo-hostile-csv.test.mjs: the demo page (www/) in headless Chromium on the file that once
// made it show "Unexpected end of JSON input": one 900 KB header name and 1,000 rows of `=x`
// (908 KB, generated here). The page shows the report, with the column name shortened.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium, openDemo } from './demo-page.mjs';
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

test('a 900 KB header name and 1,000 formula rows: the page shows the report, not an error', async () => {
  const { page, context, problems } = await openDemo(browser, server);
  try {
    const buffer = Buffer.from(`${'h'.repeat(900 * 1024)}\n${'=x\n'.repeat(1000)}`);
    await page.selectOption('#csv-kind', 'customers');
    await page.setInputFiles('#csv-file', { name: 'amplify.csv', mimeType: 'text/csv', buffer });
    await page.click('#csv-check');
    await page.waitForSelector('#csv-report:not([hidden])', { timeout: 120_000 });
    assert.equal(await page.textContent('#csv-error'), '');
    const counts = await page.$$eval('#csv-counts [data-count]', (cells) => Object.fromEntries(cells.map((cell) => [cell.dataset.count, cell.textContent])));
    assert.equal(counts.rows, '1,000');
    const columns = await page.$$eval('#issue-table tbody tr', (rows) => rows.map((row) => row.cells[2].textContent));
    assert.ok(columns.length > 0);
    for (const column of columns) assert.ok(column.length <= 80, `a column of ${column.length} characters`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

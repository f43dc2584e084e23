// demo-csv.test.mjs: the CSV check view of the demo page (www/) in headless Chromium: the report
// of a file with known errors, downloads equal to what the package produces in Node, cancelling
// a large file, markup in cells shown as text, and a paged table of 100 000 issues.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateCsvWithOutputs } from '../../pkg/node.js';
import {
  assertNoSidewaysScroll, assertOnlyLocalRequests, CUSTOMER_HEADER, customerRow, launchChromium, NARROW, openDemo,
  screenshot, temporaryFolder, writeCustomersCsv,
} from './demo-page.mjs';
import { startStaticServer } from './static-server.mjs';

const MIXED = fileURLToPath(new URL('../fixtures/csv/customers_mixed.csv', import.meta.url));
const BIN = fileURLToPath(new URL('../../pkg/bin/voucherify-sync.js', import.meta.url));

let server;
let browser;
let scratch;

before(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
  scratch = temporaryFolder();
});

after(async () => {
  await browser?.close();
  await server?.close();
  scratch?.remove();
});

/** Chooses `file` (a path, or `{ name, mimeType, buffer }`), checks it and waits for the report. */
async function checkFile(page, file, kind = 'customers') {
  await page.selectOption('#csv-kind', kind);
  await page.setInputFiles('#csv-file', file);
  await page.click('#csv-check');
  await page.waitForSelector('#csv-report:not([hidden])', { timeout: 60_000 });
}

/** The counts the page shows, by their data-count key. */
function shownCounts(page) {
  return page.$$eval('#csv-counts [data-count]', (cells) => Object.fromEntries(cells.map((cell) => [cell.dataset.count, cell.textContent])));
}

/** The rows of the issue table as objects keyed by header. */
function shownIssues(page) {
  return page.$$eval('#issue-table tbody tr', (rows) => rows.map((row) => {
    const [rowNumber, line, column, severity, code, value, message] = [...row.cells].map((cell) => cell.textContent);
    return { row: rowNumber, line, column, severity, code, value, message };
  }));
}

async function downloadText(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('reports a customers file with known errors; the cleaned file and failed rows match the package in Node', async (t) => {
  const { page, context, requests, problems, dialogs } = await openDemo(browser, server);
  const expected = await validateCsvWithOutputs('customers', readFileSync(MIXED));
  await checkFile(page, MIXED);

  const { time, ...counts } = await shownCounts(page);
  assert.deepEqual(counts, { rows: '9', validRows: '5', invalidRows: '4', errors: '4', warnings: '4', bytes: '609 B' });
  assert.match(time, /^\d+\.\d s$/);
  assert.equal(expected.report.rows, 9);
  assert.match(await page.textContent('#csv-status'), /Checked “customers_mixed\.csv”: 9 rows, 4 invalid; 4 errors, 4 warnings\./);

  const codes = await page.$$eval('#codes-table tbody tr', (rows) => Object.fromEntries(rows.map((row) => [row.dataset.code, Number(row.cells[1].textContent)])));
  assert.deepEqual(codes, expected.report.countsByCode);

  const issues = await shownIssues(page);
  assert.equal(issues.length, expected.report.issues.length);
  // The row without a source_id: data row 6, but line 10 of the file (a quoted cell spans lines).
  assert.deepEqual(issues.find((issue) => issue.code === 'missing_identifier'), {
    row: '6', line: '10', column: 'Source_id', severity: 'error', code: 'missing_identifier', value: '',
    message: 'the row needs a source_id or an id',
  });
  assert.deepEqual(issues.find((issue) => issue.code === 'invalid_format' && issue.column === 'Birthdate'), {
    row: '2', line: '3', column: 'Birthdate', severity: 'error', code: 'invalid_format', value: '1985-02-30',
    message: 'birthdate must be a real date written YYYY-MM-DD',
  });
  assert.equal(issues.find((issue) => issue.code === 'csv_field_count').column, '(whole row)');

  const chart = await page.$$eval('#column-chart li', (items) => items.map((item) => [item.querySelector('.chart-label').textContent, item.querySelector('.chart-count').firstChild.textContent]));
  assert.deepEqual(Object.fromEntries(chart), { '(whole row)': '2', Notes: '2', Source_id: '2', Birthdate: '1', Email: '1' });

  const cleaned = await downloadText(page, '#download-cleaned');
  assert.equal(cleaned.name, 'customers_mixed.cleaned.csv');
  assert.equal(cleaned.text, await expected.cleaned.text());
  const failed = await downloadText(page, '#download-failed');
  assert.equal(failed.name, 'customers_mixed.failed.csv');
  assert.equal(failed.text, await expected.failed.text());
  const part = await downloadText(page, '#download-part-1');
  assert.equal(part.name, 'customers_mixed.part-001.csv');
  assert.equal(part.text, await expected.parts[0].text());

  await t.test('the CLI check-csv --out-dir writes the same files under the same names', async (sub) => {
    const outDir = join(scratch.folder, 'cli-out');
    const run = spawnSync(process.execPath, [BIN, 'check-csv', 'customers', MIXED, '--out-dir', outDir], { encoding: 'utf8' });
    if (/unknown command/.test(run.stderr)) {
      sub.skip('this build of the CLI has no check-csv command');
      return;
    }
    assert.equal(run.status, 1, `exit 1 for a file with errors: ${run.stderr}`);
    assert.deepEqual(readdirSync(outDir).sort(), [cleaned.name, failed.name, part.name].sort());
    assert.equal(readFileSync(join(outDir, cleaned.name), 'utf8'), cleaned.text);
    assert.equal(readFileSync(join(outDir, failed.name), 'utf8'), failed.text);
    assert.equal(readFileSync(join(outDir, part.name), 'utf8'), part.text);
  });

  await screenshot(page, 'csv-report-desktop');
  await page.setViewportSize(NARROW);
  await assertNoSidewaysScroll(page);
  await screenshot(page, 'csv-report-320');

  assertOnlyLocalRequests(requests, server);
  assert.deepEqual(problems, []);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('cancels a large file mid-way, then checks another file with the same worker', async () => {
  const { page, context, requests, problems } = await openDemo(browser, server);
  const large = join(scratch.folder, 'large-customers.csv');
  const { bytes } = await writeCustomersCsv(large, 40 * 1024 * 1024);
  await page.setInputFiles('#csv-file', large);
  await page.click('#csv-check');
  // Cancel from inside the page at the first progress, however fast this machine checks.
  const runningButtons = await page.evaluate(() => new Promise((resolve) => {
    const bar = document.getElementById('csv-progress-bar');
    const poll = () => {
      if (Number(bar.value) === 0) return requestAnimationFrame(poll);
      const buttons = { check: document.getElementById('csv-check').disabled, cancel: document.getElementById('csv-cancel').disabled };
      document.getElementById('csv-cancel').click();
      return resolve(buttons);
    };
    poll();
  }));
  assert.deepEqual(runningButtons, { check: true, cancel: false }, 'only Cancel is on while a check runs');
  await page.waitForFunction(() => /Cancelled/.test(document.getElementById('csv-status').textContent), null, { timeout: 10_000 });

  const done = await page.$eval('#csv-progress-bar', (bar) => bar.value);
  assert.ok(done > 0 && done < bytes, `cancelled part-way: ${done} of ${bytes} bytes`);
  assert.match(await page.textContent('#csv-status'), /^Cancelled the check of “large-customers\.csv” after \d/);
  assert.equal(await page.isHidden('#csv-report'), true);
  assert.equal(await page.isHidden('#csv-progress'), true);
  assert.equal(await page.isEnabled('#csv-check'), true);
  assert.equal(await page.isDisabled('#csv-cancel'), true);
  assert.equal(await page.textContent('#csv-error'), '');

  await checkFile(page, MIXED);
  assert.equal((await shownCounts(page)).rows, '9');
  assertOnlyLocalRequests(requests, server);
  assert.deepEqual(problems, []);
  await context.close();
});

test('shows markup in cells, headers and the file name as text, and runs none of it', async () => {
  const { page, context, requests, problems, dialogs } = await openDemo(browser, server);
  const hostile = {
    email: '<img src=x onerror=window.__pwned=1>',
    birthdate: '<script>window.__pwned=2</script>',
    notes: '@<img src=x onerror=window.__pwned=3>',
    header: '<img src=x onerror=window.__pwned=4>',
    name: '<img src=x onerror=window.__pwned=5>.csv',
  };
  const csv = `Name,Source_id,Email,Birthdate,Notes,${hostile.header}\n<b>bold</b>,c-1,${hostile.email},${hostile.birthdate},${hostile.notes},x\n`;
  await checkFile(page, { name: hostile.name, mimeType: 'text/csv', buffer: Buffer.from(csv) });

  const issues = await shownIssues(page);
  const values = issues.map((issue) => issue.value);
  for (const value of [hostile.email, hostile.birthdate, hostile.notes]) assert.ok(values.includes(value), `${value} in ${values}`);
  assert.ok(issues.some((issue) => issue.column === hostile.header), 'the header shows as text');
  assert.match(await page.textContent('#csv-status'), new RegExp(`Checked “${hostile.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
  assert.match(await page.textContent('#csv-file-hint'), /<img src=x onerror=window.__pwned=5>\.csv/);

  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup ran');
  assert.equal(await page.$$eval('main img, main script, main b', (found) => found.length), 0, 'no element came from the file');
  assertOnlyLocalRequests(requests, server);
  assert.ok(!requests.some((request) => request.url.endsWith('/x')), 'no image was requested');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('lists 100 000 issues in a paged table that stays fast, and filters them by code', async (t) => {
  const { page, context, problems } = await openDemo(browser, server);
  const rows = 100_010;
  let csv = CUSTOMER_HEADER;
  for (let index = 0; index < rows; index += 1) csv += customerRow(index, 1);
  await checkFile(page, { name: 'every-row-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  const counts = await shownCounts(page);
  assert.equal(counts.rows, '100,010');
  assert.equal(counts.errors, '100,010');
  assert.match(await page.textContent('#csv-truncated'), /first 100,000 of 100,010 issues; the counts are exact/);
  assert.equal(await page.textContent('#issue-range'), 'Issues 1–100 of 100,000');
  assert.match(await page.textContent('.chart-legend'), /from the first 100,000 of 100,010 issues$/);
  assert.equal(await page.$$eval('#issue-table tbody tr', (found) => found.length), 100);

  const lastPageMs = await page.evaluate(() => {
    const started = performance.now();
    document.querySelector('.pager button:last-of-type').click();
    document.body.getBoundingClientRect();
    return performance.now() - started;
  });
  assert.equal(await page.textContent('#issue-range'), 'Issues 99,901–100,000 of 100,000');
  assert.equal(await page.inputValue('#issue-page'), '1000');
  t.diagnostic(`the last page of 100 000 issues rendered in ${lastPageMs.toFixed(1)} ms`);
  assert.ok(lastPageMs < 250, `the last page took ${lastPageMs} ms`);
  const lastRow = (await shownIssues(page)).at(-1);
  assert.deepEqual([lastRow.row, lastRow.line, lastRow.column], ['100,000', '100,001', 'Birthdate']);

  await page.fill('#issue-page', '500');
  await page.press('#issue-page', 'Enter');
  assert.equal(await page.textContent('#issue-range'), 'Issues 49,901–50,000 of 100,000');
  await page.selectOption('#issue-filter', 'invalid_format');
  assert.equal(await page.textContent('#issue-range'), 'Issues 1–100 of 100,000 (invalid_format)');
  await screenshot(page, 'csv-many-issues-desktop');
  assert.deepEqual(problems, []);
  await context.close();
});

test('SKUs are checked against a products file, customers against metadata schemas, and a dropped file is taken', async () => {
  const { page, context, requests, problems } = await openDemo(browser, server);
  const fixture = (name) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
  const codesShown = () => page.$$eval('#codes-table tbody tr', (rows) => Object.fromEntries(rows.map((row) => [row.dataset.code, Number(row.cells[1].textContent)])));

  assert.equal(await page.isHidden('#csv-products-field'), true, 'the products file is asked for SKUs only');
  await page.selectOption('#csv-kind', 'skus');
  assert.equal(await page.isVisible('#csv-products-field'), true);
  await page.setInputFiles('#csv-products', fixture('products.csv'));
  await checkFile(page, fixture('skus.csv'), 'skus');
  const skus = await validateCsvWithOutputs('skus', readFileSync(fixture('skus.csv')), { products: readFileSync(fixture('products.csv'), 'utf8') });
  assert.deepEqual(await codesShown(page), skus.report.countsByCode);
  assert.equal((await codesShown(page)).csv_unknown_product, 1);

  // Malformed schemas are announced and nothing is checked; good ones are applied.
  await page.selectOption('#csv-kind', 'customers');
  await page.setInputFiles('#csv-schemas', { name: 'schemas.json', mimeType: 'application/json', buffer: Buffer.from('{"schemas": [') });
  await page.setInputFiles('#csv-file', MIXED);
  await page.click('#csv-check');
  await page.waitForFunction(() => document.getElementById('csv-error').textContent !== '');
  assert.match(await page.textContent('#csv-error'), /^The metadata schemas file “schemas\.json” is not valid JSON: /);
  assert.equal(await page.textContent('#csv-status'), '', 'the report of the SKUs is no longer announced');
  const schemas = { schemas: [{ related_object: 'customer', properties: { vip_level: { type: 'string', eq: ['gold', 'silver'] } } }] };
  await page.setInputFiles('#csv-schemas', { name: 'schemas.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schemas)) });
  await page.click('#csv-check');
  await page.waitForFunction(() => /^Checked “customers_mixed\.csv”/.test(document.getElementById('csv-status').textContent));
  assert.equal(await page.textContent('#csv-error'), '');
  assert.equal((await codesShown(page)).metadata_not_allowed, 2);
  const bronze = (await shownIssues(page)).find((issue) => issue.code === 'metadata_not_allowed');
  assert.deepEqual([bronze.row, bronze.line, bronze.column, bronze.value], ['3', '4', 'vip_level', 'bronze']);

  // A file dropped on the drop zone becomes the chosen file.
  await page.setInputFiles('#csv-schemas', []);
  await page.evaluate((csv) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    document.getElementById('csv-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, readFileSync(MIXED, 'utf8'));
  assert.match(await page.textContent('#csv-file-hint'), /^Chosen: “dropped\.csv”, 609 B\.$/);
  await page.click('#csv-check');
  await page.waitForFunction(() => /^Checked “dropped\.csv”: 9 rows/.test(document.getElementById('csv-status').textContent));

  assertOnlyLocalRequests(requests, server);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad header is said once above the table, and no header-only cleaned file is offered; "1 row"', async () => {
  const { page, context, problems } = await openDemo(browser, server);
  await checkFile(page, { name: 'bad-header.csv', mimeType: 'text/csv', buffer: Buffer.from('source_id,name,source_id\nc-1,Ann,c-1\n') });
  assert.match(await page.textContent('#csv-status'), /Checked “bad-header\.csv”: 1 row, 1 invalid; 1 error, (1 warning|[02-9]\d* warnings)\./);
  assert.equal(await page.isVisible('#csv-header-problem'), true);
  const notice = await page.textContent('#csv-header-problem');
  assert.match(notice, /^The header has 1 error, so every row counts as invalid until it is fixed: /);
  const headerIssue = (await shownIssues(page)).find((issue) => issue.row === 'header');
  assert.ok(notice.includes(headerIssue.message), notice);
  assert.equal(await page.$('#download-cleaned'), null);
  assert.equal(await page.$('#download-part-1'), null);
  assert.equal(await page.textContent('#no-cleaned'), 'No cleaned file: no row is valid');
  assert.equal(await page.isVisible('#download-failed'), true);

  await checkFile(page, MIXED);
  assert.equal(await page.isVisible('#csv-header-problem'), false, 'a good header hides the notice');
  assert.equal(await page.isVisible('#download-cleaned'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an Excel file (semicolons, Windows-1252) is read, said so once, and cleaned to UTF-8 with commas', async () => {
  const { page, context, problems } = await openDemo(browser, server);
  const dir = fileURLToPath(new URL('../fixtures/csv/excel/', import.meta.url));
  await checkFile(page, join(dir, 'sep-line-semicolon.csv'));
  const issues = await shownIssues(page);
  assert.equal(issues.filter((issue) => issue.code === 'csv_converted').length, 1);
  assert.match(issues[0].message, /read as Windows-1252, delimiter ';' \(from the file's sep= line\)/);
  const cleaned = await downloadText(page, '#download-cleaned');
  assert.equal(cleaned.text, readFileSync(join(dir, 'sep-line-semicolon.cleaned.csv'), 'utf8'));
  assert.deepEqual(problems, []);
  await context.close();
});

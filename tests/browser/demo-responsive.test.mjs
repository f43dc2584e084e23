// demo-responsive.test.mjs: the demo page stays responsive while a 50 MB customers file is
// checked: the check runs in the Web Worker, so animation frames keep coming on the main thread,
// and the progress shows bytes, rows and rows per second. The file is generated here, never
// committed.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertOnlyLocalRequests, launchChromium, openDemo, screenshot, temporaryFolder, writeCustomersCsv,
} from './demo-page.mjs';
import { startStaticServer } from './static-server.mjs';

const FILE_BYTES = 50 * 1024 * 1024;
/** The longest the main thread may go without a frame (a blocked page would freeze for seconds). */
const MAX_FRAME_GAP_MS = 500;

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

test('animation frames keep coming while a 50 MB file is checked, and the progress shows rows per second', async (t) => {
  const file = join(scratch.folder, 'customers-50mb.csv');
  const { rows, bytes } = await writeCustomersCsv(file, FILE_BYTES, 1000);
  const { page, context, requests, problems } = await openDemo(browser, server);
  await page.setInputFiles('#csv-file', file);

  await page.evaluate(() => {
    const frames = { count: 0, maxGap: 0, last: performance.now(), running: true };
    window.frames_ = frames;
    const tick = (now) => {
      frames.maxGap = Math.max(frames.maxGap, now - frames.last);
      frames.last = now;
      frames.count += 1;
      if (frames.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.click('#csv-check');

  await page.waitForFunction(() => {
    const bar = document.getElementById('csv-progress-bar');
    return bar.value > bar.max / 4 && / rows\/s$/.test(document.getElementById('csv-progress-text').textContent);
  }, null, { timeout: 120_000, polling: 50 });
  const progress = await page.textContent('#csv-progress-text');
  assert.match(progress, /^[\d.]+ MB of 52\.4 MB · [\d,]+ rows · [\d,]+ rows\/s$/);
  await screenshot(page, 'csv-progress-desktop');

  await page.waitForSelector('#csv-report:not([hidden])', { timeout: 180_000 });
  const seconds = (Date.now() - started) / 1000;
  const frames = await page.evaluate(() => {
    window.frames_.running = false;
    return { count: window.frames_.count, maxGap: window.frames_.maxGap };
  });

  t.diagnostic(`${(bytes / 1e6).toFixed(1)} MB, ${rows} rows in ${seconds.toFixed(1)} s; ${frames.count} frames, longest gap ${Math.round(frames.maxGap)} ms`);
  const counts = await page.$$eval('#csv-counts [data-count]', (cells) => Object.fromEntries(cells.map((cell) => [cell.dataset.count, cell.textContent])));
  assert.equal(counts.rows, rows.toLocaleString('en-US'));
  assert.equal(counts.errors, Math.floor(rows / 1000).toLocaleString('en-US'));
  assert.ok(bytes >= FILE_BYTES);
  assert.ok(frames.maxGap < MAX_FRAME_GAP_MS, `the main thread went ${Math.round(frames.maxGap)} ms without a frame`);
  assert.ok(frames.count >= seconds * 10, `${frames.count} frames in ${seconds.toFixed(1)} s`);
  assertOnlyLocalRequests(requests, server);
  assert.deepEqual(problems, []);
  await context.close();
});

// size.mjs: raw and gzipped bytes of what a page or a Node script loads from pkg/ (`make size`).

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const PKG = new URL('../pkg/', import.meta.url);
const FILES = [
  'wasm/voucherify_sync_bg.wasm',
  'wasm/voucherify_sync.js',
  'core.js',
  'errors.js',
  'index.js',
  'node.js',
];
/** What a browser loads: the wasm, its glue, and the browser entry with its imports. */
const BROWSER = new Set(['wasm/voucherify_sync_bg.wasm', 'wasm/voucherify_sync.js', 'core.js', 'errors.js', 'index.js']);

const rows = FILES.map((file) => {
  const bytes = readFileSync(new URL(file, PKG));
  return { file: `pkg/${file}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, browser: BROWSER.has(file) };
});
const browser = rows.filter((row) => row.browser);
rows.push({
  file: 'browser total (wasm + glue + index.js, core.js, errors.js)',
  raw: browser.reduce((sum, row) => sum + row.raw, 0),
  gzip: browser.reduce((sum, row) => sum + row.gzip, 0),
});

const width = Math.max(...rows.map((row) => row.file.length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
for (const row of rows) {
  console.log(`${row.file.padEnd(width)}  ${String(row.raw).padStart(9)}  ${String(row.gzip).padStart(9)}`);
}

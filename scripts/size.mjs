// size.mjs: raw and gzipped bytes of what a page or a Node script loads from pkg/ (`make size`).
// The files are the package's own list (package.json "files"); a browser loads all of them but
// the Node entry, the CLI and the declarations.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const PKG = new URL('../pkg/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', PKG), 'utf8'));
const FILES = manifest.files.filter((file) => file.endsWith('.js') || file.endsWith('.wasm'));
const NOT_IN_BROWSER = new Set(['node.js']);

const rows = FILES.map((file) => {
  const bytes = readFileSync(new URL(file, PKG));
  return { file: `pkg/${file}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, browser: !NOT_IN_BROWSER.has(file) };
});
const browser = rows.filter((row) => row.browser);
rows.push({
  file: 'browser total (wasm + every module but node.js)',
  raw: browser.reduce((sum, row) => sum + row.raw, 0),
  gzip: browser.reduce((sum, row) => sum + row.gzip, 0),
});

const width = Math.max(...rows.map((row) => row.file.length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
for (const row of rows) {
  console.log(`${row.file.padEnd(width)}  ${String(row.raw).padStart(9)}  ${String(row.gzip).padStart(9)}`);
}

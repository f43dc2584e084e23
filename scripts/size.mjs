// size.mjs: raw and gzipped bytes of what a page or a Node script loads from pkg/ (`make size`),
// checked against the budget in bench/budget.json. The files are the package's own list
// (package.json "files"); a browser loads the wasm and every module but the Node entry. The
// budget covers that browser total, gzipped (each file on its own, as a server sends them).
// `node scripts/size.mjs --json` prints the measurement as JSON; `make bench` records it.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const PKG = new URL('../pkg/', import.meta.url);
const BUDGET = new URL('../bench/budget.json', import.meta.url);
const NOT_IN_BROWSER = new Set(['node.js', 'wasm-node/voucherify_sync.js', 'wasm-node/voucherify_sync_bg.wasm']);

/** The budget: `{ maxGzipBytes, ... }`. */
export function readBudget() {
  return JSON.parse(readFileSync(BUDGET, 'utf8'));
}

/**
 * Measures the package's files: one row per file, and totals for the wasm, the JS a browser
 * loads (every module but node.js, the wasm-bindgen glue included) and the two together.
 */
export function measureSize() {
  const manifest = JSON.parse(readFileSync(new URL('package.json', PKG), 'utf8'));
  const files = manifest.files.filter((file) => file.endsWith('.js') || file.endsWith('.wasm'));
  const rows = files.map((file) => {
    const bytes = readFileSync(new URL(file, PKG));
    return { file: `pkg/${file}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, browser: !NOT_IN_BROWSER.has(file) };
  });
  const sum = (list) => ({ raw: list.reduce((s, row) => s + row.raw, 0), gzip: list.reduce((s, row) => s + row.gzip, 0) });
  const browser = rows.filter((row) => row.browser);
  return {
    files: rows,
    wasm: sum(browser.filter((row) => row.file.endsWith('.wasm'))),
    js: sum(browser.filter((row) => row.file.endsWith('.js'))),
    total: sum(browser),
  };
}

function print(size, budget) {
  const rows = [
    ...size.files.map((row) => [row.file, row.raw, row.gzip]),
    ['wasm', size.wasm.raw, size.wasm.gzip],
    ['JS a browser loads (every module but node.js)', size.js.raw, size.js.gzip],
    ['browser total (wasm + JS)', size.total.raw, size.total.gzip],
  ];
  const width = Math.max(...rows.map(([file]) => file.length));
  console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}`);
  for (const [file, raw, gzip] of rows) {
    if (file === 'wasm') console.log('-'.repeat(width + 22));
    console.log(`${file.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gzip).padStart(9)}`);
  }
  const left = budget.maxGzipBytes - size.total.gzip;
  console.log(
    `budget (bench/budget.json): ${budget.maxGzipBytes} bytes gzipped; ` +
      (left >= 0 ? `${left} bytes left` : `OVER by ${-left} bytes`) +
      `; target ${budget.targetGzipBytes}, aim ${budget.aimGzipBytes}`,
  );
}

if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  const size = measureSize();
  if (process.argv.includes('--json')) console.log(JSON.stringify(size));
  else print(size, readBudget());
}

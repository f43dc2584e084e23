// size.mjs: raw and gzipped bytes of what a page loads from pkg/ (`make size`), per bundle, each
// checked against its budget in bench/budget.json. A bundle is an entry module and everything it
// loads, found by parsing the modules (TypeScript's parser, which reads plain JS): what their
// import and export statements name, and the files they fetch with `new URL('…', import.meta.url)`
// (the .wasm, the CSV worker), followed transitively. Each file is gzipped -9 on its own, as a
// server sends them, and the bundle is the sum. The bundles and their entries are the ones
// bench/budget.json lists: `storefront` (storefront.js) and `browser` (index.js, the full API).
// Node's entry and its speed build (pkg/wasm-node) are in no bundle.
// `node scripts/size.mjs --json` prints the measurement as JSON; `make bench` records it.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

const PKG = new URL('../pkg/', import.meta.url);
const BUDGET = new URL('../bench/budget.json', import.meta.url);

/** The budget: `{ targetGzipBytes, aimGzipBytes, bundles: { name: { entry, maxGzipBytes, history } } }`. */
export function readBudget() {
  return JSON.parse(readFileSync(BUDGET, 'utf8'));
}

/**
 * What one JS module loads: the specifiers of its static and dynamic imports and re-exports, and
 * the URLs it builds relative to itself with `new URL(literal, import.meta.url)`.
 * @param {string} source the module's text
 * @param {string} name its file name, for the parser
 * @returns {{ imports: string[], urls: string[] }}
 */
export function moduleReferences(source, name = 'module.js') {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const imports = [];
  const urls = [];
  const literal = (node) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);
  const isImportMetaUrl = (node) =>
    node !== undefined &&
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'url' &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && literal(node.moduleSpecifier) !== undefined) {
      imports.push(literal(node.moduleSpecifier));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && literal(node.arguments[0]) !== undefined) {
      imports.push(literal(node.arguments[0]));
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      literal(node.arguments?.[0]) !== undefined &&
      isImportMetaUrl(node.arguments?.[1])
    ) {
      urls.push(literal(node.arguments[0]));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { imports, urls };
}

/**
 * The files of pkg/ that a page loads for `entry` (a path inside pkg/), the entry first, each
 * once. Relative imports and every `new URL(…, import.meta.url)` are followed; bare specifiers
 * (packages, `node:` modules) are not part of the package and are left out.
 * @param {string} entry e.g. `storefront.js`
 * @returns {string[]} paths inside pkg/
 */
export function bundleFiles(entry) {
  const seen = new Set();
  const pending = [new URL(entry, PKG)];
  while (pending.length > 0) {
    const url = pending.shift();
    const path = url.href.slice(PKG.href.length);
    if (!url.href.startsWith(PKG.href)) throw new Error(`${entry} loads ${url.href}, which is outside pkg/`);
    if (seen.has(path)) continue;
    seen.add(path);
    if (!path.endsWith('.js')) continue;
    const { imports, urls } = moduleReferences(readFileSync(url, 'utf8'), path);
    for (const specifier of imports) {
      if (specifier.startsWith('./') || specifier.startsWith('../')) pending.push(new URL(specifier, url));
    }
    for (const specifier of urls) pending.push(new URL(specifier, url));
  }
  return [...seen];
}

/**
 * Measures every bundle bench/budget.json lists: its files with their raw and gzipped bytes, and
 * totals for its wasm, its JS (the wasm-bindgen glue included) and the two together.
 * `packed` says whether a file is in the package's own list (package.json "files").
 */
export function measureSize(budget = readBudget()) {
  const manifest = JSON.parse(readFileSync(new URL('package.json', PKG), 'utf8'));
  const packed = (file) => manifest.files.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
  const rows = new Map();
  const row = (file) => {
    if (!rows.has(file)) {
      const bytes = readFileSync(new URL(file, PKG));
      rows.set(file, { file: `pkg/${file}`, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, packed: packed(file), bundles: [] });
    }
    return rows.get(file);
  };
  const sum = (list) => ({ raw: list.reduce((s, r) => s + r.raw, 0), gzip: list.reduce((s, r) => s + r.gzip, 0) });
  const bundles = {};
  for (const [name, { entry }] of Object.entries(budget.bundles)) {
    const files = bundleFiles(entry).map(row);
    for (const file of files) file.bundles.push(name);
    bundles[name] = {
      entry,
      files: files.map((file) => file.file),
      wasm: sum(files.filter((file) => file.file.endsWith('.wasm'))),
      js: sum(files.filter((file) => file.file.endsWith('.js'))),
      total: sum(files),
    };
  }
  return { files: [...rows.values()], bundles };
}

function print(size, budget) {
  const width = Math.max(...size.files.map((row) => row.file.length), 44);
  const line = (label, raw, gzip) => console.log(`${label.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gzip).padStart(9)}`);
  for (const [name, bundle] of Object.entries(size.bundles)) {
    const { maxGzipBytes } = budget.bundles[name];
    console.log(`${name} bundle (pkg/${bundle.entry} and what it loads)`);
    line('file', 'raw', 'gzip -9');
    const wasmLast = [...bundle.files.filter((file) => !file.endsWith('.wasm')), ...bundle.files.filter((file) => file.endsWith('.wasm'))];
    for (const file of wasmLast) {
      const row = size.files.find((r) => r.file === file);
      line(row.file, row.raw, row.gzip);
    }
    console.log('-'.repeat(width + 22));
    line('wasm', bundle.wasm.raw, bundle.wasm.gzip);
    line('JS (the wasm-bindgen glue included)', bundle.js.raw, bundle.js.gzip);
    line(`${name} total (wasm + JS)`, bundle.total.raw, bundle.total.gzip);
    const left = maxGzipBytes - bundle.total.gzip;
    console.log(
      `budget (bench/budget.json): ${maxGzipBytes} bytes gzipped; ` +
        (left >= 0 ? `${left} bytes left` : `OVER by ${-left} bytes`) +
        `; target ${budget.targetGzipBytes}, aim ${budget.aimGzipBytes}\n`,
    );
  }
}

if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  const budget = readBudget();
  const size = measureSize(budget);
  if (process.argv.includes('--json')) console.log(JSON.stringify(size));
  else print(size, budget);
}

// size.test.mjs: each bundle a browser loads (an entry and everything it imports or fetches, each
// file gzipped on its own) stays within its budget in bench/budget.json.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bundleFiles, measureSize, moduleReferences, readBudget } from '../../scripts/size.mjs';

const budget = readBudget();
const size = measureSize(budget);

for (const [name, { entry, maxGzipBytes }] of Object.entries(budget.bundles)) {
  test(`the ${name} bundle (${entry} and what it loads) fits its size budget`, () => {
    const bundle = size.bundles[name];
    assert.ok(bundle.wasm.gzip > 0 && bundle.js.gzip > 0, 'the package is built');
    assert.ok(
      bundle.total.gzip <= maxGzipBytes,
      `the ${name} bundle is ${bundle.total.gzip} bytes gzipped (wasm ${bundle.wasm.gzip}, JS ${bundle.js.gzip}), ` +
        `over its budget of ${maxGzipBytes} in bench/budget.json by ${bundle.total.gzip - maxGzipBytes}; ` +
        'run `make size` and find what grew (twiggy top on the wasm), or raise the budget with the reason',
    );
  });

  test(`the ${name} budget is no looser than its last recorded measurement allows`, () => {
    const { history } = budget.bundles[name];
    const last = history.at(-1);
    assert.equal(maxGzipBytes, last.maxGzipBytes, 'maxGzipBytes is the last history entry');
    assert.ok(maxGzipBytes <= last.measuredGzipBytes + 2048, 'the budget keeps at most 2 KiB of headroom over its measurement');
  });
}

test('every file a bundle loads is packed', () => {
  for (const row of size.files) assert.ok(row.packed, `${row.file} is loaded by ${row.bundles.join(', ')} but missing from package.json "files"`);
});

test('the storefront bundle loads its own wasm and none of the CSV or sync modules', () => {
  const files = size.bundles.storefront.files;
  assert.ok(files.includes('pkg/wasm-storefront/voucherify_sync_bg.wasm'), files.join(', '));
  for (const file of ['pkg/wasm/voucherify_sync_bg.wasm', 'pkg/csv.js', 'pkg/sync.js', 'pkg/csv-worker-client.js', 'pkg/api.js']) {
    assert.ok(!files.includes(file), `the storefront bundle loads ${file}`);
  }
  assert.ok(size.bundles.storefront.wasm.gzip < size.bundles.browser.wasm.gzip, 'the storefront wasm is the smaller one');
});

test('the full browser bundle is every packed module and wasm but the Node and storefront entries\' own', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  const others = /^(node\.js|server\.js|storefront\.js|storefront-node\.js|wasm-node\/|wasm-storefront\/)/;
  const expected = manifest.files.filter((file) => /\.(js|wasm)$/.test(file) && !others.test(file)).sort();
  assert.deepEqual(bundleFiles('index.js').sort(), expected);
});

test('imports, re-exports and import.meta.url references are parsed, comments and strings are not', () => {
  const source = [
    "import a, { b } from './a.js';",
    "import './side-effect.js';",
    "export { c } from './c.js';",
    "export * from './d.js';",
    "import {\n  e,\n  f,\n} from './multi-line.js';",
    "const lazy = () => import('./lazy.js');",
    "const wasm = new URL('./x_bg.wasm', import.meta.url);",
    "const worker = new Worker(new URL(`./worker.js`, import.meta.url));",
    "// import { no } from './commented.js';",
    "/** @param {typeof import('./jsdoc.js')} x */",
    "const text = \"import nope from './string.js'\";",
    "const remote = new URL('./not-relative-to-module.js', location.href);",
    "import fs from 'node:fs';",
  ].join('\n');
  assert.deepEqual(moduleReferences(source), {
    imports: ['./a.js', './side-effect.js', './c.js', './d.js', './multi-line.js', './lazy.js', 'node:fs'],
    urls: ['./x_bg.wasm', './worker.js'],
  });
});

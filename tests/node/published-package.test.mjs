// published-package.test.mjs: what npm users get besides the code: the README and LICENSE in the
// tarball, the repository field, the types as @arethetypeswrong/cli sees them, require() of an
// ES module package, README examples that type-check, and README size figures that are the
// budgets `make size` enforces.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readBudget } from '../../scripts/size.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = `${ROOT}pkg/`;
const manifest = JSON.parse(readFileSync(`${PKG}package.json`, 'utf8'));
const READMES = { 'README.md': readFileSync(`${ROOT}README.md`, 'utf8'), 'pkg/README.md': readFileSync(`${PKG}README.md`, 'utf8') };

test('the tarball holds a README for users and the MIT license, the same as the repository root', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, encoding: 'utf8' }));
  const files = packed.files.map((file) => file.path);
  assert.ok(files.includes('README.md'), files.join(' '));
  assert.ok(files.includes('LICENSE'), files.join(' '));
  assert.equal(readFileSync(`${PKG}LICENSE`, 'utf8'), readFileSync(`${ROOT}LICENSE`, 'utf8'), 'pkg/LICENSE is a copy of LICENSE');
  assert.match(readFileSync(`${ROOT}LICENSE`, 'utf8'), /^MIT License\n/);
  const cargoLicense = readFileSync(`${ROOT}Cargo.toml`, 'utf8').match(/^license = "([^"]*)"/m)[1];
  assert.equal(manifest.license, cargoLicense);
  assert.equal(manifest.license, 'MIT');
  assert.match(READMES['pkg/README.md'], /^# voucherify-sync\n/);
  assert.match(READMES['pkg/README.md'], /ES modules only/);
});

test('package.json names the repository and the folder the package is built in', () => {
  assert.equal(manifest.repository.type, 'git');
  assert.match(manifest.repository.url, /^git\+https:\/\/.+\.git$/);
  assert.equal(manifest.repository.directory, 'pkg');
});

// The two .wasm subpaths are the wasm files, exported for copy steps and import.meta.resolve;
// they are not modules and have no types, so TypeScript cannot resolve them: excluded. The
// package is ESM only, so the esm-only profile leaves out CommonJS resolution (node10 and
// require from node16), where an ES module package is reported as such.
const ATTW_ARGS = ['--pack', 'pkg', '--profile', 'esm-only', '--exclude-entrypoints', './voucherify_sync_bg.wasm', './storefront_bg.wasm', '--format', 'json'];

test('@arethetypeswrong/cli finds no problem in the types of the entries', () => {
  const run = spawnSync(`${ROOT}node_modules/.bin/attw`, ATTW_ARGS, { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const { analysis, problems } = JSON.parse(run.stdout);
  // Reported but left out by the esm-only profile: require() from CommonJS under node16 rules.
  const left = Object.values(problems).flat().filter((problem) => !(problem.kind === 'CJSResolvesToESM' && problem.resolutionKind === 'node16-cjs'));
  assert.deepEqual(left, []);
  assert.deepEqual(Object.keys(analysis.entrypoints).sort(), ['.', './package.json', './server', './storefront']);
  for (const subpath of ['.', './storefront']) {
    const { resolutions } = analysis.entrypoints[subpath];
    for (const kind of ['node16-esm', 'bundler']) {
      assert.match(resolutions[kind].resolution.fileName, /\.d\.ts$/, `${subpath} has types for ${kind}`);
    }
  }
  // The sync's server entry is for Node only: it has types where Node resolves it.
  assert.match(analysis.entrypoints['./server'].resolutions['node16-esm'].resolution.fileName, /server\.d\.ts$/);
});

test('require() loads the package where Node can require ES modules (20.19+, 22.12+), else says it is ESM', () => {
  const source = `
    const { validatePayload } = require('voucherify-sync');
    const storefront = require('voucherify-sync/storefront');
    console.log(JSON.stringify([validatePayload('POST /v1/customers', { email: 1 }).valid, typeof storefront.prepareStackableRequest]));
  `;
  // Run inside pkg/, where the package resolves itself by name.
  const run = spawnSync(process.execPath, ['--input-type=commonjs', '-e', source], { cwd: PKG, encoding: 'utf8' });
  const [major, minor] = process.versions.node.split('.').map(Number);
  const canRequireEsm = major >= 23 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
  if (canRequireEsm) {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [false, 'function']);
  } else {
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /ERR_REQUIRE_ESM/);
  }
  assert.match(READMES['pkg/README.md'], /Node 20\.19\+ and 22\.12\+/);
});

/**
 * Type-checks each snippet as a TypeScript module against the published declarations; returns
 * tsc's output and exit status.
 */
function typeCheck(snippets) {
  const dir = `${ROOT}target/readme-types/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = snippets.map((source, index) => {
    writeFileSync(`${dir}example-${index + 1}.ts`, `${source}\nexport {};\n`);
    return `example-${index + 1}.ts`;
  });
  // What Node provides to the client example; the project does not depend on Node's types.
  writeFileSync(`${dir}node-globals.d.ts`, 'declare const process: { env: Record<string, string | undefined> };\n');
  writeFileSync(`${dir}tsconfig.json`, JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      types: [],
      paths: { 'voucherify-sync': [`${PKG}index.d.ts`], 'voucherify-sync/storefront': [`${PKG}storefront.d.ts`] },
    },
    files: ['node-globals.d.ts', ...files],
  }));
  const run = spawnSync(`${ROOT}node_modules/.bin/tsc`, ['-p', dir], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('the runnable JavaScript examples of both READMEs type-check against the declarations', () => {
  const examples = Object.entries(READMES).flatMap(([name, text]) => [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => `// ${name}\n${match[1]}`));
  assert.ok(examples.length >= 4, `${examples.length} examples`);
  for (const [match] of READMES['pkg/README.md'].matchAll(/```js\n([\s\S]*?)```/g)) {
    assert.ok(READMES['README.md'].includes(match), 'a pkg/README.md example is one of README.md, which tests/node/examples.test.mjs runs');
  }
  const { status, output } = typeCheck(examples);
  assert.equal(status, 0, output);
});

test('the type check of README examples catches an operation the types refuse', () => {
  const { status, output } = typeCheck([`import { validatePayload } from 'voucherify-sync';\nvalidatePayload('GET /v1/customers', {});\n`]);
  assert.equal(status, 2);
  assert.match(output, /example-1\.ts\(2,17\): error TS2345/);
});

test('the READMEs give the bundle sizes bench/budget.json allows, in KiB', () => {
  const { bundles } = readBudget();
  const kib = (bytes) => Math.round(bytes / 1024);
  for (const [name, text] of Object.entries(READMES)) {
    const match = text.replace(/\s+/g, ' ').match(/Everything the page loads is at most (\d+) KiB gzipped, against (\d+) KiB for the full entry/);
    assert.ok(match, `${name} states the sizes`);
    assert.deepEqual([Number(match[1]), Number(match[2])], [kib(bundles.storefront.maxGzipBytes), kib(bundles.browser.maxGzipBytes)], name);
  }
});

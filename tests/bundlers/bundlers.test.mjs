// bundlers.test.mjs: the package as a bundler user gets it. The packed tarball (`npm pack` in pkg/)
// is installed into each tiny app of tests/bundlers/apps/, which is built for production with
// the README's recipe (Vite, webpack, esbuild, Next.js), served, and opened in headless Chromium:
// init() must find the wasm, validatePayload must answer as the Node entry does, the CSV worker
// (bundled with the wasm it loads) must check a file, and every file the page and its worker load
// must come from the build output. The storefront entry also runs under vitest in Node. Each app
// is built once; the builds take a minute or two, so `make test-bundlers` runs this file.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateCsvWithOutputs, validatePayload } from '../../pkg/node.js';
import { launchChromium } from '../browser/demo-page.mjs';
import { startStaticServer } from '../browser/static-server.mjs';
import { CSV, PAYLOAD } from './apps/shared/inputs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APPS = fileURLToPath(new URL('./apps/', import.meta.url));
/** Where the apps are copied, installed and built; under target/, which git ignores. */
const WORK = `${ROOT}target/bundler-apps/`;
const BIN = `${ROOT}node_modules/.bin/`;
const READMES = ['README.md', 'pkg/README.md'];

let browser;
let expected;

before(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', WORK], { cwd: `${ROOT}pkg`, encoding: 'utf8' }).trim().split('\n').at(-1);
  for (const app of readdirSync(APPS).filter((name) => name !== 'shared')) {
    const dir = `${WORK}${app}/`;
    cpSync(`${APPS}${app}`, dir, { recursive: true });
    cpSync(`${APPS}shared`, dir, { recursive: true });
    mkdirSync(`${dir}node_modules/voucherify-sync`, { recursive: true });
    execFileSync('tar', ['-xzf', `${WORK}${tarball}`, '-C', `${dir}node_modules/voucherify-sync`, '--strip-components=1']);
  }
  const csv = await validateCsvWithOutputs('customers', CSV);
  expected = { payload: validatePayload('POST /v1/customers', PAYLOAD), csv: csv.report, cleaned: await csv.cleaned.text() };
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Runs a command in an app's folder with the workspace's tools on PATH; fails with its output. */
function run(app, command, args, env = {}) {
  try {
    return execFileSync(command, args, {
      cwd: `${WORK}${app}`,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${app}:\n${error.stdout}\n${error.stderr}`);
  }
}

/**
 * Opens `url` in a fresh page, waits for the app's `window.bundlerResult`, and returns it with
 * every response the page and its worker got and any page error.
 */
async function openApp(url) {
  const context = await browser.newContext();
  const responses = [];
  const problems = [];
  context.on('response', (response) => responses.push({ path: new URL(response.url()).pathname, status: response.status() }));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.bundlerResult !== undefined, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.bundlerResult);
    const serverReport = await page.evaluate(() => document.getElementById('server-report')?.textContent ?? null);
    return { result, responses, problems, serverReport };
  } finally {
    await context.close();
  }
}

/** Serves `root` statically and opens `page` in it. */
async function serveAndOpen(root, page) {
  const server = await startStaticServer({ root });
  try {
    return await openApp(`${server.url}${page}`);
  } finally {
    await server.close();
  }
}

/** The checks the app ran in the page gave what the Node entry gives, and nothing failed to load. */
function assertChecked({ result, responses, problems }, servedFrom) {
  assert.deepEqual(result, expected);
  assert.deepEqual(problems, []);
  const failed = responses.filter((response) => response.status >= 400);
  assert.deepEqual(failed, [], 'every file the page and its worker asked for was there');
  const wasm = responses.filter((response) => response.path.endsWith('.wasm'));
  assert.ok(wasm.length >= 2, `the page and the worker each loaded the wasm: ${JSON.stringify(responses)}`);
  for (const { path } of responses.filter((response) => !response.path.endsWith('.html') && response.path !== '/')) {
    assert.ok(path.startsWith(servedFrom), `${path} comes from the build output ${servedFrom}`);
  }
}

/** Both READMEs show the committed file as it is (the recipe is the tested one). */
function assertInReadme(app, file) {
  const text = readFileSync(`${APPS}${app}/${file}`, 'utf8');
  for (const readme of READMES) {
    assert.ok(readFileSync(`${ROOT}${readme}`, 'utf8').includes(text), `${readme} shows ${app}/${file} as committed`);
  }
}

test('a Vite production build runs validatePayload and the CSV worker, with the wasm in its output', async () => {
  run('vite', 'vite', ['build', '--logLevel', 'warn']);
  assertChecked(await serveAndOpen(`${WORK}vite/dist`, 'index.html'), '/assets/');
});

test('a webpack production build runs validatePayload and the CSV worker, with the wasm in its output', async () => {
  run('webpack', 'webpack', ['--no-stats']);
  assertChecked(await serveAndOpen(`${WORK}webpack`, 'index.html'), '/dist/');
  assertInReadme('webpack', 'webpack.config.js');
});

test('an esbuild bundle built by the README recipe runs validatePayload and the CSV worker', async () => {
  run('esbuild', 'bash', ['-eu', 'build.sh']);
  assertChecked(await serveAndOpen(`${WORK}esbuild`, 'index.html'), '/dist/');
  assertInReadme('esbuild', 'build.sh');
});

/** A port nobody listens on now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `next start` in the app; resolves once it says it is ready. */
async function startNext(port) {
  const child = spawn(`${BIN}next`, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: `${WORK}next`,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (/ready/i.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}:\n${output}`)));
  });
  return child;
}

test('a Next.js build renders validatePayload on the server and runs it and the CSV worker in a client component', async () => {
  run('next', 'next', ['build']);
  const port = await freePort();
  const server = await startNext(port);
  try {
    const opened = await openApp(`http://127.0.0.1:${port}/`);
    assert.equal(opened.serverReport, JSON.stringify(expected.payload), 'the server component rendered the report');
    assertChecked(opened, '/_next/');
  } finally {
    server.kill();
  }
  assertInReadme('next', 'next.config.js');
});

test('the storefront entry starts under vitest in Node and answers as the Node entry does', () => {
  run('vitest', 'vitest', ['run', '--reporter=dot']);
  assert.deepEqual(JSON.parse(readFileSync(`${WORK}vitest/result.json`, 'utf8')), expected.payload);
});

// demo-static.test.mjs: what can be checked in the demo page's source without a browser: no HTML
// parsing of any string (so file content can only ever be text), no storage of anything, and
// nothing loaded from elsewhere (no CDN: every module, style and script is a local file).

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** The page's own sources, and the worker modules of the package it loads. */
function sources() {
  const page = readdirSync(WWW).filter((name) => /\.(js|mjs|html|css)$/.test(name)).map((name) => `${WWW}${name}`);
  const worker = ['csv-worker.js', 'csv-worker-client.js'].map((name) => `${PKG}${name}`);
  return [...page, ...worker].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** Lines of `text` that match `pattern`, as "file:line: text". */
function matches(files, pattern) {
  return files.flatMap(({ path, text }) => text.split('\n').flatMap((line, index) => (pattern.test(line) ? [`${path.split('/').slice(-2).join('/')}:${index + 1}: ${line.trim()}`] : [])));
}

test('no string is ever parsed as HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or the like', () => {
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|DOMParser|createContextualFragment|srcdoc|setHTMLUnsafe|parseHTMLUnsafe)\b|\beval\s*\(|\bnew\s+Function\s*\(|setAttribute\(\s*['"`]on|javascript:/;
  assert.deepEqual(matches(sources(), sinks), [], 'build elements with createElement and textContent (www/dom.js)');
});

test('nothing is stored: no localStorage, sessionStorage, cookies or IndexedDB', () => {
  assert.deepEqual(matches(sources(), /\b(localStorage|sessionStorage|document\.cookie|indexedDB|caches\.open)\b/), []);
});

test('everything the page loads is served locally: relative URLs, relative imports, a strict content security policy', () => {
  const html = readFileSync(`${WWW}index.html`, 'utf8');
  const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
  assert.ok(urls.length > 0);
  for (const url of urls) assert.match(url, /^(#[\w-]*|data:,|(\.{1,2}\/)?[\w.-]+(\/[\w.-]+)*)$/, `a non-local URL in index.html: ${url}`);
  const imports = sources().flatMap(({ path, text }) => [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map((match) => [path, match[1] ?? match[2]]));
  for (const [path, specifier] of imports) assert.match(specifier, /^\.{1,2}\//, `a non-relative import in ${path}: ${specifier}`);
  const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/, 'no inline or foreign scripts');
  assert.match(policy, /object-src 'none'/);
});

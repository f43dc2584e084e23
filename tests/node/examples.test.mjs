// examples.test.mjs: every payload in examples/ gets the report its manifest entry promises,
// and the JavaScript example of the README runs as printed.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadExamples, validateExample } from '../../scripts/demo.mjs';

for (const example of loadExamples()) {
  test(`examples/${example.file} (${example.operation}) is ${example.expect.valid ? 'valid' : 'invalid'}`, () => {
    const report = validateExample(example);
    assert.equal(report.valid, example.expect.valid);
    const codes = [...new Set(report.issues.map((issue) => issue.code))].sort();
    assert.deepEqual(codes, example.expect.codes);
  });
}

test('the JavaScript example in README.md runs and prints what it says', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const [, source] = readme.match(/```js\n([\s\S]*?)```/);
  const nodeEntry = new URL('../../pkg/node.js', import.meta.url).href;
  const runnable = source.replaceAll(`from 'voucherify-sync'`, `from '${nodeEntry}'`);
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', runnable], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
  });
  const printed = [...source.matchAll(/\/\/ → (.*)/g)].map((match) => match[1]);
  assert.deepEqual(out.trim().split('\n'), printed);
});

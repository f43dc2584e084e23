// examples.test.mjs: every payload in examples/ gets the report its manifest entry promises,
// and every JavaScript example of the README runs as printed (the client example against a
// local stand-in of the API).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadExamples, validateExample } from '../../scripts/demo.mjs';
import { startReadmeApi } from './readme-api.mjs';

const execFileAsync = promisify(execFile);

for (const example of loadExamples()) {
  test(`examples/${example.file} (${example.operation}) is ${example.expect.valid ? 'valid' : 'invalid'}`, () => {
    const report = validateExample(example);
    assert.equal(report.valid, example.expect.valid);
    const codes = [...new Set(report.issues.map((issue) => issue.code))].sort();
    assert.deepEqual(codes, example.expect.codes);
  });
}

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const README_EXAMPLES = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);

test('README.md has runnable examples for validation, customers and client-side redemption', () => {
  assert.ok(README_EXAMPLES.length >= 3, `${README_EXAMPLES.length} js blocks`);
  for (const name of ['validateCustomer', 'buildCustomer', 'diffCustomer', 'upsertEffects', 'createClient']) {
    assert.ok(README_EXAMPLES.some((source) => source.includes(name)), `no README example uses ${name}`);
  }
});

for (const [index, source] of README_EXAMPLES.entries()) {
  test(`README.md example ${index + 1} runs and prints what it says`, async () => {
    const api = await startReadmeApi();
    try {
      const nodeEntry = new URL('../../pkg/node.js', import.meta.url).href;
      const runnable = source.replaceAll(`from 'voucherify-sync'`, `from '${nodeEntry}'`);
      const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', runnable], {
        cwd: fileURLToPath(new URL('../../', import.meta.url)),
        encoding: 'utf8',
        env: { ...process.env, VOUCHERIFY_API_URL: api.url },
      });
      const printed = [...source.matchAll(/\/\/ → (.*)/g)].map((match) => match[1]);
      assert.ok(printed.length > 0, 'the example shows its output');
      assert.deepEqual(stdout.trim().split('\n'), printed);
      if (source.includes('createClient')) {
        assert.deepEqual(api.requests.map((request) => request.path), ['/client/v1/validations', '/client/v1/redemptions']);
        const [validation, redemption] = api.requests;
        assert.equal(validation.body.session.type, 'LOCK');
        assert.equal(redemption.body.session.key, validation.body.session.key);
        assert.equal(validation.headers['x-client-token'], 'client-token');
        assert.equal(validation.headers['x-app-token'], undefined);
      }
    } finally {
      await api.close();
    }
  });
}

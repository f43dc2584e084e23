// cli.mjs: runs the real voucherify-sync binary in a child process, and paths of the fixtures.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'pkg/bin/voucherify-sync.js');

/** A file under tests/fixtures/cli/. */
export const fixture = (name) => join(ROOT, 'tests/fixtures/cli', name);
/** A file under tests/fixtures/csv/. */
export const csvFixture = (name) => join(ROOT, 'tests/fixtures/csv', name);
/** A file under examples/. */
export const example = (name) => join(ROOT, 'examples', name);

/**
 * Runs the binary with `args` from the repository root; stdout and stderr are pipes (not a
 * terminal). Returns `{ status, stdout, stderr }`.
 * @param {string[]} args @param {{ input?: string | Buffer, env?: object }} [options]
 */
export function run(args, { input, env } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
    maxBuffer: 64 << 20,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the binary with `--json` added and parses stdout, which must be one JSON document. */
export function runJson(args, options) {
  const result = run([...args, '--json'], options);
  return { ...result, report: JSON.parse(result.stdout) };
}

/** A fresh temporary folder, removed after the test. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'voucherify-sync-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

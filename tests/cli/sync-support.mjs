// sync-support.mjs: runs the voucherify-sync binary against the stand-in API without blocking
// this process (the stand-in answers from its event loop), and builds the test files.

import { spawn } from 'node:child_process';
import { BIN, ROOT } from './cli.mjs';
import { startStandin } from '../node/standin-api.mjs';

export const APP_ID = 'standin-app-id-5a1c';
export const APP_TOKEN = 'standin-secret-token-9f3e7d2b';

/** Starts the stand-in with the test keys. */
export function standin(options = {}) {
  return startStandin({ appId: APP_ID, appToken: APP_TOKEN, ...options });
}

/** The environment of a child that talks to `api`. */
export function syncEnv(api, extra = {}) {
  return { ...process.env, NO_COLOR: '', VOUCHERIFY_APP_ID: APP_ID, VOUCHERIFY_APP_TOKEN: APP_TOKEN, VOUCHERIFY_API_URL: api.url, ...extra };
}

/**
 * Starts the binary with `args`; `child` is the process, `done` resolves with `{ status,
 * signal, stdout, stderr }` when it ends.
 */
export function startCli(args, { env } = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the binary to the end. */
export function runCli(args, options) {
  return startCli(args, options).done;
}

/** A CSV file's text from a header and rows (no cell here needs quotes). */
export function csvText(header, rows) {
  return `${[header, ...rows].map((row) => row.join(',')).join('\n')}\n`;
}

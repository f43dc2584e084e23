#!/usr/bin/env node
// bin/voucherify-sync.js: the command-line entry; for now only usage and version.

import { readFileSync } from 'node:fs';

const usage = `Usage: voucherify-sync <command> [options]

Checks what a shop is about to send to the Voucherify API.

Options:
  -h, --help     show this help
  -v, --version  show the version

Commands are not available yet; use the JavaScript API (import "voucherify-sync").
`;

const [command] = process.argv.slice(2);
if (command === '-h' || command === '--help' || command === 'help') {
  process.stdout.write(usage);
} else if (command === '-v' || command === '--version') {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  const problem = command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`;
  process.stderr.write(`voucherify-sync: ${problem}\n\n${usage}`);
  process.exitCode = 2;
}

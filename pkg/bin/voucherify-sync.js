#!/usr/bin/env node
// bin/voucherify-sync.js: the command-line entry; the commands are in ../cli/.

import { main } from '../cli/main.js';

// A reader of the output that goes away (`| head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });

// main.js: the command line: picks the command, parses its arguments, prints its help, and
// turns every failure into one line on stderr and an exit code (0 valid, 1 problems found,
// 2 usage or I/O errors).

import { readFileSync } from 'node:fs';
import { CliError, parseArgs } from './args.js';

/** The commands, each loaded only when run (help and version need no WebAssembly). */
const COMMANDS = {
  'check-csv': () => import('./check-csv.js'),
  'check-payload': () => import('./check-payload.js'),
  'build-customers': () => import('./build-customers.js'),
  plan: () => import('./plan.js'),
  sync: () => import('./sync.js'),
};

export const usage = `Usage: voucherify-sync <command> [options]

Checks what a shop is about to send to the Voucherify API. Only sync --apply sends.

Commands:
  check-csv <customers|products|skus|orders> FILE   check a CSV import file; --out-dir writes
                                                    the cleaned file, failed rows and parts
  check-payload "<METHOD> <PATH>" FILE|-            check request bodies (JSON, a JSON array
                                                    or NDJSON)
  build-customers FILE --out FILE.ndjson            build customer objects from flat records
  plan <customers|products> --local FILE --out-dir DIR
                                                    plan a sync: bulk bodies and conflicts
  sync <customers|products|orders> --local FILE [--apply]
                                                    sync with a project (server keys from the
                                                    environment); a dry run without --apply

Options:
  -h, --help     show this help, or a command's help after the command
  -v, --version  show the version

Exit status: 0 when valid, 1 when problems were found, 2 on usage or I/O errors.
Run voucherify-sync <command> --help for a command's options.
`;

/**
 * Runs the command line with `argv` (without node and the script).
 * @param {string[]} argv
 * @param {{ stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, env: Record<string, string | undefined> }} io
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, io) {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = rest[0];
    if (topic !== undefined && COMMANDS[topic]) {
      io.stdout.write((await COMMANDS[topic]()).usage);
      return 0;
    }
    io.stdout.write(usage);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (command === undefined || !Object.hasOwn(COMMANDS, command)) {
    const problem = command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`;
    io.stderr.write(`voucherify-sync: ${problem}\n`);
    return 2;
  }
  try {
    const module = await COMMANDS[command]();
    const args = parseArgs(rest, module.options);
    if (args.values.help) {
      io.stdout.write(module.usage);
      return 0;
    }
    return await module.run(args, io);
  } catch (error) {
    io.stderr.write(`voucherify-sync ${command}: ${messageOf(error)}\n`);
    return 2;
  }
}

/** One line saying what went wrong; a bug keeps its stack after that line. */
function messageOf(error) {
  if (error instanceof CliError) return error.message;
  if (error?.name === 'VoucherifySyncError') return error.message;
  return `internal error: ${error?.stack ?? error}`;
}

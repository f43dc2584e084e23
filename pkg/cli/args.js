// args.js: command-line arguments (options with values, switches, positionals) and CliError,
// the one error the command line reports on a line of stderr and exits 2 for.

/** A usage or I/O problem: its message is printed as one line, and the exit code is 2. */
export class CliError extends Error {
  /**
   * @param {string} message lowercase, naming the file or option at fault
   * @param {{ cause?: unknown }} [details]
   */
  constructor(message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CliError';
  }
}

/**
 * Parses `argv` against `options` (`{ "out-dir": "string", json: "boolean" }`). Takes
 * `--name value`, `--name=value`, `-h` for `--help`, `-q` for `--quiet` where it is an option, `-` as a positional (standard input) and
 * `--` before positionals that start with a dash.
 * @param {string[]} argv
 * @param {Record<string, 'string' | 'boolean'>} options
 * @returns {{ values: Record<string, string | boolean>, positionals: string[] }}
 */
export function parseArgs(argv, options) {
  const types = { help: 'boolean', ...options };
  const values = {};
  const positionals = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      values.help = true;
      continue;
    }
    if (arg === '-q' && types.quiet === 'boolean') {
      values.quiet = true;
      continue;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const inline = equals === -1 ? undefined : arg.slice(equals + 1);
    const type = arg.startsWith('--') ? types[name] : undefined;
    if (type === undefined) throw new CliError(`unknown option ${equals === -1 ? arg : arg.slice(0, equals)}`);
    if (values[name] !== undefined) throw new CliError(`--${name} is given twice`);
    if (type === 'boolean') {
      if (inline !== undefined) throw new CliError(`--${name} takes no value`);
      values[name] = true;
    } else {
      const value = inline ?? argv[(index += 1)];
      if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
      values[name] = value;
    }
  }
  return { values, positionals };
}

/**
 * An integer option within `[min, max]`, or `undefined` when absent.
 * @param {Record<string, unknown>} values @param {string} name
 * @param {{ min: number, max: number }} range
 */
export function integerOption(values, name, { min, max }) {
  const text = values[name];
  if (text === undefined) return undefined;
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new CliError(`--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}`);
  }
  return number;
}

/**
 * One of `choices`, or `undefined` when absent.
 * @param {Record<string, unknown>} values @param {string} name @param {string[]} choices
 */
export function choiceOption(values, name, choices) {
  const text = values[name];
  if (text === undefined || choices.includes(text)) return text;
  throw new CliError(`--${name} must be ${choices.map((choice) => JSON.stringify(choice)).join(' or ')}, not ${JSON.stringify(text)}`);
}

/**
 * The positionals a command takes, in order; throws for missing or extra ones.
 * @param {string[]} positionals @param {string[]} names what each one is, for messages
 */
export function expectPositionals(positionals, names) {
  if (positionals.length < names.length) throw new CliError(`missing ${names[positionals.length]}`);
  if (positionals.length > names.length) throw new CliError(`unexpected argument ${JSON.stringify(positionals[names.length])}`);
  return positionals;
}

/** A required option's value; throws when absent. */
export function requiredOption(values, name) {
  if (values[name] === undefined) throw new CliError(`--${name} is required`);
  return values[name];
}

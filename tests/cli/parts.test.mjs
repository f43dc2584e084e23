// parts.test.mjs: the command line's pieces on their own: argument parsing, colours, tables,
// the progress bar, CSV records against csv-spectrum, and every command's help.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError, integerOption, parseArgs } from '../../pkg/cli/args.js';
import { readRecords } from '../../pkg/cli/files.js';
import { colourEnabled, formatBytes, formatCount, issueGroups, palette, table } from '../../pkg/cli/human.js';
import { createProgress, progressLine } from '../../pkg/cli/progress.js';
import { exportRecord } from '../../pkg/cli/plan.js';
import { ROOT, run, tempDir } from './cli.mjs';

test('arguments: values, switches, -h, - and -- ; unknown or repeated options are refused', () => {
  const options = { 'out-dir': 'string', json: 'boolean' };
  assert.deepEqual(parseArgs(['a', '--out-dir', 'x', '-', '--json'], options), { values: { 'out-dir': 'x', json: true }, positionals: ['a', '-'] });
  assert.deepEqual(parseArgs(['--out-dir=y', '-h', '--', '--json'], options), { values: { 'out-dir': 'y', help: true }, positionals: ['--json'] });
  for (const [argv, message] of [
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--json=1'], '--json takes no value'],
    [['--out-dir'], '--out-dir needs a value'],
    [['--out-dir', 'a', '--out-dir', 'b'], '--out-dir is given twice'],
  ]) {
    assert.throws(() => parseArgs(argv, options), (error) => error instanceof CliError && error.message === message);
  }
  assert.equal(integerOption({ n: '1024' }, 'n', { min: 1, max: 2048 }), 1024);
  assert.throws(() => integerOption({ n: '1e3' }, 'n', { min: 1, max: 2048 }), /--n must be an integer from 1 to 2048, not "1e3"/);
});

test('colours only on a terminal, and never with NO_COLOR set', () => {
  assert.equal(colourEnabled({ isTTY: true }, {}), true);
  assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(colourEnabled({ isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
  assert.equal(colourEnabled({ isTTY: false }, {}), false);
  assert.equal(palette(true).red('x'), '\x1b[31mx\x1b[0m');
  assert.equal(palette(false).red('x'), 'x');
});

test('tables align numbers, counts and sizes are readable', () => {
  assert.deepEqual(table(['rows', 'size'], [[1000000, '1.2 MB']], palette(false)), ['       rows    size', '  1 000 000  1.2 MB']);
  assert.equal(formatCount(1234567), '1 234 567');
  assert.deepEqual([0, 999, 1000, 15_300, 10_485_760].map(formatBytes), ['0 B', '999 B', '1.0 kB', '15 kB', '10 MB']);
});

test('issues are grouped by code, five shown per code, the rest counted', () => {
  const issues = Array.from({ length: 7 }, (_, index) => ({ code: 'duplicate', severity: 'warning', message: `m${index}`, row: index + 1 }));
  issues.splice(1, 0, { code: 'csv_field_count', severity: 'error', message: 'short', row: 9 });
  const lines = issueGroups(issues, (issue) => `row ${issue.row}`, palette(false), { duplicate: 12, csv_field_count: 1, csv_empty_row: 3 });
  assert.deepEqual(lines, [
    'duplicate (12)',
    '  warning  row 1  m0',
    '  warning  row 2  m1',
    '  warning  row 3  m2',
    '  warning  row 4  m3',
    '  warning  row 5  m4',
    '  … and 7 more',
    'csv_field_count (1)',
    '  error    row 9  short',
    'csv_empty_row (3)',
    '  … and 3 more',
  ]);
});

test('the progress bar waits a second, then shows rate, rows and ETA, and clears itself', () => {
  let time = 0;
  const written = [];
  const stream = { isTTY: true, columns: 200, write: (text) => written.push(text) };
  const progress = createProgress({ stream, enabled: true, totalBytes: 100_000_000, now: () => time });
  time = 500;
  progress.update({ bytes: 10_000_000, rows: 50_000 });
  assert.deepEqual(written, [], 'nothing before a second');
  time = 2000;
  progress.update({ bytes: 40_000_000, rows: 200_000 });
  assert.equal(written.length, 1);
  assert.match(written[0], /^\r\[######----------\]  40%  20 MB\/s  200 000 rows  100 000 rows\/s  ETA 0:03\x1b\[K$/);
  time = 2050;
  progress.update({ bytes: 41_000_000, rows: 205_000 });
  assert.equal(written.length, 1, 'at most ten times a second');
  progress.done();
  assert.equal(written.at(-1), '\r\x1b[K');

  const silent = [];
  const off = createProgress({ stream: { write: (text) => silent.push(text) }, enabled: false, now: () => time });
  time = 10_000;
  off.update({ bytes: 1, rows: 1 });
  off.done();
  assert.deepEqual(silent, []);
  assert.equal(progressLine({ rows: 3000, seconds: 2 }), '3 000 records  1 500 records/s');
});

test('a progress bar is never drawn when stderr is not a terminal', () => {
  const { stderr, status } = run(['check-csv', 'customers', join(ROOT, 'examples/customers.csv')]);
  assert.equal(status, 1);
  assert.equal(stderr, '');
});

test('CSV records match every csv-spectrum case', async (t) => {
  const spectrum = join(ROOT, 'node_modules/csv-spectrum');
  const dir = tempDir(t);
  const names = readdirSync(join(spectrum, 'csvs')).map((name) => name.replace(/\.csv$/, ''));
  assert.ok(names.length >= 12);
  for (const name of names) {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, readFileSync(join(spectrum, 'csvs', `${name}.csv`)));
    const records = [];
    for await (const { record, problem } of readRecords(file)) {
      assert.equal(problem, undefined, name);
      records.push(record);
    }
    const expected = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8'));
    if (name === 'location_coordinates') {
      // This case's JSON disagrees with its own CSV (another phone number, an object instead
      // of an array); the other cells must still match.
      assert.equal(records.length, 1);
      const { 'Contact Phone Number': phone, ...rest } = records[0];
      const { 'Contact Phone Number': _, ...expectedRest } = expected;
      assert.deepEqual([phone, rest], ['2095257564', expectedRest]);
      continue;
    }
    assert.deepEqual(records, expected, name);
  }
});

test('export rows lose their statistics and timestamps, and JSON cells are read', () => {
  assert.deepEqual(
    exportRecord({
      id: 'cust_1', source_id: 'c1', address_city: 'Oslo', created_at: '2024-01-01', redemptions_total_redeemed: '3',
      orders_total_amount: '100', loyalty_points: '7', metadata: '{"tier":"gold","visits":3}', notes: '{not json',
    }),
    { id: 'cust_1', source_id: 'c1', address_city: 'Oslo', 'metadata.tier': 'gold', 'metadata.visits': 3, notes: '{not json' },
  );
  assert.deepEqual(exportRecord({ source_id: 'p1', attributes: '["color","size"]' }), { source_id: 'p1', attributes: ['color', 'size'] });
});

test('every command has a --help that exits 0, also as help <command>', () => {
  const main = run(['--help']);
  assert.equal(main.status, 0);
  for (const command of ['check-csv', 'check-payload', 'build-customers', 'plan']) {
    assert.match(main.stdout, new RegExp(`^  ${command} `, 'm'));
    const help = run([command, '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, new RegExp(`^Usage: voucherify-sync ${command} `));
    assert.match(help.stdout, /\n\nExit status: 0 when [^]*, 1 when [^]*, 2 on usage\s+or I\/O errors\.\n$/);
    assert.equal(run(['help', command]).stdout, help.stdout);
    assert.equal(run([command, '-h']).stdout, help.stdout);
  }
});

// human.js: the command line's output for people: colours (only on a terminal, never with
// NO_COLOR), summary tables, and the first issues grouped by code with where each one is.

/** Issues shown per code; the rest are counted. */
export const ISSUES_PER_CODE = 5;

/**
 * Whether to colour what goes to `stream`: a terminal, and NO_COLOR unset or empty.
 * @param {{ isTTY?: boolean }} stream @param {Record<string, string | undefined>} env
 */
export function colourEnabled(stream, env) {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** Functions that colour text, or leave it as is when `enabled` is false. */
export function palette(enabled) {
  const paint = (code) => (text) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : String(text));
  return { bold: paint(1), dim: paint(2), red: paint(31), green: paint(32), yellow: paint(33), cyan: paint(36) };
}

/** `VALID` in green or `INVALID` in red. */
export function verdict(valid, c) {
  return valid ? c.green('VALID') : c.red('INVALID');
}

/**
 * A table with a header row and right-aligned numbers, indented by two spaces.
 * @param {string[]} header @param {(string | number)[][]} rows
 */
export function table(header, rows, c) {
  const cells = [header, ...rows.map((row) => row.map(formatCell))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column]).length)));
  return cells.map((row, index) => {
    const line = row.map((cell, column) => String(cell).padStart(widths[column])).join('  ');
    return `  ${index === 0 ? c.dim(line) : line}`;
  });
}

function formatCell(cell) {
  return typeof cell === 'number' ? formatCount(cell) : cell;
}

/** A count with thousands separated: `1 000 000`. */
export function formatCount(count) {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A size in bytes, kB, MB or GB (decimal). */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `1 row`, `2 rows`. */
export function plural(count, noun) {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The issues grouped by code (codes in the order they first appear), at most
 * `ISSUES_PER_CODE` of each shown with `where(issue)`; `counts` (exact counts by code, when
 * the list was cut) adds "and N more".
 * @param {object[]} issues
 * @param {(issue: object) => string} where the location of an issue: `row 4, line 5, column Email`
 * @param {Record<string, number>} [counts]
 * @returns {string[]} lines
 */
export function issueGroups(issues, where, c, counts = undefined) {
  const groups = new Map();
  for (const issue of issues) {
    if (!groups.has(issue.code)) groups.set(issue.code, []);
    groups.get(issue.code).push(issue);
  }
  for (const code of Object.keys(counts ?? {})) if (!groups.has(code)) groups.set(code, []);
  const lines = [];
  for (const [code, listed] of groups) {
    const total = counts?.[code] ?? listed.length;
    lines.push(`${c.bold(code)} ${c.dim(`(${formatCount(total)})`)}`);
    const shown = listed.slice(0, ISSUES_PER_CODE);
    const places = shown.map(where);
    const width = Math.max(0, ...places.map((place) => place.length));
    for (const [index, issue] of shown.entries()) {
      const severity = issue.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const value = issue.value === undefined ? '' : c.dim(`  (${JSON.stringify(issue.value)})`);
      lines.push(`  ${severity}  ${places[index].padEnd(width)}  ${issue.message}${value}`);
    }
    if (total > shown.length) lines.push(c.dim(`  … and ${formatCount(total - shown.length)} more`));
  }
  return lines;
}

/** `row 4, line 5, column Email` (row 0 is the header), leaving out what is unknown. */
export function place({ record, row, line, column, path }) {
  const parts = [];
  if (row === 0) parts.push('header');
  else if (row !== undefined) parts.push(`row ${row}`);
  else if (record !== undefined) parts.push(`record ${record}`);
  if (line !== undefined) parts.push(`line ${line}`);
  if (column) parts.push(`column ${column}`);
  else if (path) parts.push(path);
  return parts.join(', ');
}

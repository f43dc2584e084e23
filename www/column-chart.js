// column-chart.js: a small horizontal bar chart of the listed CSV issues per column, errors and
// warnings stacked; the numbers are text, so the chart reads the same without the bars.

import { el, formatCount, replace } from './dom.js';

const MOST_COLUMNS = 12;

/**
 * Draws the chart of `issues` in `container`.
 * @param {HTMLElement} container
 * @param {{ column: string, severity: string }[]} issues
 * @param {number} found the issues found, which may be more than those listed
 */
export function renderColumnChart(container, issues, found = issues.length) {
  const byColumn = new Map();
  for (const { column, severity } of issues) {
    const name = column === '' ? '(whole row)' : column;
    const entry = byColumn.get(name) ?? { name, errors: 0, warnings: 0 };
    if (severity === 'error') entry.errors += 1;
    else entry.warnings += 1;
    byColumn.set(name, entry);
  }
  const columns = [...byColumn.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
  if (columns.length === 0) {
    replace(container, el('p', {}, 'No issues.'));
    return;
  }
  const largest = total(columns[0]);
  const shown = columns.slice(0, MOST_COLUMNS);
  const bar = (count, kind) => {
    const segment = el('span', { class: `bar ${kind}` });
    segment.style.width = `${(100 * count) / largest}%`;
    return segment;
  };
  replace(container,
    el('ul', { class: 'chart', id: 'column-chart' }, shown.map((column) => el('li', {},
      el('span', { class: 'chart-label' }, column.name),
      el('span', { class: 'chart-track', 'aria-hidden': 'true' }, bar(column.errors, 'error'), bar(column.warnings, 'warning')),
      el('span', { class: 'chart-count' },
        formatCount(total(column)),
        el('span', { class: 'visually-hidden' }, `: ${formatCount(column.errors)} errors, ${formatCount(column.warnings)} warnings`)),
    ))),
    el('p', { class: 'chart-legend' },
      el('span', { class: 'key error', 'aria-hidden': 'true' }), 'errors ',
      el('span', { class: 'key warning', 'aria-hidden': 'true' }), 'warnings',
      columns.length > MOST_COLUMNS ? `; ${columns.length - MOST_COLUMNS} more columns not shown` : '',
      found > issues.length ? `; from the first ${formatCount(issues.length)} of ${formatCount(found)} issues` : ''),
  );
}

function total(column) {
  return column.errors + column.warnings;
}

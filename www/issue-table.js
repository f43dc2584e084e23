// issue-table.js: the paged table of CSV issues. Only one page (100 rows) is in the document at
// a time, so 100 000 issues render as fast as 100; a code filter narrows the list.

import { el, formatCount, issueCode, replace } from './dom.js';

const PAGE_ROWS = 100;

/**
 * Builds the table and its controls in `container`.
 * @param {HTMLElement} container
 * @returns {{ show(issues: object[]): void, filterByCode(code: string): void }}
 */
export function createIssueTable(container) {
  let all = [];
  let shown = [];
  let page = 0;

  const filter = el('select', { id: 'issue-filter' });
  const range = el('p', { class: 'range', id: 'issue-range', 'aria-live': 'polite' });
  const body = el('tbody');
  const table = el('table', { class: 'issues-table', id: 'issue-table' },
    el('caption', { class: 'visually-hidden' }, 'Issues of the CSV file, one page at a time'),
    el('thead', {}, el('tr', {}, ['Row', 'Line', 'Column', 'Severity', 'Code', 'Value', 'Message'].map((name) => el('th', { scope: 'col' }, name)))),
    body);
  const pageInput = el('input', { id: 'issue-page', type: 'number', min: 1, inputmode: 'numeric', class: 'page-input' });
  const pageCount = el('span', { id: 'issue-page-count' });
  const button = (label, action) => el('button', { type: 'button', onclick: action }, label);
  const first = button('First', () => go(0));
  const previous = button('Previous', () => go(page - 1));
  const next = button('Next', () => go(page + 1));
  const last = button('Last', () => go(Infinity));

  replace(container,
    el('div', { class: 'table-controls' },
      el('div', { class: 'field inline' }, el('label', { for: 'issue-filter' }, 'Show'), filter),
      range),
    el('div', { class: 'scroll-x', role: 'region', 'aria-labelledby': 'issue-range', tabindex: 0 }, table),
    el('nav', { class: 'pager', 'aria-label': 'Pages of issues' },
      first, previous,
      el('span', { class: 'page-picker' }, el('label', { for: 'issue-page' }, 'Page'), pageInput, pageCount),
      next, last));

  filter.addEventListener('change', () => {
    shown = filter.value === '' ? all : all.filter((issue) => issue.code === filter.value);
    go(0);
  });
  pageInput.addEventListener('change', () => go(Number(pageInput.value) - 1));

  function pages() {
    return Math.max(1, Math.ceil(shown.length / PAGE_ROWS));
  }

  function go(target) {
    page = Math.min(Math.max(0, Number.isFinite(target) ? Math.trunc(target) : pages() - 1), pages() - 1);
    const start = page * PAGE_ROWS;
    const slice = shown.slice(start, start + PAGE_ROWS);
    body.replaceChildren(...slice.map(issueRow));
    range.textContent = shown.length === 0
      ? 'No issues to show.'
      : `Issues ${formatCount(start + 1)}–${formatCount(start + slice.length)} of ${formatCount(shown.length)}${filter.value ? ` (${filter.value})` : ''}`;
    pageInput.value = String(page + 1);
    pageInput.max = String(pages());
    pageCount.textContent = `of ${formatCount(pages())}`;
    first.disabled = previous.disabled = page === 0;
    next.disabled = last.disabled = page >= pages() - 1;
  }

  return {
    show(issues) {
      all = issues;
      shown = issues;
      const counts = new Map();
      for (const issue of issues) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
      filter.replaceChildren(
        el('option', { value: '' }, `all codes (${formatCount(issues.length)})`),
        ...[...counts].sort((a, b) => b[1] - a[1]).map(([code, count]) => el('option', { value: code }, `${code} (${formatCount(count)})`)),
      );
      go(0);
    },
    filterByCode(code) {
      filter.value = code;
      filter.dispatchEvent(new Event('change'));
    },
  };
}

function issueRow(issue) {
  return el('tr', { class: `severity-${issue.severity}` },
    el('td', { 'data-label': 'Row', class: 'number' }, issue.row === 0 ? 'header' : formatCount(issue.row)),
    el('td', { 'data-label': 'Line', class: 'number' }, formatCount(issue.line)),
    el('td', { 'data-label': 'Column' }, issue.column === '' ? el('span', { class: 'muted' }, '(whole row)') : issue.column),
    el('td', { 'data-label': 'Severity' }, el('span', { class: `badge ${issue.severity}` }, issue.severity)),
    el('td', { 'data-label': 'Code' }, issueCode(issue.code)),
    el('td', { 'data-label': 'Value', class: 'value' }, issue.value ?? ''),
    el('td', { 'data-label': 'Message' }, issue.message),
  );
}

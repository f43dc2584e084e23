// csv-view.js: the CSV check view. The file is handed to a Web Worker (`createCsvWorker`), which
// reads and checks it on this device; the page shows progress, lets the check be cancelled, and
// renders the report and download links from what the worker sends back.

import { createCsvWorker } from '../pkg/index.js';
import { renderColumnChart } from './column-chart.js';
import { announce, el, formatBytes, formatCount, issueCode, plural, replace } from './dom.js';
import { createIssueTable } from './issue-table.js';

/** The most issues the worker lists; the counts stay exact beyond it. */
const MAX_ISSUES = 100_000;

/** Sets up the view; the worker starts with the first check. */
export function setUpCsvView() {
  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('csv-form'),
    kind: $('csv-kind'),
    file: $('csv-file'),
    fileHint: $('csv-file-hint'),
    drop: $('csv-drop'),
    productsField: $('csv-products-field'),
    products: $('csv-products'),
    schemas: $('csv-schemas'),
    check: $('csv-check'),
    cancel: $('csv-cancel'),
    progress: $('csv-progress'),
    progressBar: $('csv-progress-bar'),
    progressText: $('csv-progress-text'),
    status: $('csv-status'),
    error: $('csv-error'),
    report: $('csv-report'),
    counts: $('csv-counts'),
    truncated: $('csv-truncated'),
    headerProblem: $('csv-header-problem'),
    downloads: $('csv-downloads'),
    codes: $('csv-codes'),
    chart: $('csv-chart'),
  };
  const table = createIssueTable($('csv-issues'));
  let worker = null;
  let running = null;
  let objectUrls = [];

  const showKind = () => {
    ui.productsField.hidden = ui.kind.value !== 'skus';
  };
  ui.kind.addEventListener('change', showKind);
  showKind();
  ui.file.addEventListener('change', () => describeChosen(ui));
  setUpDropZone(ui);

  ui.cancel.addEventListener('click', () => running?.abort());
  ui.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running !== null) return;
    const file = ui.file.files[0];
    // A new check makes the last report stale, whether or not this one can start.
    ui.error.textContent = '';
    ui.status.textContent = '';
    ui.report.hidden = true;
    if (file === undefined) {
      announce(ui.error, 'Choose a CSV file first.');
      ui.file.focus();
      return;
    }
    running = new AbortController();
    let options;
    try {
      options = await checkOptions(ui);
    } catch (problem) {
      running = null;
      announce(ui.error, problem.message);
      return;
    }
    const kind = ui.kind.value;
    const started = performance.now();
    startProgress(ui, file);
    announce(ui.status, `Checking “${file.name}”…`);
    try {
      worker ??= createCsvWorker();
      const result = await worker.validate(kind, file, {
        ...options,
        maxIssues: MAX_ISSUES,
        outputs: ['cleaned', 'failed', 'parts'],
        signal: running.signal,
        onProgress: (progress) => showProgress(ui, progress, started),
      });
      for (const url of objectUrls) URL.revokeObjectURL(url);
      objectUrls = renderReport(ui, table, result, file, performance.now() - started);
      const { report } = result;
      announce(ui.status, `Checked “${file.name}”: ${plural(report.rows, 'row')}, ${formatCount(report.invalidRows)} invalid; ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`);
    } catch (problem) {
      ui.status.textContent = '';
      if (problem.code === 'aborted') {
        announce(ui.status, `Cancelled the check of “${file.name}” after ${formatBytes(Number(ui.progressBar.value))}.`);
      } else {
        announce(ui.error, `The check failed: ${problem.message}`);
        if (problem.code === 'init_failed' || problem.code === 'internal_error') {
          worker?.terminate();
          worker = null;
        }
      }
    } finally {
      running = null;
      ui.check.disabled = false;
      ui.cancel.disabled = true;
      ui.progress.hidden = true;
      ui.form.removeAttribute('aria-busy');
    }
  });
}

/** The products file and metadata schemas as the worker takes them; throws a readable Error. */
async function checkOptions(ui) {
  const options = {};
  const products = ui.products.files[0];
  if (ui.kind.value === 'skus' && products !== undefined) options.products = products;
  const schemas = ui.schemas.files[0];
  if (schemas !== undefined) {
    try {
      options.metadataSchemas = JSON.parse(await schemas.text());
    } catch (error) {
      throw new Error(`The metadata schemas file “${schemas.name}” is not valid JSON: ${error.message}`);
    }
  }
  return options;
}

function describeChosen(ui) {
  const file = ui.file.files[0];
  ui.fileHint.textContent = file === undefined
    ? 'Choose a file, or drop it on this box.'
    : `Chosen: “${file.name}”, ${formatBytes(file.size)}.`;
}

function setUpDropZone(ui) {
  // A file dropped anywhere else must not make the browser open it instead of the page.
  for (const type of ['dragover', 'drop']) document.addEventListener(type, (event) => event.preventDefault());
  ui.drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    ui.drop.classList.add('dragging');
  });
  ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('dragging'));
  ui.drop.addEventListener('drop', (event) => {
    event.preventDefault();
    ui.drop.classList.remove('dragging');
    if (event.dataTransfer.files.length === 0) return;
    ui.file.files = event.dataTransfer.files;
    describeChosen(ui);
    ui.file.focus();
  });
}

function startProgress(ui, file) {
  ui.check.disabled = true;
  ui.cancel.disabled = false;
  ui.form.setAttribute('aria-busy', 'true');
  ui.progress.hidden = false;
  ui.progressBar.max = Math.max(file.size, 1);
  ui.progressBar.value = 0;
  ui.progressText.textContent = `0 B of ${formatBytes(file.size)}`;
}

function showProgress(ui, { bytes, totalBytes, rows }, started) {
  const seconds = (performance.now() - started) / 1000;
  ui.progressBar.value = bytes;
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  ui.progressText.textContent = `${formatBytes(bytes)} of ${formatBytes(totalBytes ?? bytes)} · ${formatCount(rows)} rows · ${formatCount(rate)} rows/s`;
}

/** Renders the report; returns the object URLs of the downloads, to revoke later. */
function renderReport(ui, table, { report, cleaned, failed, parts }, file, elapsedMs) {
  const counts = [
    ['Rows', formatCount(report.rows), 'rows'],
    ['Valid rows', formatCount(report.validRows), 'validRows'],
    ['Invalid rows', formatCount(report.invalidRows), 'invalidRows'],
    ['Errors', formatCount(report.errors), 'errors'],
    ['Warnings', formatCount(report.warnings), 'warnings'],
    ['Size', formatBytes(report.bytes), 'bytes'],
    ['Time', `${(elapsedMs / 1000).toFixed(1)} s`, 'time'],
  ];
  replace(ui.counts, counts.map(([label, value, key]) => el('div', { class: 'count' }, el('dt', {}, label), el('dd', { dataset: { count: key } }, value))));

  const total = report.errors + report.warnings;
  ui.truncated.hidden = !report.truncated;
  ui.truncated.textContent = report.truncated
    ? `The list below holds the first ${formatCount(report.issues.length)} of ${formatCount(total)} issues; the counts are exact.`
    : '';

  const urls = [];
  const base = file.name.replace(/\.csv$/i, '');
  const link = (blob, name, label, id) => {
    const url = URL.createObjectURL(blob);
    urls.push(url);
    return el('a', { class: 'button', href: url, download: name, id }, label, el('span', { class: 'size' }, ` · ${formatBytes(blob.size)}`));
  };
  // The rows are all invalid because of the header: say so once, above the table of issues.
  const headerErrors = report.issues.filter((issue) => issue.row === 0 && issue.severity === 'error');
  ui.headerProblem.hidden = headerErrors.length === 0;
  ui.headerProblem.textContent = headerErrors.length === 0
    ? ''
    : `The header has ${plural(headerErrors.length, 'error')}, so every row counts as invalid until it is fixed: ${headerErrors.map((issue) => issue.message).join('; ')}.`;

  // A cleaned file or part without a single row would only hold the header: none is offered.
  const anyValid = report.validRows > 0;
  replace(ui.downloads,
    anyValid
      ? link(cleaned, `${base}.cleaned.csv`, 'Cleaned file', 'download-cleaned')
      : el('span', { class: 'muted', id: 'no-cleaned' }, 'No cleaned file: no row is valid'),
    report.invalidRows > 0
      ? link(failed, `${base}.failed.csv`, `Failed rows (${formatCount(report.invalidRows)})`, 'download-failed')
      : el('span', { class: 'muted' }, 'No failed rows'),
    (anyValid ? parts : []).map((part, index) => link(part, `${base}.part-${String(index + 1).padStart(3, '0')}.csv`, `Part ${index + 1} of ${parts.length}`, `download-part-${index + 1}`)),
  );

  const byCode = Object.entries(report.countsByCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  replace(ui.codes, byCode.length === 0
    ? el('p', {}, 'No issues: the file can be imported as it is.')
    : el('table', { class: 'codes-table', id: 'codes-table' },
      el('caption', { class: 'visually-hidden' }, 'Issues by code, with a count each'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Code'), el('th', { scope: 'col', class: 'number' }, 'Count'), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Action')))),
      el('tbody', {}, byCode.map(([code, count]) => el('tr', { dataset: { code } },
        el('th', { scope: 'row' }, issueCode(code)),
        el('td', { class: 'number' }, formatCount(count)),
        el('td', {}, el('button', {
          type: 'button',
          class: 'link',
          'aria-label': `List the ${code} issues`,
          onclick: () => {
            table.filterByCode(code);
            document.getElementById('issue-filter').focus();
          },
        }, 'List')),
      )))));

  renderColumnChart(ui.chart, report.issues, total);
  table.show(report.issues);
  ui.report.hidden = false;
  return urls;
}

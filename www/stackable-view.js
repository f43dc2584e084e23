// stackable-view.js: the stackable request builder view. Every change of the cart form prepares
// the request again with `prepareStackableRequest` and shows the body, its issues and the
// application order; sending is off until turned on, and the client keys live only in their
// fields.

import { createClient, prepareStackableRequest, summarizeResult } from '../pkg/index.js';
import { readCart, readJsonField, repeatableRows } from './cart-form.js';
import { announce, el, issueCode, replace } from './dom.js';

/** Sets up the view; call after `init()`. */
export function setUpStackableView() {
  const form = document.getElementById('cart-form');
  const output = {
    status: document.getElementById('prepared-status'),
    error: document.getElementById('prepared-error'),
    issues: document.getElementById('prepared-issues'),
    order: document.getElementById('application-order'),
    body: document.getElementById('prepared-body'),
  };
  let latest = null;
  let scheduled = false;
  const send = setUpSending(() => latest);
  const update = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      latest = prepare(form, lists, output);
      send.preparedChanged(latest);
    });
  };
  const list = (id, templateId, addId, noun) => repeatableRows({
    list: document.getElementById(id),
    template: document.getElementById(templateId),
    addButton: document.getElementById(addId),
    noun,
    onChange: update,
  });
  const lists = {
    giftCards: list('gift-cards', 'gift-card-row', 'add-gift-card', 'gift card'),
    loyaltyCards: list('loyalty-cards', 'loyalty-card-row', 'add-loyalty-card', 'loyalty card'),
    items: list('items', 'item-row', 'add-item', 'item'),
  };
  // A cart to start from, so the output has something to show.
  form.elements.namedItem('codes').value = 'SUMMER10';
  lists.items.add({ kind: 'productId', id: 'prod_tee', price: '2500', quantity: '2' });

  const sessionLock = form.elements.namedItem('session');
  sessionLock.addEventListener('change', () => {
    for (const name of ['session_key', 'session_ttl', 'session_ttl_unit']) form.elements.namedItem(name).disabled = !sessionLock.checked;
  });
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  update();
}

/** Prepares the request from the form and renders it; returns the prepared request or null. */
function prepare(form, lists, output) {
  const rules = jsonField(form, 'stacking_rules', 'stacking-rules-error');
  const categories = jsonField(form, 'categories', 'categories-error');
  if (rules.error || categories.error) {
    const which = rules.error ? 'stacking rules' : 'categories';
    output.status.textContent = '';
    setText(output.error, `The ${which} are not valid JSON; the request below is out of date.`);
    return null;
  }
  const options = sameOptions({
    operation: form.elements.namedItem('operation').value,
    stackingRules: rules.value,
    categories: categories.value,
  });
  let prepared;
  try {
    prepared = prepareStackableRequest(readCart(form, lists), options);
  } catch (error) {
    output.status.textContent = '';
    setText(output.error, `The request cannot be prepared: ${error.message}`);
    return null;
  }
  output.error.textContent = '';
  renderPrepared(prepared, output);
  return { prepared, operation: options.operation };
}

let lastOptions = { json: '', value: null };

/**
 * The options object of the last preparation while the options are unchanged: the package
 * builds its preparer once per options object, so typing in the cart reuses it.
 */
function sameOptions(options) {
  const json = JSON.stringify(options);
  if (json !== lastOptions.json) lastOptions = { json, value: JSON.parse(json) };
  return lastOptions.value;
}

/** Reads a JSON textarea, marking it invalid and showing the parser's message when it is not JSON. */
function jsonField(form, name, errorId) {
  const textarea = form.elements.namedItem(name);
  const read = readJsonField(textarea);
  const message = read.error === undefined ? '' : `Not valid JSON: ${read.error}`;
  document.getElementById(errorId).textContent = message;
  if (message === '') textarea.removeAttribute('aria-invalid');
  else textarea.setAttribute('aria-invalid', 'true');
  return read;
}

function renderPrepared({ valid, body, issues, applicationOrder }, output) {
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const warnings = issues.length - errors;
  const summary = valid
    ? `Ready to send: no errors, ${plural(warnings, 'warning')}.`
    : `Not ready: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  setText(output.status, summary);
  output.status.dataset.valid = String(valid);

  replace(output.issues, issues.length === 0
    ? el('p', {}, 'No issues.')
    : el('ul', { class: 'issue-list', id: 'prepared-issue-list' }, issues.map((issue) => el('li', { class: `severity-${issue.severity}` },
      el('p', { class: 'issue-head' },
        el('span', { class: `badge ${issue.severity}` }, issue.severity), ' ',
        issueCode(issue.code), ' at ',
        el('code', { class: 'issue-path' }, issue.path || '(cart)')),
      el('p', { class: 'issue-message' }, issue.message),
    ))));

  replace(output.order, applicationOrder.length === 0
    ? el('p', {}, 'No redeemables yet.')
    : el('ol', { class: 'application-order', id: 'application-order-list' }, applicationOrder.map((placement) => el('li', {},
      el('code', {}, placement.id), ` ${placement.object.replace('_', ' ')}, ${placement.group}`,
      placement.skippedBecause ? el('span', { class: 'badge warning' }, 'skipped: ', issueCode(placement.skippedBecause)) : null,
    ))));

  output.body.textContent = JSON.stringify(body, null, 2);
}

/** The optional sending part: off by default; the keys are read from the fields when sending. */
function setUpSending(latest) {
  const enabled = document.getElementById('send-enabled');
  const fields = ['send-url', 'send-app-id', 'send-token'].map((id) => document.getElementById(id));
  const button = document.getElementById('send-button');
  const status = document.getElementById('send-status');
  const error = document.getElementById('send-error');
  const result = document.getElementById('send-result');
  const refresh = () => {
    for (const field of fields) field.disabled = !enabled.checked;
    const current = latest();
    button.disabled = !enabled.checked || current === null || !current.prepared.valid;
    button.textContent = current?.operation === 'POST /client/v1/redemptions' ? 'Send the redemption' : 'Send the validation';
  };
  enabled.addEventListener('change', refresh);
  document.getElementById('send-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const current = latest();
    if (!enabled.checked || current === null || !current.prepared.valid) return;
    const [url, appId, token] = fields.map((field) => field.value.trim());
    error.textContent = '';
    replace(result);
    button.disabled = true;
    announce(status, 'Sending…');
    try {
      // fetch is passed wrapped: a bare window.fetch called as a method of another object
      // throws "Illegal invocation" in browsers.
      const client = createClient({
        apiUrl: url,
        clientApplicationId: appId,
        clientToken: token,
        fetch: (input, init) => globalThis.fetch(input, init),
      });
      const redeem = current.operation === 'POST /client/v1/redemptions';
      const response = await (redeem ? client.redeem(current.prepared.body) : client.validate(current.prepared.body));
      renderResponse(result, response);
      announce(status, 'The API answered.');
    } catch (failure) {
      status.textContent = '';
      const where = failure.status ? ` (HTTP ${failure.status}${failure.key ? `, ${failure.key}` : ''})` : '';
      announce(error, `Sending failed${where}: ${failure.message}`);
    } finally {
      refresh();
    }
  });
  refresh();
  return { preparedChanged: refresh };
}

function renderResponse(container, response) {
  let summary = null;
  try {
    summary = summarizeResult(response);
  } catch {
    // Not a validation or redemption answer; the raw body below still shows.
  }
  replace(container,
    summary && el('ul', { class: 'outcomes' }, summary.redeemables.map((entry) => el('li', {},
      el('code', {}, entry.id), ` ${entry.status}`,
      entry.discountAmount !== null ? `, discount ${entry.discountAmount}` : '',
      entry.reason ? ` (${entry.reason})` : '',
    ))),
    summary && el('p', {}, `Amount ${summary.totals.amount ?? '–'}, discount ${summary.totals.discountAmount ?? '–'}, total ${summary.totals.totalAmount ?? '–'}.`),
    el('details', {}, el('summary', {}, 'Response body'), el('pre', { class: 'json', tabindex: 0 }, JSON.stringify(response, null, 2))),
  );
}

/** Sets a live region's text only when it changes, so typing does not repeat announcements. */
function setText(region, text) {
  if (region.textContent !== text) region.textContent = text;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

// main.js: the demo page's entry: loads the WebAssembly module, sets up both views and switches
// between them with the address's fragment (#csv, #stackable), so links and Back work.

import { init } from '../pkg/index.js';
import { setUpCsvView } from './csv-view.js';
import { setUpStackableView } from './stackable-view.js';

const VIEWS = ['csv', 'stackable'];

/** Shows the view the fragment names; other fragments (#main of the skip link) keep the view. */
function showView(moveFocus) {
  const wanted = location.hash.slice(1);
  if (!VIEWS.includes(wanted) && document.body.dataset.view !== undefined) return;
  const current = VIEWS.includes(wanted) ? wanted : VIEWS[0];
  for (const name of VIEWS) document.getElementById(name).hidden = name !== current;
  for (const link of document.querySelectorAll('[data-view]')) {
    if (link.dataset.view === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.body.dataset.view = current;
  if (moveFocus) document.getElementById(`${current}-title`).focus();
}

window.addEventListener('hashchange', () => showView(true));
showView(false);

const status = document.getElementById('load-status');
try {
  await init();
  setUpCsvView();
  setUpStackableView();
  status.textContent = 'Ready.';
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = '';
  document.getElementById('load-error').textContent = `The checker could not be loaded: ${error.message}`;
}

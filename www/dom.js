// dom.js: building elements from data without ever parsing HTML: every string given becomes a
// text node or an attribute value, so file content shows literally and cannot run.

/**
 * Creates an element. `attributes` become attributes (`true` an empty one, `false`/`null`
 * none), except `class`, `dataset`, and `on<event>` functions, which become listeners.
 * Children are nodes or strings (as text); arrays are flattened, null and false skipped.
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Node | string | number | null | false | Array<Node | string | number | null | false>)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') {
      element.className = String(value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends nodes and strings (as text) to `parent`. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** An issue code as `<code>`, with a line-break opportunity after each underscore. */
export function issueCode(code) {
  const parts = code.split('_');
  return el('code', { class: 'issue-code' }, parts.map((part, index) => (index < parts.length - 1 ? [`${part}_`, el('wbr')] : part)));
}

/** Replaces every child of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

const counts = new Intl.NumberFormat('en-US');

/** `123456` → `123,456`. */
export function formatCount(value) {
  return counts.format(value);
}

/** `1 row`, `2 rows`, `1,000 rows`. */
export function plural(count, noun) {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** A byte size for people: `812 B`, `12.4 KB`, `50.0 MB`. */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} KB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** Puts a message in a live region; the same text again is announced again. */
export function announce(region, message) {
  if (region.textContent === message) region.textContent = '';
  region.textContent = message;
}

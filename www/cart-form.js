// cart-form.js: the cart form of the stackable request builder: repeatable rows (gift cards,
// loyalty cards, items) cloned from <template>s, and reading the whole form as the cart and
// options `prepareStackableRequest` takes. Values are passed on as typed; the package reports
// what is wrong with them.

let uniqueRow = 0;

/**
 * A list of rows cloned from a template, with add and remove buttons.
 * @param {{ list: HTMLElement, template: HTMLTemplateElement, addButton: HTMLButtonElement,
 *   noun: string, onChange: () => void }} parts
 */
export function repeatableRows({ list, template, addButton, noun, onChange }) {
  const renumber = () => {
    [...list.children].forEach((row, index) => {
      row.setAttribute('aria-label', `${noun} ${index + 1}`);
      row.querySelector('.remove').setAttribute('aria-label', `Remove ${noun} ${index + 1}`);
    });
  };
  const add = (values = {}) => {
    const row = template.content.firstElementChild.cloneNode(true);
    const suffix = `-${++uniqueRow}`;
    row.setAttribute('role', 'group');
    for (const control of row.querySelectorAll('[data-id]')) {
      control.id = `${template.id}-${control.dataset.id}${suffix}`;
      if (values[control.dataset.name] !== undefined) control.value = String(values[control.dataset.name]);
    }
    for (const label of row.querySelectorAll('label[data-for]')) label.htmlFor = `${template.id}-${label.dataset.for}${suffix}`;
    row.querySelector('.remove').addEventListener('click', () => {
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      renumber();
      (next?.querySelector('input, select') ?? addButton).focus();
      onChange();
    });
    list.append(row);
    renumber();
    return row;
  };
  addButton.addEventListener('click', () => {
    add().querySelector('input, select').focus();
    onChange();
  });
  return { add, rows: () => [...list.children] };
}

/** The values of a row's controls by `data-name`. */
export function rowValues(row) {
  const values = {};
  for (const control of row.querySelectorAll('[data-name]')) values[control.dataset.name] = control.value;
  return values;
}

/** Non-empty trimmed lines. */
export function lines(text) {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/**
 * A number field: a number when it reads as one, the text as typed otherwise (so the package
 * reports `invalid_type`), undefined when empty.
 */
export function numberField(text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Drops undefined and empty-string members. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== ''));
}

/**
 * Reads the cart from the form.
 * @param {HTMLFormElement} form
 * @param {{ giftCards: ReturnType<typeof repeatableRows>, loyaltyCards: ReturnType<typeof repeatableRows>,
 *   items: ReturnType<typeof repeatableRows> }} lists
 */
export function readCart(form, lists) {
  const field = (name) => form.elements.namedItem(name);
  const cart = {};
  const codes = lines(field('codes').value);
  if (codes.length > 0) cart.codes = codes;
  const giftCards = lists.giftCards.rows().map(rowValues)
    .filter((card) => card.code !== '' || card.credits !== '')
    .map((card) => compact({ code: card.code, credits: numberField(card.credits) }));
  if (giftCards.length > 0) cart.giftCards = giftCards;
  const loyaltyCards = lists.loyaltyCards.rows().map(rowValues)
    .filter((card) => card.code !== '' || card.rewardId !== '' || card.points !== '')
    .map((card) => compact({ code: card.code, rewardId: card.rewardId, points: numberField(card.points) }));
  if (loyaltyCards.length > 0) cart.loyaltyCards = loyaltyCards;
  const tiers = lines(field('tiers').value);
  if (tiers.length > 0) cart.promotionTiers = tiers;
  const items = lists.items.rows().map(rowValues)
    .filter((item) => item.id !== '' || item.price !== '' || item.quantity !== '')
    .map(readItem);
  if (items.length > 0) cart.items = items;
  // Keys of the customer CSV template, so the record goes through the customer builder
  // (trimmed, the email's domain lowercased, ...) like a row of a customers file.
  const customer = compact({
    Source_id: field('source_id').value,
    Name: field('name').value,
    Email: field('email').value,
    Phone: field('phone').value,
  });
  if (Object.keys(customer).length > 0) cart.customer = customer;
  if (field('session').checked) {
    const session = compact({
      key: field('session_key').value.trim(),
      ttl: numberField(field('session_ttl').value),
      ttlUnit: field('session_ttl_unit').value,
    });
    cart.session = Object.keys(session).length > 0 ? session : true;
  }
  return cart;
}

function readItem({ kind, id, price, quantity }) {
  const identity = kind === 'productId' || kind === 'skuId'
    ? { [kind]: id.trim() }
    : { sourceId: id.trim(), relatedObject: kind };
  return compact({ ...identity, price: numberField(price), quantity: numberField(quantity) });
}

/**
 * Reads a JSON textarea: `{ value }` (undefined when empty) or `{ error }` with the parser's
 * message.
 */
export function readJsonField(textarea) {
  const text = textarea.value.trim();
  if (text === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: error.message };
  }
}

// payloads.mjs: the request bodies of the payload benchmark, built from a fixed seed: a
// customer, an order of 20 items, a stackable redemption of 5 redeemables and 20 items, and
// NDJSON files of them where about 1 % of the bodies have a value of the wrong type (which both
// our validator and the OpenAPI schema reject, so the two must count the same invalid bodies).

import { Rng } from './customers-csv.mjs';

const FIRST = ['Maria', 'John', 'Wei', 'Fatima', 'Olga', 'Pedro', 'Aisha', 'Tom'];
const LAST = ['Kowalska', 'Smith', 'Chen', 'Khan', 'Novak', 'Silva', 'Okafor', 'Berg'];
const CITIES = ['Gdańsk', 'New York', 'Lisbon', 'Austin', 'Berlin', 'Osaka'];
const TIERS = ['gold', 'silver', 'bronze'];

/** A `POST /v1/customers` body. */
export function customer(i, rng = new Rng(i + 1)) {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  return {
    source_id: `crm-${String(i).padStart(8, '0')}`,
    name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
    phone: `+48 601 ${String(rng.below(1000)).padStart(3, '0')} ${String(rng.below(1000)).padStart(3, '0')}`,
    birthdate: `${1950 + rng.below(55)}-${String(1 + rng.below(12)).padStart(2, '0')}-${String(1 + rng.below(28)).padStart(2, '0')}`,
    address: {
      line_1: `ul. Długa ${1 + rng.below(200)}/${1 + rng.below(20)}`,
      city: rng.pick(CITIES),
      postal_code: `${String(rng.below(100)).padStart(2, '0')}-${String(rng.below(1000)).padStart(3, '0')}`,
      country: 'PL',
    },
    metadata: { loyalty_tier: rng.pick(TIERS), newsletter: rng.below(2) === 0, lifetime_orders: rng.below(100) },
  };
}

/** `count` order items, amounts consistent with their prices and quantities. */
function items(i, count, rng) {
  const list = [];
  for (let k = 0; k < count; k++) {
    const price = 100 * (1 + rng.below(300));
    const quantity = 1 + rng.below(4);
    const item =
      k % 2 === 0
        ? { product_id: `prod_${(i * 31 + k).toString(16).padStart(16, '0')}`, quantity, price, amount: price * quantity }
        : { source_id: `sku-${i}-${k}`, related_object: 'sku', quantity, price, amount: price * quantity, sku: { metadata: { color: 'blue' } } };
    list.push(item);
  }
  return list;
}

/** A `POST /v1/orders` body with `itemCount` items. */
export function order(i, itemCount = 20, rng = new Rng(i + 7)) {
  const list = items(i, itemCount, rng);
  return {
    source_id: `web-${String(i).padStart(8, '0')}`,
    status: 'PAID',
    amount: list.reduce((sum, item) => sum + item.amount, 0),
    customer: { source_id: `crm-${String(i % 5000).padStart(8, '0')}`, email: `customer${i % 5000}@example.com` },
    items: list,
    metadata: { channel: 'web', store_id: 'eu-online', gift_wrap: rng.below(2) === 0 },
  };
}

/** A stackable `POST /v1/redemptions` body: 5 redeemables of every kind and 20 items. */
export function redemption(i = 0, rng = new Rng(i + 11)) {
  const list = items(i, 20, rng);
  return {
    customer: { source_id: `crm-${String(i).padStart(8, '0')}`, metadata: { segment: 'returning' } },
    options: { expand: ['order', 'redeemable', 'category'] },
    redeemables: [
      { object: 'voucher', id: `SUMMER-${i}` },
      { object: 'promotion_tier', id: 'promo_0aa1b2c3d4e5f6g7' },
      { object: 'voucher', id: `GIFT-${i}`, gift: { credits: 2000 } },
      { object: 'voucher', id: `LOYAL-${i}`, reward: { id: 'rew_0bb2c3d4e5f6g7h8', points: 100 } },
      { object: 'voucher', id: `WELCOME-${i}` },
    ],
    session: { type: 'LOCK', key: `session-${i}` },
    order: {
      source_id: `web-${String(i).padStart(8, '0')}`,
      status: 'CREATED',
      amount: list.reduce((sum, item) => sum + item.amount, 0),
      items: list,
      metadata: { channel: 'web' },
    },
    metadata: { cart_id: `cart-${i}` },
  };
}

/** Bodies per 1000 of an NDJSON file with a value of the wrong type. */
const INVALID_PER_MILLE = 10;

/**
 * NDJSON of `count` bodies from `build(i)` as UTF-8 bytes, and how many are invalid: about 1 %
 * carry a number where the schema wants a string (`spoil(body)`).
 */
export function ndjson(count, build, spoil, seed = 99) {
  const rng = new Rng(seed);
  const encoder = new TextEncoder();
  const parts = [];
  let text = '';
  let invalid = 0;
  for (let i = 0; i < count; i++) {
    const body = build(i);
    if (rng.below(1000) < INVALID_PER_MILLE) {
      spoil(body);
      invalid += 1;
    }
    text += `${JSON.stringify(body)}\n`;
    if (text.length > 1 << 20) {
      parts.push(encoder.encode(text));
      text = '';
    }
  }
  parts.push(encoder.encode(text));
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, count, invalid };
}

/** Makes a customer invalid for both validators: a number as its name. */
export const spoilCustomer = (body) => {
  body.name = 12345;
};

/** Makes an order invalid for both validators: a number as its status. */
export const spoilOrder = (body) => {
  body.status = 1;
};

// Bodies built by `prepareStackableRequest` from carts: for every cart of the corpus below and
// every stackable validation and redemption (client- and server-side), the body the preparer
// makes from a valid cart passes the API's own schema (client-side.json for the client
// operations, validations.json and redemptions.json for the server ones, after the documented
// deviations of lib/spec.mjs), and `validatePayload` on that body says exactly what the preparer
// said about it. Qualifications are not here: the preparer makes no qualification bodies.
//
// A few invalid carts close the file: what the preparer reports, and that the schema and our
// validator see the same body the same way.

import test from "node:test";
import assert from "node:assert/strict";

import { prepareStackableRequest } from "../../pkg/node.js";
import { createRng, seedOf } from "./lib/generate.mjs";
import { OPERATIONS, formatAjvErrors, specValidate } from "./lib/spec.mjs";
import { formatIssues, preview, validatePayload } from "./lib/ours.mjs";

/** The operations the preparer makes bodies for. */
const PREPARED_OPERATIONS = ["POST /client/v1/validations", "POST /client/v1/redemptions", "POST /v1/validations", "POST /v1/redemptions"];

// ---------------------------------------------------------------------------------------------
// The corpus of valid carts: named ones for each feature, then generated ones that mix them.

const NAMED_CARTS = [
  ["a single code", { codes: ["SUMMER10"] }],
  ["a lone code given as a string, not a list", { codes: "WELCOME-5" }],
  ["a numeric code and a code with spaces around it", { codes: [123456, "  BF-2025  "] }],
  ["a gift card with credits", { giftCards: [{ code: "GIFT-0001", credits: 2000 }] }],
  ["a loyalty card paying with points", { loyaltyCards: [{ code: "LOY-0001", rewardId: "rew_EPx1hCTpqzF0HW1z9NKckZH4", points: 200 }] }],
  ["promotion tiers", { promotionTiers: ["promo_DE1N30D731Tg2F6NoMwNas2W", "promo_NDHgTg4VnOLYNjk9r7WOmQxf"] }],
  ["a promotion stack alone", { promotionStack: "stack_KxSD0GahLUg9ULB6TseGfUHJ" }],
  [
    "one of every kind",
    {
      codes: ["GNcuPKGe"],
      giftCards: [{ code: "M3X8IwW8", credits: 100 }],
      loyaltyCards: [{ code: "AnsvocvP", rewardId: "rew_EPx1hCTpqzF0HW1z9NKckZH4", points: 4 }],
      promotionTiers: ["promo_DE1N30D731Tg2F6NoMwNas2W"],
    },
  ],
  [
    "30 redeemables of every kind",
    {
      codes: Array.from({ length: 9 }, (_, i) => `CODE-${i}`),
      giftCards: Array.from({ length: 7 }, (_, i) => ({ code: `GIFT-${i}`, credits: 100 * (i + 1) })),
      loyaltyCards: Array.from({ length: 7 }, (_, i) => ({ code: `LOY-${i}`, rewardId: `rew_${i}`, points: 10 * (i + 1) })),
      promotionTiers: Array.from({ length: 7 }, (_, i) => `promo_${i}`),
    },
  ],
  [
    "items with price × quantity, named every way",
    {
      codes: ["SUMMER10"],
      items: [
        { productId: "prod_0bc3bd8a4e072c5275", price: 700, quantity: 1 },
        { skuId: "sku_0a3efc90375d1217e2", price: 2000, quantity: 3 },
        { sourceId: "sample product1", relatedObject: "product", price: 20000, quantity: 2 },
        { sourceId: "sku-src-red-m", relatedObject: "sku", price: 1599, quantity: 4 },
      ],
    },
  ],
  [
    "items in the API's own spelling, with their amounts",
    { codes: ["SUMMER10"], items: [{ product_id: "prod_1", price: 1500, quantity: 2, amount: 3000 }, { sku_id: "sku_1", price: 99, quantity: 10, amount: 990 }] },
  ],
  [
    "items with nested product and SKU data and item metadata",
    {
      promotionTiers: ["promo_1"],
      items: [
        { sourceId: "prod-src-1", relatedObject: "product", price: 4999, quantity: 1, product: { source_id: "prod-src-1", name: "Classic Shirt", price: 4999, metadata: { color: "navy" } } },
        {
          sourceId: "sku-src-1",
          relatedObject: "sku",
          price: 1250,
          quantity: 2,
          product: { source_id: "prod-src-2", name: "Eco Mug" },
          sku: { source_id: "sku-src-1", sku: "white L", price: 1250 },
          metadata: { gift_wrap: true },
        },
      ],
    },
  ],
  ["a free item", { codes: ["FREEBIE"], items: [{ productId: "prod_free", price: 0, quantity: 1 }] }],
  ["a customer as an API object, by source_id", { codes: ["SUMMER10"], customer: { source_id: "crm-000184", name: "Maria Kowalska", email: "maria.kowalska@example.com", metadata: { vip: true } } }],
  ["a customer as an API object, by id", { codes: ["SUMMER10"], customer: { id: "cust_8iCAFgmNTAvtGHplGs0JfzZG" } }],
  [
    "a customer as an API object with an address and a birthdate",
    {
      giftCards: [{ code: "GIFT-1", credits: 500 }],
      customer: {
        source_id: "bob@example.com",
        name: "Bob Smith",
        phone: "+14155550123",
        birthdate: "1988-02-29",
        address: { line_1: "100 Main St.", city: "New York", state: "NY", country: "United States", postal_code: "10001" },
      },
    },
  ],
  [
    "a customer as a flat CRM record",
    {
      codes: ["SUMMER10"],
      customer: { Name: "John Smith", Source_id: "test-user@voucherify.io", Email: "test-user@voucherify.io", Phone: "+19891234632", Birthdate: "1990-07-03", City: "New York", Country: "United States" },
    },
  ],
  [
    "a customer as a flat CRM record with address lines and metadata columns",
    {
      loyaltyCards: [{ code: "LOY-9", rewardId: "rew_9", points: 50 }],
      customer: {
        Source_id: "crm-77",
        Name: "Ana Costa",
        Address_line_1: "Rua Augusta 10",
        Address_line_2: "3 esq",
        Postal_Code: "1100-148",
        City: "Lisbon",
        Country: "Portugal",
        favorite_brands: "Nike,Puma",
      },
    },
  ],
  ["a session lock with a new key", { codes: ["SUMMER10"], session: true }],
  ["a session lock with a key, ttl and unit", { codes: ["SUMMER10"], giftCards: [{ code: "GIFT-2", credits: 1000 }], session: { key: "ssn_checkout_42", ttl: 15, ttlUnit: "MINUTES" } }],
  ["a session lock with a key only", { promotionTiers: ["promo_2"], session: { key: "ssn_only_key" } }],
  ["a session lock in the API's spelling", { codes: ["SUMMER10"], session: { type: "LOCK", key: "ssn_api", ttl: 2, ttl_unit: "HOURS" } }],
  ["redemption metadata", { codes: ["SUMMER10"], metadata: { location_id: ["L1"], channel: "web", store: 12 } }],
  ["expand everything", { codes: ["SUMMER10"], expand: ["order", "redemption", "redeemable", "category"] }],
  ["a tracking id", { codes: ["SUMMER10"], trackingId: "track_VAVo1/z+G2GI2LPw==" }],
  [
    "everything at once",
    {
      codes: ["GNcuPKGe", "WELCOME-5"],
      giftCards: [{ code: "M3X8IwW8", credits: 100 }],
      loyaltyCards: [{ code: "AnsvocvP", rewardId: "rew_EPx1hCTpqzF0HW1z9NKckZH4", points: 4 }],
      promotionTiers: ["promo_DE1N30D731Tg2F6NoMwNas2W"],
      items: [{ skuId: "sku_0a3efc90375d1217e2", price: 2000, quantity: 1 }, { productId: "prod_0bc3bd8a4e072c5275", price: 700, quantity: 1 }],
      customer: { source_id: "36_bob", email: "bob@example.com" },
      trackingId: "36_bob",
      session: { key: "ssn_all", ttl: 1, ttlUnit: "DAYS" },
      metadata: { checkout: "web" },
      expand: ["order", "redeemable"],
    },
  ],
];

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const TTL_UNITS = ["DAYS", "HOURS", "MICROSECONDS", "MILLISECONDS", "MINUTES", "NANOSECONDS", "SECONDS"];
const FIRST = ["Alice", "Bob", "Chloé", "Dawid", "Emma", "Hiro", "Ines", "João"];
const LAST = ["Smith", "Nowak", "García", "Müller", "Tanaka", "Silva"];

/** A cart mixing the features above at random, from a seed of its own. */
function generatedCart(index) {
  const rng = createRng(seedOf(`stackable cart #${index}`));
  const cart = {};
  const used = new Set();
  const code = (prefix) => {
    let id;
    do id = `${prefix}-${rng.chars(rng.int(4, 9), CODE_ALPHABET)}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
  if (rng.chance(0.1)) {
    cart.promotionStack = `stack_${rng.chars(20)}`;
  } else {
    const total = rng.chance(0.8) ? rng.int(1, 6) : rng.int(7, 30);
    for (let i = 0; i < total; i += 1) {
      const kind = rng.pick(["codes", "codes", "giftCards", "loyaltyCards", "promotionTiers"]);
      cart[kind] ??= [];
      if (kind === "codes") cart.codes.push(code(rng.pick(["SUMMER", "VIP", "REF"])));
      if (kind === "giftCards") cart.giftCards.push({ code: code("GIFT"), credits: rng.int(1, 50000) });
      if (kind === "loyaltyCards") cart.loyaltyCards.push({ code: code("LOY"), rewardId: `rew_${rng.chars(12)}`, points: rng.int(1, 10000) });
      if (kind === "promotionTiers") cart.promotionTiers.push(code("promo"));
    }
  }
  if (rng.chance(0.7)) {
    cart.items = Array.from({ length: rng.int(1, 8) }, () => {
      const item = { price: rng.chance(0.1) ? 0 : rng.int(50, 90000), quantity: rng.int(1, 12) };
      const way = rng.pick(["productId", "skuId", "sourceId"]);
      if (way === "sourceId") {
        item.sourceId = `src-${rng.chars(8)}`;
        item.relatedObject = rng.pick(["product", "sku"]);
      } else {
        item[way] = `${way === "productId" ? "prod" : "sku"}_${rng.chars(18, "0123456789abcdef")}`;
      }
      if (rng.chance(0.2)) item.amount = item.price * item.quantity;
      return item;
    });
  }
  if (rng.chance(0.6)) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const email = `${first}.${last}`.normalize("NFD").replace(/[^A-Za-z.]/g, "").toLowerCase() + "@example.com";
    cart.customer = rng.chance(0.5)
      ? { source_id: `crm-${rng.chars(6, "0123456789")}`, name: `${first} ${last}`, email }
      : { Source_id: `crm-${rng.chars(6, "0123456789")}`, Name: `${first} ${last}`, Email: email, City: "Berlin", Country: "Germany" };
  }
  if (rng.chance(0.5)) {
    cart.session = rng.chance(0.3) ? true : { key: `ssn_${rng.chars(12)}`, ...(rng.chance(0.5) ? { ttl: rng.int(1, 60), ttlUnit: rng.pick(TTL_UNITS) } : {}) };
  }
  if (rng.chance(0.3)) cart.metadata = { channel: rng.pick(["web", "app", "pos"]) };
  if (rng.chance(0.4)) cart.expand = rng.sample(["order", "redemption", "redeemable", "category"], rng.int(1, 4));
  if (rng.chance(0.2)) cart.trackingId = `track_${rng.chars(10)}`;
  return cart;
}

const CARTS = [...NAMED_CARTS.map(([name, cart]) => ({ name, cart })), ...Array.from({ length: 24 }, (_, i) => ({ name: `generated cart #${i}`, cart: generatedCart(i) }))];

// ---------------------------------------------------------------------------------------------
// Checks.

/** The issues the preparer reported on the body, as `validatePayload` would report them. */
function bodyIssues(prepared) {
  return prepared.issues
    .filter((issue) => issue.path === "/body" || issue.path.startsWith("/body/"))
    .filter((issue) => issue.code !== "skipped_by_stacking_rules")
    .map((issue) => ({ ...issue, path: issue.path.slice("/body".length) }));
}

const key = (issue) => `${issue.severity} ${issue.code} ${issue.path}`;

/** The body keeps the contract's promises about redeemables and amounts. */
function checkBody(body, cart) {
  const { redeemables } = body;
  assert.ok(redeemables.length >= 1 && redeemables.length <= 30, `${redeemables.length} redeemables`);
  assert.equal(new Set(redeemables.map((r) => `${r.object} ${r.id}`)).size, redeemables.length, "redeemables repeat");
  if (redeemables.some((r) => r.object === "promotion_stack")) assert.equal(redeemables.length, 1, "the stack is alone");
  for (const r of redeemables) {
    if (r.gift) assert.ok(Number.isInteger(r.gift.credits) && r.gift.credits > 0);
    if (r.reward) assert.ok(typeof r.reward.id === "string" && Number.isInteger(r.reward.points) && r.reward.points > 0);
  }
  if (body.order) {
    const sum = body.order.items.reduce((total, item) => total + item.amount, 0);
    assert.equal(body.order.amount, sum, "the order amount is the sum of the item amounts");
    for (const item of body.order.items) assert.equal(item.amount, item.price * item.quantity, "amount is price × quantity");
  } else {
    assert.equal(cart.items, undefined, "items but no order");
  }
  if (body.customer) {
    const apiFields = ["id", "source_id", "name", "description", "email", "phone", "birthdate", "address", "metadata"];
    assert.deepEqual(Object.keys(body.customer).filter((k) => !apiFields.includes(k)), [], "a customer in the body has API field names only");
  }
  if (body.session) assert.equal(body.session.type, "LOCK");
}

test("the cart corpus: at least 40 valid carts covering every cart field", () => {
  assert.ok(CARTS.length >= 40, `${CARTS.length} carts`);
  const fields = new Set(CARTS.flatMap(({ cart }) => Object.keys(cart)));
  assert.deepEqual([...fields].sort(), ["codes", "customer", "expand", "giftCards", "items", "loyaltyCards", "metadata", "promotionStack", "promotionTiers", "session", "trackingId"].sort());
  assert.ok(CARTS.some(({ cart }) => cart.customer?.Source_id), "a flat CRM record");
  assert.ok(CARTS.some(({ cart }) => cart.customer?.source_id), "an API customer");
  assert.ok(CARTS.filter(({ name }) => name.startsWith("generated")).some(({ cart }) => cart.promotionStack), "a generated stack");
  // Every operation the preparer supports is in OPERATIONS with the file its schema comes from.
  assert.deepEqual(
    PREPARED_OPERATIONS.map((operation) => OPERATIONS[operation].file),
    ["client-side.json", "client-side.json", "validations.json", "redemptions.json"],
  );
});

for (const { name, cart } of CARTS) {
  test(`cart "${name}": each body the preparer makes passes the spec's schema, and validatePayload agrees`, async () => {
    for (const operation of PREPARED_OPERATIONS) {
      const prepared = prepareStackableRequest(cart, { operation });
      const context = `${operation}\ncart: ${preview(cart, 800)}\nbody: ${preview(prepared.body, 1500)}\nissues:\n${formatIssues(prepared.issues)}`;
      assert.equal(prepared.valid, true, `a valid cart is reported invalid\n${context}`);
      // With the default stacking rules (5 applicable redeemables, no categories known), the
      // redeemables after the fifth are marked as likely skipped; nothing else is said.
      const skipped = prepared.issues.filter((issue) => issue.code === "skipped_by_stacking_rules");
      assert.deepEqual(
        skipped.map(key),
        prepared.body.redeemables.slice(5).map((_, i) => `warning skipped_by_stacking_rules /body/redeemables/${i + 5}`),
        context,
      );
      assert.deepEqual(prepared.issues.filter((issue) => !skipped.includes(issue)), [], `issues on a clean cart\n${context}`);
      checkBody(prepared.body, cart);
      const spec = specValidate(operation, prepared.body);
      assert.equal(spec.valid, true, `the spec's schema rejects the prepared body:\n${formatAjvErrors(spec.errors)}\n${context}`);
      const report = await validatePayload(operation, prepared.body);
      assert.equal(report.valid, true, `validatePayload rejects the prepared body:\n${formatIssues(report.issues)}\n${context}`);
      assert.deepEqual(report.issues.map(key), bodyIssues(prepared).map(key), context);
    }
  });
}

test("the same cart gives the same body for each operation, the client and server ones alike", () => {
  for (const { cart } of CARTS) {
    const bodies = PREPARED_OPERATIONS.map((operation) => JSON.stringify(prepareStackableRequest(cart, { operation }).body));
    assert.equal(new Set(bodies).size, 1, preview(cart));
  }
});

// ---------------------------------------------------------------------------------------------
// Carts that cannot be sent, or that the preparer repairs.

test("override on a nested product warns in a validation, which does not store it, and not in a redemption", async () => {
  const cart = { codes: ["SUMMER10"], items: [{ sourceId: "prod-src-1", relatedObject: "product", price: 100, quantity: 1, product: { source_id: "prod-src-1", name: "Mug", override: true } }] };
  for (const operation of PREPARED_OPERATIONS) {
    const prepared = prepareStackableRequest(cart, { operation });
    assert.equal(prepared.valid, true);
    assert.equal(specValidate(operation, prepared.body).valid, true);
    const warns = prepared.issues.map(key);
    const expected = operation.endsWith("validations") ? ["warning ignored_field /body/order/items/0/product/override"] : [];
    assert.deepEqual(warns, expected, operation);
    assert.deepEqual((await validatePayload(operation, prepared.body)).issues.map(key), bodyIssues(prepared).map(key));
  }
});

test("a repeated code is left out with a warning, so the body has no duplicate", async () => {
  const cart = { codes: ["SUMMER10", "VIP-1", "SUMMER10"], giftCards: [{ code: "VIP-1", credits: 500 }] };
  for (const operation of PREPARED_OPERATIONS) {
    const prepared = prepareStackableRequest(cart, { operation });
    assert.equal(prepared.valid, true);
    assert.deepEqual(prepared.issues.map(key), ["warning duplicate /codes/2", "warning duplicate /giftCards/0"]);
    assert.deepEqual(prepared.body.redeemables, [{ object: "voucher", id: "SUMMER10" }, { object: "voucher", id: "VIP-1" }]);
    assert.equal(specValidate(operation, prepared.body).valid, true);
    assert.equal((await validatePayload(operation, prepared.body)).valid, true);
  }
});

const INVALID_CARTS = [
  {
    name: "a promotion stack with a code",
    cart: { codes: ["SUMMER10"], promotionStack: "stack_1" },
    // The schema cannot say "alone" (and reads the redeemables as anyOf): it accepts the body.
    schemaAccepts: true,
    issues: ["error conflicting_fields /body/redeemables/1"],
  },
  {
    name: "31 codes",
    cart: { codes: Array.from({ length: 31 }, (_, i) => `CODE-${i}`) },
    schemaAccepts: false,
    issues: ["error too_many ", "error too_many /body/redeemables", ...Array.from({ length: 26 }, (_, i) => `warning skipped_by_stacking_rules /body/redeemables/${i + 5}`)],
  },
  {
    name: "a gift card with fractional credits, and a loyalty card without a reward",
    cart: { codes: ["A"], giftCards: [{ code: "G", credits: 10.5 }], loyaltyCards: [{ code: "L", points: 3 }] },
    // The faulty cards are left out of the body, which is then valid.
    schemaAccepts: true,
    issues: ["error not_integer_cents /giftCards/0/credits", "error missing_field /loyaltyCards/0/rewardId"],
  },
  {
    name: "a session ttl unit outside the enum",
    cart: { codes: ["A"], session: { key: "ssn_1", ttl: 2, ttlUnit: "WEEKS" } },
    schemaAccepts: false,
    issues: ["error invalid_value /body/session/ttl_unit"],
  },
  {
    name: "an empty code and nothing else",
    cart: { codes: [""] },
    schemaAccepts: false,
    issues: ["error empty_value /codes/0", "error too_few /body/redeemables"],
  },
];

for (const { name, cart, schemaAccepts, issues } of INVALID_CARTS) {
  test(`invalid cart "${name}": the preparer says so, and the schema and validatePayload see its body alike`, async () => {
    for (const operation of PREPARED_OPERATIONS) {
      const prepared = prepareStackableRequest(cart, { operation });
      assert.equal(prepared.valid, false, operation);
      assert.deepEqual(prepared.issues.map(key), issues, `${operation}\n${formatIssues(prepared.issues)}`);
      const spec = specValidate(operation, prepared.body);
      assert.equal(spec.valid, schemaAccepts, `${operation}: ${formatAjvErrors(spec.errors)}`);
      const report = await validatePayload(operation, prepared.body);
      assert.deepEqual(report.issues.map(key), bodyIssues(prepared).map(key), operation);
    }
  });
}

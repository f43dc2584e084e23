// Generated clean bodies (lib/generate.mjs): each one is valid for the spec's schema AND for us,
// with no issue at all, not even a warning, since the generator only makes clean bodies.
//
// Before the validators see them, the bodies are checked against the generator's own promises
// (amounts add up, unique source_ids, limits, real dates, ...), so that a generator bug cannot
// make this test pass or fail for the wrong reason.

import test from "node:test";
import assert from "node:assert/strict";

import { generateBody, generateCorpus, GENERATED_OPERATIONS } from "./lib/generate.mjs";
import { OPERATION_KEYS, formatAjvErrors, specValidate } from "./lib/spec.mjs";
import { formatIssues, preview, validatePayload } from "./lib/ours.mjs";

const PER_OPERATION = 15;
const corpus = generateCorpus({ perOperation: PER_OPERATION });

// ---------------------------------------------------------------------------------------------
// The generator's promises.

const isCalendarDate = (text) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const isDateTime = (text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)) && isCalendarDate(text.slice(0, 10));

function checkCustomer(customer, where, { needsKey }) {
  if (needsKey) assert.ok(typeof customer.source_id === "string" || typeof customer.id === "string", `${where}: no id or source_id`);
  assert.ok(!("id" in customer && "source_id" in customer), `${where}: both id and source_id`);
  if ("email" in customer) assert.match(customer.email, /^[a-z.]+\d*@[a-z0-9.-]+\.[a-z]{2,}$/, where);
  if ("phone" in customer) assert.match(customer.phone, /^\+[1-9]\d{7,14}$/, `${where}: phone is not E.164`);
  if ("birthdate" in customer) assert.ok(isCalendarDate(customer.birthdate), `${where}: birthdate ${customer.birthdate}`);
}

function checkOrder(order, where) {
  if ("items" in order) {
    assert.ok(order.items.length <= 500, `${where}: ${order.items.length} items`);
    let sum = 0;
    order.items.forEach((item, index) => {
      const at = `${where}/items/${index}`;
      const ways = ["product_id", "sku_id", "source_id"].filter((key) => key in item);
      assert.equal(ways.length, 1, `${at}: identified by ${ways.join(", ") || "nothing"}`);
      if ("source_id" in item) assert.ok(["product", "sku"].includes(item.related_object), `${at}: source_id without related_object`);
      assert.ok(Number.isInteger(item.quantity) && item.quantity >= 1, `${at}: quantity ${item.quantity}`);
      assert.ok(Number.isInteger(item.price) && item.price >= 0, `${at}: price ${item.price}`);
      assert.equal(item.amount, item.price * item.quantity, `${at}: amount is not price × quantity`);
      for (const nested of [item.product, item.sku]) {
        if (nested?.override) assert.equal(typeof nested.source_id, "string", `${at}: override without source_id`);
      }
      sum += item.amount;
    });
    assert.equal(order.amount, sum, `${where}: amount is not the sum of the item amounts`);
  }
  assert.ok(Number.isSafeInteger(order.amount ?? 0), `${where}: amount`);
  if ("created_at" in order) assert.ok(isDateTime(order.created_at), `${where}: created_at ${order.created_at}`);
  for (const key of ["customer", "referrer"]) if (order[key]) checkCustomer(order[key], `${where}/${key}`, { needsKey: true });
}

const unique = (values) => new Set(values).size === values.length;

const PROMISES = {
  "POST /v1/customers": (body) => checkCustomer(body, "", { needsKey: true }),
  "PUT /v1/customers/{customerId}": (body) => {
    assert.ok(!("id" in body) && !("source_id" in body), "an update never sends id or source_id");
    assert.ok(Object.keys(body).length > 0);
    checkCustomer(body, "", { needsKey: false });
  },
  "POST /v1/customers/bulk/async": (body) => {
    assert.ok(body.length >= 1);
    assert.ok(unique(body.map((c) => c.source_id)), "source_ids repeat");
    body.forEach((c, i) => checkCustomer(c, `/${i}`, { needsKey: true }));
  },
  "POST /v1/customers/metadata/async": (body) => {
    assert.ok(body.source_ids.length >= 1 && unique(body.source_ids) && body.source_ids.every((id) => typeof id === "string" && id.length > 0));
  },
  "POST /v1/products": (body) => assert.ok(!("price" in body) || Number.isInteger(body.price)),
  "PUT /v1/products/{productId}": (body) => assert.ok(!("id" in body) && !("source_id" in body)),
  "POST /v1/products/bulk/async": (body) => assert.ok(body.length >= 1 && unique(body.map((p) => p.source_id))),
  "POST /v1/products/metadata/async": (body) => assert.ok(body.source_ids.length >= 1 && unique(body.source_ids)),
  "POST /v1/products/{productId}/skus": (body) => assert.ok(!("price" in body) || Number.isInteger(body.price)),
  "PUT /v1/products/{productId}/skus/{skuId}": (body) => assert.ok(!("id" in body) && !("source_id" in body)),
  "POST /v1/orders": (body) => checkOrder(body, ""),
  "PUT /v1/orders/{orderId}": (body) => {
    assert.ok(!("id" in body));
    checkOrder(body, "");
  },
  "POST /v1/orders/import": (body) => {
    assert.ok(body.length >= 1 && body.length <= 20, `${body.length} orders`);
    assert.ok(unique(body.map((o) => o.source_id)), "source_ids repeat");
    body.forEach((o, i) => checkOrder(o, `/${i}`));
  },
  "POST /v1/validations": (body) => checkStackable(body, { writes: false }),
  "POST /v1/redemptions": (body) => checkStackable(body, { writes: true }),
  "POST /v1/qualifications": (body) => checkQualification(body),
  "POST /client/v1/validations": (body) => checkStackable(body, { writes: false }),
  "POST /client/v1/redemptions": (body) => checkStackable(body, { writes: true }),
  "POST /client/v1/qualifications": (body) => checkQualification(body),
  "POST /v1/events": (body) => checkEvent(body),
  "POST /client/v1/events": (body) => checkEvent(body),
  "POST /v1/publications": (body) => {
    assert.ok(("voucher" in body) !== ("campaign" in body), "either voucher or campaign");
    if (body.campaign?.count !== undefined) assert.ok(Number.isInteger(body.campaign.count) && body.campaign.count >= 1 && body.campaign.count <= 50);
    checkCustomer(body.customer, "/customer", { needsKey: true });
  },
};

/** A stackable validation or redemption: 1-30 distinct redeemables, a stack alone, cards with positive integers. */
function checkStackable(body, { writes }) {
  const { redeemables } = body;
  assert.ok(redeemables.length >= 1 && redeemables.length <= 30, `${redeemables.length} redeemables`);
  assert.ok(unique(redeemables.map((r) => `${r.object} ${r.id}`)), "redeemables repeat");
  if (redeemables.some((r) => r.object === "promotion_stack")) assert.equal(redeemables.length, 1, "a promotion stack goes alone");
  redeemables.forEach((r, i) => {
    assert.ok(["voucher", "promotion_tier", "promotion_stack"].includes(r.object), `/redeemables/${i}: object ${r.object}`);
    assert.ok(!(r.gift && r.reward), `/redeemables/${i}: gift and reward`);
    if (r.gift) assert.ok(Number.isInteger(r.gift.credits) && r.gift.credits > 0, `/redeemables/${i}: credits ${r.gift.credits}`);
    if (r.reward) {
      assert.equal(typeof r.reward.id, "string", `/redeemables/${i}: reward id`);
      assert.ok(Number.isInteger(r.reward.points) && r.reward.points > 0, `/redeemables/${i}: points ${r.reward.points}`);
    }
    if (r.gift || r.reward) assert.equal(r.object, "voucher", `/redeemables/${i}: a card is a voucher`);
  });
  checkRequestOrder(body, { writes });
  if (body.session) {
    assert.equal(body.session.type, "LOCK");
    assert.equal("ttl" in body.session, "ttl_unit" in body.session, "ttl and ttl_unit go together");
  }
}

/** The order and customer of a stackable or qualification request; `override` only where the order is written. */
function checkRequestOrder(body, { writes }) {
  if (body.order) {
    checkOrder(body.order, "/order");
    assert.ok(!("id" in body.order && "source_id" in body.order), "/order: both id and source_id");
    if (!writes) {
      for (const item of body.order.items ?? []) assert.ok(!item.product?.override && !item.sku?.override, "override in a request that does not store the order");
    }
  }
  if (body.customer) checkCustomer(body.customer, "/customer", { needsKey: true });
}

/** A qualification: a page of 1 to 50, a LOCK session type only. */
function checkQualification(body) {
  const limit = body.options?.limit;
  if (limit !== undefined) assert.ok(Number.isInteger(limit) && limit >= 1 && limit <= 50, `limit ${limit}`);
  if (body.session) assert.deepEqual(body.session, { type: "LOCK" });
  checkRequestOrder(body, { writes: false });
}

function checkEvent(body) {
  const length = [...body.event].length;
  assert.ok(length >= 1 && length <= 300, `event name of ${length} characters`);
  assert.equal(typeof body.customer.source_id, "string", "the event's customer has a source_id");
}

test("the valid corpus: at least 200 bodies, over all 22 operations, deterministic", () => {
  assert.ok(corpus.length >= 200, `${corpus.length} bodies`);
  assert.deepEqual([...GENERATED_OPERATIONS].sort(), [...OPERATION_KEYS].sort());
  for (const operation of OPERATION_KEYS) {
    assert.equal(corpus.filter((entry) => entry.operation === operation).length, PER_OPERATION, operation);
  }
  // The same seed gives the same bodies; another index gives another body.
  assert.equal(JSON.stringify(generateCorpus({ perOperation: PER_OPERATION })), JSON.stringify(corpus));
  assert.notEqual(JSON.stringify(generateBody("POST /v1/customers", 5)), JSON.stringify(generateBody("POST /v1/customers", 6)));
  // Boundary bodies are in: 500 items, 20 imported orders, event names of 1 and 300 characters,
  // campaign counts of 1 and 50, a cleared (null) address.
  const has = (operation, predicate) => corpus.some((entry) => entry.operation === operation && predicate(entry.body));
  assert.ok(has("POST /v1/orders", (b) => b.items?.length === 500));
  assert.ok(has("PUT /v1/orders/{orderId}", (b) => b.items?.length === 500));
  assert.ok(has("POST /v1/orders/import", (b) => b.length === 20));
  assert.ok(has("POST /v1/events", (b) => b.event.length === 1) && has("POST /v1/events", (b) => b.event.length === 300));
  assert.ok(has("POST /client/v1/events", (b) => b.event.length === 1) && has("POST /client/v1/events", (b) => b.event.length === 300));
  assert.ok(has("POST /v1/publications", (b) => b.campaign?.count === 50) && has("POST /v1/publications", (b) => b.campaign?.count === 1));
  assert.ok(has("POST /v1/publications", (b) => "voucher" in b) && has("POST /v1/publications", (b) => b.customer.id !== undefined));
  assert.ok(has("PUT /v1/customers/{customerId}", (b) => b.address === null));
  // Stackable requests: 30 redeemables, a lone promotion stack, a single code; every kind of
  // redeemable, sessions with a key, ttl and ttl_unit, expand. Qualifications: pages of 1 and 50,
  // an empty body, every filter.
  const STACKABLE = ["POST /v1/validations", "POST /v1/redemptions", "POST /client/v1/validations", "POST /client/v1/redemptions"];
  for (const operation of STACKABLE) {
    assert.ok(has(operation, (b) => b.redeemables.length === 30), `${operation}: 30 redeemables`);
    assert.ok(has(operation, (b) => b.redeemables.length === 1 && b.redeemables[0].object === "promotion_stack"), `${operation}: a lone stack`);
    assert.ok(has(operation, (b) => Object.keys(b).length === 1 && b.redeemables.length === 1), `${operation}: one code and nothing else`);
    const all = corpus.filter((e) => e.operation === operation).flatMap((e) => e.body.redeemables);
    assert.ok(all.some((r) => r.gift) && all.some((r) => r.reward) && all.some((r) => r.object === "promotion_tier"), `${operation}: every kind`);
    assert.ok(all.some((r) => r.object === "voucher" && !r.gift && !r.reward), `${operation}: plain codes`);
    assert.ok(has(operation, (b) => b.session?.key && b.session?.ttl_unit), `${operation}: a session with key and ttl`);
    assert.ok(has(operation, (b) => b.options?.expand?.length === 4), `${operation}: expand`);
    assert.ok(has(operation, (b) => b.order?.items?.length > 0 && b.customer), `${operation}: an order and a customer`);
  }
  for (const operation of ["POST /v1/qualifications", "POST /client/v1/qualifications"]) {
    assert.ok(has(operation, (b) => b.options?.limit === 1) && has(operation, (b) => b.options?.limit === 50), `${operation}: limits 1 and 50`);
    assert.ok(has(operation, (b) => Object.keys(b).length === 0), `${operation}: an empty body`);
    assert.ok(has(operation, (b) => Object.keys(b.options?.filters ?? {}).length === 9), `${operation}: every filter`);
    assert.ok(has(operation, (b) => typeof b.scenario === "string"), `${operation}: a scenario`);
  }
  // Every way of identifying an order item is used.
  const items = corpus.filter((e) => e.operation === "POST /v1/orders").flatMap((e) => e.body.items ?? []);
  for (const key of ["product_id", "sku_id", "source_id"]) assert.ok(items.some((item) => key in item), key);
  assert.ok(items.some((item) => item.related_object === "sku") && items.some((item) => item.related_object === "product"));
});

test("the valid corpus keeps the generator's promises", () => {
  for (const { operation, index, body } of corpus) {
    try {
      PROMISES[operation](body);
    } catch (error) {
      error.message = `${operation} #${index}: ${error.message}\n${preview(body)}`;
      throw error;
    }
  }
});

for (const { operation, index, body } of corpus) {
  test(`${operation} #${index} is valid for the spec and for us, with no warning`, async () => {
    const spec = specValidate(operation, body);
    assert.equal(spec.valid, true, `the spec's schema rejects a generated body:\n${formatAjvErrors(spec.errors)}\nbody: ${preview(body, 2000)}`);
    const report = await validatePayload(operation, body);
    assert.equal(report.valid, true, `we reject a generated body the spec accepts:\n${formatIssues(report.issues)}\nbody: ${preview(body, 2000)}`);
    assert.equal(report.issues.length, 0, `issues on a clean body:\n${formatIssues(report.issues)}\nbody: ${preview(body, 2000)}`);
  });
}

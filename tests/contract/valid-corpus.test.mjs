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
  "POST /v1/events": (body) => checkEvent(body),
  "POST /client/v1/events": (body) => checkEvent(body),
  "POST /v1/publications": (body) => {
    assert.ok(("voucher" in body) !== ("campaign" in body), "either voucher or campaign");
    if (body.campaign?.count !== undefined) assert.ok(Number.isInteger(body.campaign.count) && body.campaign.count >= 1 && body.campaign.count <= 50);
    checkCustomer(body.customer, "/customer", { needsKey: true });
  },
};

function checkEvent(body) {
  const length = [...body.event].length;
  assert.ok(length >= 1 && length <= 300, `event name of ${length} characters`);
  assert.equal(typeof body.customer.source_id, "string", "the event's customer has a source_id");
}

test("the valid corpus: at least 200 bodies, over all 16 operations, deterministic", () => {
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

// Invalid bodies: whenever the spec's schema rejects a body, we reject it too, at the same place
// or above it (see lib/compare.mjs for the exact rule). And bodies the schema accepts but the API
// contract does not (amounts that do not add up, an immutable source_id, the API's limits, ...)
// are rejected by us with a specific code at a specific path: we check strictly more.
//
// Two sources:
// - corpus/invalid.json, hand-written: `{operation, body, note}`, plus `expect: {code, path}` for
//   an error issue we must report, and `schema: "accepts"` for a body the schema accepts (the test
//   checks that it really does);
// - mutations of the valid corpus (lib/mutate.mjs), one change per body.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { generateBody, generateCorpus } from "./lib/generate.mjs";
import { CODES_BY_KIND, declaredPatterns, mutations } from "./lib/mutate.mjs";
import { OPERATION_KEYS, formatAjvErrors, isLoosePattern, productDeviation, specValidate } from "./lib/spec.mjs";
import { comparisonTable, coverage, covers } from "./lib/compare.mjs";
import { errorIssues, formatIssues, preview, validatePayload } from "./lib/ours.mjs";

const HAND_WRITTEN = JSON.parse(readFileSync(new URL("./corpus/invalid.json", import.meta.url), "utf8"));

const hasError = (report, code, path) => errorIssues(report).some((issue) => issue.code === code && issue.path === path);

// ---------------------------------------------------------------------------------------------
// Hand-written cases.

test("the hand-written invalid corpus: at least 60 well-formed cases over every operation", () => {
  assert.ok(HAND_WRITTEN.length >= 60, `${HAND_WRITTEN.length} cases`);
  for (const [index, entry] of HAND_WRITTEN.entries()) {
    assert.ok(OPERATION_KEYS.includes(entry.operation), `case ${index}: unknown operation ${entry.operation}`);
    assert.ok(Object.hasOwn(entry, "body"), `case ${index}: no body`);
    assert.ok(typeof entry.note === "string" && entry.note.length > 5, `case ${index}: no note`);
    assert.ok(entry.schema === undefined || entry.schema === "accepts", `case ${index}: schema is "accepts" or absent`);
    if (entry.schema === "accepts") assert.ok(entry.expect, `case ${index}: a body the schema accepts needs an expected issue`);
    if (entry.expect) assert.ok(typeof entry.expect.code === "string" && typeof entry.expect.path === "string", `case ${index}: expect`);
  }
  for (const operation of OPERATION_KEYS) {
    assert.ok(HAND_WRITTEN.some((entry) => entry.operation === operation), `no hand-written case for ${operation}`);
  }
});

for (const [index, entry] of HAND_WRITTEN.entries()) {
  const { operation, body, note, expect } = entry;
  const accepts = entry.schema === "accepts";
  const title = accepts ? `the schema accepts, the contract does not` : `the schema rejects, so do we`;
  test(`invalid #${index} ${operation}: ${note} (${title})`, async () => {
    const spec = specValidate(operation, body);
    const report = await validatePayload(operation, body);
    const context = `body: ${preview(body)}\nour issues:\n${formatIssues(report.issues)}`;
    if (accepts) {
      assert.equal(spec.valid, true, `marked as accepted by the schema, but:\n${formatAjvErrors(spec.errors)}`);
    } else {
      assert.equal(spec.valid, false, `the schema accepts this body; mark it schema: "accepts" or fix it\n${context}`);
      const result = coverage(spec.errors, report.issues);
      assert.ok(result.ok, `our errors do not cover ajv's (${result.mode}):\n${comparisonTable(spec.errors, report.issues)}\nbody: ${preview(body)}`);
    }
    assert.equal(report.valid, false, `we accept an invalid body\n${context}`);
    if (expect) {
      assert.ok(hasError(report, expect.code, expect.path), `expected error ${expect.code} at ${expect.path || "(root)"}\n${context}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Mutations of the valid corpus.

const corpus = generateCorpus();
const mutationsByOperation = new Map();
for (const operation of OPERATION_KEYS) {
  const seen = new Set();
  const list = [];
  for (const entry of corpus.filter((e) => e.operation === operation)) {
    for (const mutation of mutations(operation, entry.body, { seen })) list.push({ ...mutation, source: entry.index });
  }
  mutationsByOperation.set(operation, list);
}

test("the mutations reach every field each request schema declares, with every kind of mutation", () => {
  const kinds = new Set();
  for (const operation of OPERATION_KEYS) {
    const list = mutationsByOperation.get(operation);
    assert.ok(list.length >= 10, `${operation}: ${list.length} mutations`);
    const reached = new Set(list.map((m) => m.pattern));
    // Fields that no value makes invalid for the schema (LOOSE_PATTERNS) cannot be mutated; the
    // hand-written cases and stackable-prepare.test.mjs check our rules on them.
    const missed = [...declaredPatterns(operation)].filter((pattern) => !reached.has(pattern) && !isLoosePattern(operation, pattern));
    assert.deepEqual(missed, [], `${operation}: declared fields never mutated`);
    for (const m of list) kinds.add(m.kind);
  }
  assert.deepEqual([...kinds].sort(), Object.keys(CODES_BY_KIND).sort());
  // The ones the brief names: event names of 0 and 301 characters, counts out of 1..50,
  // impossible calendar days.
  const all = [...mutationsByOperation.values()].flat();
  const labelled = (text) => all.some((m) => m.label.includes(text));
  assert.ok(labelled("minLength 1 <- 0 characters") && labelled("maxLength 300 <- 301 characters"));
  assert.ok(labelled("minimum 1 <- 0") && labelled("maximum 50 <- 51"));
  assert.ok(labelled('date <- "1990-02-30"') && labelled('date-time <- "2022-02-30T10:00:00Z"'));
  assert.ok(all.length >= 1000, `${all.length} mutations`);
});

for (const operation of OPERATION_KEYS) {
  for (const kind of Object.keys(CODES_BY_KIND)) {
    const list = mutationsByOperation.get(operation).filter((m) => m.kind === kind);
    if (list.length === 0) continue;
    test(`mutations of ${operation}, ${kind} (${list.length}): the schema rejects each, and we report an error at or above what it reports`, async () => {
      const failures = [];
      for (const m of list) {
        const spec = specValidate(operation, m.body);
        if (spec.valid) {
          failures.push(`${m.kind} at ${m.pointer || "(root)"} (${m.label}), from body #${m.source}: the schema ACCEPTS this mutation, so it is not an invalid body (a generator bug)`);
          continue;
        }
        const report = await validatePayload(operation, m.body);
        const deviation = productDeviation(operation, m.kind, m.pointer);
        if (deviation) {
          if (!report.valid) failures.push(`${m.kind} at ${m.pointer} is a documented product deviation (${deviation.id}), which we must accept, but we report:\n${formatIssues(report.issues)}`);
          continue;
        }
        const result = coverage(spec.errors, report.issues);
        const fitting = errorIssues(report).some(
          (issue) => CODES_BY_KIND[m.kind].includes(issue.code) && spec.errors.some((error) => covers(issue.path, error.instancePath)),
        );
        if (!result.ok || !fitting) {
          const why = !result.ok ? `not covered (${result.mode})` : `no covering error has a code of ${CODES_BY_KIND[m.kind].join("/")}`;
          failures.push(`${m.kind} at ${m.pointer || "(root)"} (${m.label}), from body #${m.source}: ${why}\n${comparisonTable(spec.errors, report.issues)}\n  body: ${preview(m.body, 400)}`);
        }
      }
      assert.equal(failures.length, 0, `${failures.length} of ${list.length} mutations disagree:\n${failures.slice(0, 25).join("\n")}`);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The API's limits, which the schema does not state: too many items, orders, bytes.

/** A valid order with `count` items whose amounts add up. */
function orderWithItems(count, seedIndex = 0) {
  const order = generateBody("POST /v1/orders", 2 + seedIndex);
  const item = { product_id: "prod_0bc3bd8a4e072c5275", quantity: 2, price: 1250, amount: 2500 };
  order.items = Array.from({ length: count }, (_, i) => ({ ...item, product_id: `prod_${String(i).padStart(6, "0")}` }));
  order.amount = 2500 * count;
  return order;
}

async function assertStricter(operation, body, code, path) {
  const spec = specValidate(operation, body);
  assert.equal(spec.valid, true, `the schema was expected to accept this body:\n${formatAjvErrors(spec.errors)}`);
  const report = await validatePayload(operation, body);
  assert.equal(report.valid, false, `we accept it:\n${formatIssues(report.issues)}`);
  assert.ok(hasError(report, code, path), `expected error ${code} at ${path || "(root)"}:\n${formatIssues(report.issues.slice(0, 20))}`);
  return report;
}

test("an order of 500 items is valid; 501 items is too_many for create, update and import, though the schema accepts it", async () => {
  const atLimit = orderWithItems(500);
  assert.equal((await validatePayload("POST /v1/orders", atLimit)).valid, true);
  const over = orderWithItems(501);
  await assertStricter("POST /v1/orders", over, "too_many", "/items");
  const { id, ...update } = over;
  await assertStricter("PUT /v1/orders/{orderId}", update, "too_many", "/items");
  await assertStricter("POST /v1/orders/import", [{ ...update, source_id: "order-big" }], "too_many", "/0/items");
});

test("an import of 2000 orders is valid; 2001 orders is too_many, though the schema accepts it", async () => {
  const orders = Array.from({ length: 2001 }, (_, i) => ({
    source_id: `hist-${String(i).padStart(5, "0")}`,
    status: "PAID",
    amount: 3000,
    items: [{ source_id: "sku-src-1", related_object: "sku", quantity: 3, price: 1000, amount: 3000 }],
  }));
  const atLimit = await validatePayload("POST /v1/orders/import", orders.slice(0, 2000));
  assert.equal(atLimit.valid, true, formatIssues(atLimit.issues.slice(0, 10)));
  await assertStricter("POST /v1/orders/import", orders, "too_many", "");
});

test("amounts of 2^63 (and 2^53) are out_of_range wherever money goes, though the schema's integer accepts them", async () => {
  for (const big of [2 ** 63, 2 ** 53]) {
    await assertStricter("POST /v1/orders", { amount: big }, "out_of_range", "/amount");
    await assertStricter("POST /v1/orders", { items: [{ product_id: "prod_1", quantity: 1, price: big }] }, "out_of_range", "/items/0/price");
    await assertStricter("POST /v1/products", { source_id: "p-1", price: big }, "out_of_range", "/price");
    await assertStricter("PUT /v1/products/{productId}/skus/{skuId}", { price: big }, "out_of_range", "/price");
  }
  // 2^53 - 1 is still exact.
  assert.equal((await validatePayload("POST /v1/orders", { amount: 2 ** 53 - 1 })).valid, true);
});

test("amounts that do not add up are amount_mismatch, though the schema accepts them", async () => {
  const order = generateBody("POST /v1/orders", 0);
  order.items[0].amount += 1;
  order.amount += 1;
  await assertStricter("POST /v1/orders", order, "amount_mismatch", "/items/0/amount");
  const total = generateBody("POST /v1/orders", 0);
  total.amount += 100;
  await assertStricter("POST /v1/orders", total, "amount_mismatch", "/amount");
  const imported = generateBody("POST /v1/orders/import", 1);
  imported[3].amount -= 1;
  await assertStricter("POST /v1/orders/import", imported, "amount_mismatch", "/3/amount");
});

test("a source_id in a customer update is immutable_field, though the schema accepts it", async () => {
  const body = { ...generateBody("PUT /v1/customers/{customerId}", 1), source_id: "crm-new-id" };
  await assertStricter("PUT /v1/customers/{customerId}", body, "immutable_field", "/source_id");
});

test("a bulk body over 10 MB is too_large, though the schema has no size", async () => {
  const customer = (i) => ({
    source_id: `crm-${String(i).padStart(7, "0")}`,
    name: "Alice Smith",
    email: `alice.smith.${i}@example.com`,
    phone: "+14155550123",
    birthdate: "1990-04-17",
    address: { line_1: "100 Main St.", city: "New York", state: "NY", country: "United States", postal_code: "10001" },
    metadata: { lang: "en", vip: false, loyalty_points: 1200, favorite_brands: ["Nike", "Puma"] },
  });
  // The size of `[e0,e1,...]` is 2 + the elements' sizes + the commas between them.
  const LIMIT = 10_485_760;
  const body = [];
  let bytes = 2;
  while (bytes <= LIMIT) {
    const element = customer(body.length);
    bytes += Buffer.byteLength(JSON.stringify(element)) + (body.length > 0 ? 1 : 0);
    body.push(element);
  }
  assert.ok(Buffer.byteLength(JSON.stringify(body)) === bytes && bytes > LIMIT && bytes < LIMIT + 400);
  await assertStricter("POST /v1/customers/bulk/async", body, "too_large", "");
  // Just under the limit is fine.
  body.pop();
  assert.ok(Buffer.byteLength(JSON.stringify(body)) <= LIMIT);
  const under = await validatePayload("POST /v1/customers/bulk/async", body);
  assert.equal(under.valid, true, formatIssues(under.issues.slice(0, 10)));
});

test("empty bulk, import and metadata bodies are too_few, though the schema has no minItems", async () => {
  await assertStricter("POST /v1/customers/bulk/async", [], "too_few", "");
  await assertStricter("POST /v1/products/bulk/async", [], "too_few", "");
  await assertStricter("POST /v1/orders/import", [], "too_few", "");
  await assertStricter("POST /v1/customers/metadata/async", { source_ids: [], metadata: { vip: true } }, "too_few", "/source_ids");
  await assertStricter("POST /v1/products/metadata/async", { source_ids: [], metadata: { label: true } }, "too_few", "/source_ids");
});

test("event names are counted in characters, not UTF-16 units, like ajv's maxLength", async () => {
  for (const [name, valid] of [["😀".repeat(300), true], ["😀".repeat(301), false], ["é".repeat(300), true], ["x".repeat(301), false]]) {
    const body = { event: name, customer: { source_id: "c-1" } };
    for (const operation of ["POST /v1/events", "POST /client/v1/events"]) {
      assert.equal(specValidate(operation, body).valid, valid, `the schema on ${[...name].length} characters`);
      const report = await validatePayload(operation, body);
      assert.equal(report.valid, valid, `${operation} on ${[...name].length} characters:\n${formatIssues(report.issues)}`);
      if (!valid) assert.ok(hasError(report, "invalid_length", "/event"), formatIssues(report.issues));
    }
  }
});

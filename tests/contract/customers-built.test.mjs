// customers-built.test.mjs: every customer the builder makes from the CRM fixtures, and every
// update body diffCustomer makes, is accepted by the spec's own schema (ajv) and by us.
//
// The one exception is documented in lib/spec.mjs (PRODUCT_DEVIATIONS): an update may send
// `null` to clear a field, which `clearEmpty` and diffCustomer do on purpose; such bodies are
// checked with the nulls left out for ajv, and whole for us.

import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { buildCustomer, diffCustomer, validatePayload } from "../../pkg/node.js";
import { formatAjvErrors, specValidate } from "./lib/spec.mjs";

const FIXTURES = JSON.parse(readFileSync(new URL("../fixtures/crm_records.json", import.meta.url), "utf8"));
const CREATE = "POST /v1/customers";
const UPDATE = "PUT /v1/customers/{customerId}";

/** The body without the nulls that clear fields (the documented deviation), for ajv. */
function withoutClearingNulls(body) {
  const copy = structuredClone(body);
  for (const [key, value] of Object.entries(copy)) {
    if (value === null) delete copy[key];
  }
  if (copy.address && typeof copy.address === "object") {
    for (const [key, value] of Object.entries(copy.address)) if (value === null) delete copy.address[key];
  }
  return copy;
}

function assertAccepted(operation, body, label) {
  const spec = specValidate(operation, withoutClearingNulls(body));
  assert.equal(spec.valid, true, `${label}: the schema rejects ${JSON.stringify(body)}\n${formatAjvErrors(spec.errors)}`);
  const ours = validatePayload(operation, body);
  assert.equal(ours.valid, true, `${label}: we reject ${JSON.stringify(body)}\n${JSON.stringify(ours.issues)}`);
}

test("every built customer is a valid create and update body for the schema and for us", () => {
  let checked = 0;
  for (const fixture of FIXTURES) {
    const { customer } = buildCustomer(fixture.record, fixture.options);
    const { source_id: _sourceId, id: _id, ...update } = customer;
    if (!fixture.options?.clearEmpty) {
      assertAccepted(CREATE, customer, fixture.label);
      checked += 1;
    }
    assertAccepted(UPDATE, update, fixture.label);
    checked += 1;
  }
  assert.ok(checked >= 120, `${checked} bodies`);
});

test("every diffCustomer body between built customers is a valid update for the schema and for us", () => {
  const customers = FIXTURES.map((fixture) => buildCustomer(fixture.record, fixture.options).customer)
    .filter((customer) => typeof customer.source_id === "string")
    .map((customer) => ({ ...customer, source_id: "same-customer" }));
  let bodies = 0;
  for (const stored of customers) {
    for (const local of customers.slice(0, 20)) {
      for (const keepMissing of [false, true]) {
        const { body, valid } = diffCustomer({ id: "cust_1", object: "customer", ...stored }, local, { keepMissing });
        assert.equal(valid, true);
        if (body === null) continue;
        assertAccepted(UPDATE, body, `diff ${stored.name ?? ""} -> ${local.name ?? ""}`);
        bodies += 1;
      }
    }
  }
  assert.ok(bodies >= 200, `${bodies} diff bodies`);
});

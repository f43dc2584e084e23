// The spec as we read it: which schema stands for each operation, that ajv reads OpenAPI's
// `nullable`, and proof of every spec defect that lib/spec.mjs deviates from. A deviation that
// is not backed by a failing example here would be an assumption; each one is shown to be needed.

import test from "node:test";
import assert from "node:assert/strict";

import {
  DEVIATIONS,
  EXAMPLE_DEFECTS,
  EXAMPLE_TWINS,
  isLoosePattern,
  OPERATIONS,
  OPERATION_KEYS,
  SPEC_FILES,
  compileRequestSchema,
  createAjv,
  formatAjvErrors,
  getPointer,
  loadSpec,
  patchedSpec,
  requestExamples,
  requestSchemaPointer,
  specAjv,
  specValidate,
} from "./lib/spec.mjs";
import { errorIssues, formatIssues, listOperations, validatePayload } from "./lib/ours.mjs";

const example = (operation, name) => {
  const found = requestExamples(operation).find((e) => e.name === name);
  assert.ok(found, `${operation} has no example named ${name}`);
  return found.value;
};

test("every supported operation has an application/json request schema in the vendored spec files", () => {
  assert.equal(OPERATION_KEYS.length, 22);
  for (const operation of OPERATION_KEYS) {
    const { file } = OPERATIONS[operation];
    const schema = getPointer(loadSpec(file), requestSchemaPointer(operation));
    assert.ok(schema && typeof schema === "object", `${operation}: no schema at ${file}#${requestSchemaPointer(operation)}`);
    assert.equal(typeof compileRequestSchema(operation), "function");
  }
});

test("our validator supports every operation mapped to the spec here", async () => {
  const ours = new Set((await listOperations()).map((entry) => (typeof entry === "string" ? entry : entry.operation)));
  const missing = OPERATION_KEYS.filter((operation) => !ours.has(operation));
  assert.deepEqual(missing, [], "operations the contract tests cover but the package does not list");
});

test("POST /v1/events and POST /v1/publications are not in the vendored spec files, so the client-side schemas stand in", () => {
  // The reason for the stand-ins of lib/spec.mjs: the server-side paths are absent here...
  for (const file of ["customers.json", "products.json", "orders.json", "client-side.json", "redemptions.json", "validations.json", "qualifications.json", "metadata-schemas.json"]) {
    const paths = Object.keys(loadSpec(file).paths ?? {});
    assert.ok(!paths.includes("/v1/events"), `${file} has /v1/events; use it instead of the stand-in`);
    assert.ok(!paths.includes("/v1/publications"), `${file} has /v1/publications; use it instead of the stand-in`);
  }
  // ...and the client-side twins are there, with the bodies the contract digest describes.
  const standIns = OPERATION_KEYS.filter((operation) => OPERATIONS[operation].standIn);
  assert.deepEqual(standIns, ["POST /v1/events", "POST /v1/publications"]);
  assert.equal(OPERATIONS["POST /v1/events"].path, "/client/v1/events");
  assert.equal(OPERATIONS["POST /v1/publications"].path, "/client/v1/publish");
  const events = specValidate("POST /v1/events", { event: "user_subscribed", customer: { source_id: "c1" } });
  assert.equal(events.valid, true, formatAjvErrors(events.errors));
  assert.equal(specValidate("POST /v1/events", { customer: { source_id: "c1" } }).valid, false, "event is required");
  assert.equal(specValidate("POST /v1/events", { event: "", customer: { source_id: "c1" } }).valid, false, "event is 1-300 characters");
  assert.equal(specValidate("POST /v1/publications", { voucher: "CODE-1" }).valid, false, "customer is required");
  assert.equal(specValidate("POST /v1/publications", { campaign: { name: "c", count: 51 }, customer: { id: "cust_1" } }).valid, false, "count is 1-50");
});

test("ajv honours OpenAPI 3.0 nullable: true, and only where the spec says it", () => {
  // A control: without `nullable`, null is not an object.
  const ajv = createAjv();
  assert.equal(ajv.compile({ type: "object" })(null), false);
  assert.equal(ajv.compile({ type: "object", nullable: true })(null), true);
  assert.equal(ajv.compile({ type: "string", nullable: true })(5), false, "nullable does not widen the type otherwise");

  // CustomerBase.address and OrderBase.source_id / referrer_id are nullable in the spec.
  assert.equal(getPointer(loadSpec("customers.json"), "/components/schemas/CustomerBase/properties/address/nullable"), true);
  for (const body of [{ address: null }, { name: "Bob", address: null }]) {
    const result = specValidate("PUT /v1/customers/{customerId}", body);
    assert.equal(result.valid, true, formatAjvErrors(result.errors));
  }
  const order = specValidate("POST /v1/orders", { source_id: null, referrer_id: null, customer: { source_id: "c", address: null } });
  assert.equal(order.valid, true, formatAjvErrors(order.errors));
  // Not nullable: metadata, email, an item's price.
  const notNullable = [
    ["PUT /v1/customers/{customerId}", { metadata: null }, "/metadata"],
    ["PUT /v1/customers/{customerId}", { email: null }, "/email"],
    ["POST /v1/orders", { items: [{ product_id: "p", price: null }] }, "/items/0/price"],
  ];
  for (const [operation, body, path] of notNullable) {
    const result = specValidate(operation, body);
    assert.equal(result.valid, false, `${operation} ${JSON.stringify(body)} should be rejected`);
    assert.ok(result.errors.some((e) => e.instancePath === path && e.keyword === "type"), formatAjvErrors(result.errors));
  }
});

test("ajv-formats checks real calendar days in format date (its default full mode)", () => {
  const ajv = createAjv();
  const date = ajv.compile({ type: "string", format: "date" });
  assert.equal(date("1990-02-30"), false);
  assert.equal(date("1991-02-29"), false);
  assert.equal(date("1900-02-29"), false);
  assert.equal(date("2000-02-29"), true);
  assert.equal(date("1992-02-29"), true);
  // So a 30 February birthdate is rejected by the schema too, not only by our rules.
  assert.equal(specValidate("POST /v1/customers", { source_id: "c1", birthdate: "1990-02-30" }).valid, false);
});

test("defect: OrderItem requires `object`, which is not a request property, so the spec's own order examples fail", () => {
  const deviation = DEVIATIONS.find((d) => d.id === "order-item-requires-object");
  const orderItem = getPointer(loadSpec("orders.json"), deviation.pointer);
  assert.ok(orderItem.required.includes("object"), "the published OrderItem requires object");
  assert.ok(!Object.hasOwn(orderItem.properties, "object"), "object is not among the declared properties");
  // The same copy of OrderItem is in every file the deviation patches, and in every spec file
  // that defines an OrderItem at all.
  for (const file of deviation.files) assert.deepEqual(getPointer(loadSpec(file), deviation.pointer), orderItem, file);
  for (const file of SPEC_FILES) {
    if (getPointer(loadSpec(file), deviation.pointer) !== undefined) assert.ok(deviation.files.includes(file), `${file} has an OrderItem the deviation misses`);
  }
  // In a stackable request too: "1 Redeemable" of POST /v1/validations fails on each item.
  const stackable = specValidate("POST /v1/validations", example("POST /v1/validations", "1 Redeemable"), { patched: false });
  assert.deepEqual(
    stackable.errors.filter((e) => e.instancePath.startsWith("/order")).map((e) => [e.instancePath, e.keyword, e.params.missingProperty]),
    [["/order/items/0", "required", "object"], ["/order/items/1", "required", "object"]],
    formatAjvErrors(stackable.errors),
  );

  // The first example of POST /v1/orders, as published, fails on exactly that.
  const body = example("POST /v1/orders", "Example");
  const raw = specValidate("POST /v1/orders", body, { patched: false });
  assert.equal(raw.valid, false);
  assert.deepEqual(
    raw.errors.map((e) => [e.instancePath, e.keyword, e.params.missingProperty]),
    [["/items/0", "required", "object"]],
    formatAjvErrors(raw.errors),
  );
  // Every order example that fails as published fails only because of it.
  for (const operation of ["POST /v1/orders", "PUT /v1/orders/{orderId}", "POST /v1/orders/import"]) {
    for (const { name, value } of requestExamples(operation)) {
      const published = specValidate(operation, value, { patched: false });
      for (const error of published.errors) {
        assert.equal(`${error.keyword} ${error.params.missingProperty}`, "required object", `${operation} ${name}:\n${formatAjvErrors(published.errors)}`);
      }
      const patched = specValidate(operation, value);
      assert.equal(patched.valid, true, `${operation} ${name} after the deviation:\n${formatAjvErrors(patched.errors)}`);
    }
  }
  // The patch touches a copy, and only the `required` list.
  const copy = getPointer(patchedSpec("orders.json"), deviation.pointer);
  assert.equal(copy.required, undefined);
  assert.deepEqual(Object.keys(copy.properties), Object.keys(orderItem.properties));
  // An item of the wrong type is still rejected after the patch.
  assert.equal(specValidate("POST /v1/orders", { items: ["prod_1"] }).valid, false);
});

test("defect: the publication body's oneOf branches overlap, so the spec's own examples fail; we read it as anyOf", () => {
  const deviation = DEVIATIONS.find((d) => d.id === "publication-oneof-overlaps");
  const published = getPointer(loadSpec("client-side.json"), deviation.pointer);
  assert.equal(published.oneOf.length, 2);

  for (const name of ["Example - Specific Voucher", "Example - Random Voucher"]) {
    const body = example("POST /v1/publications", name);
    assert.ok("voucher" in body && "campaign" in body, `${name} sends both voucher and campaign`);
    const raw = specValidate("POST /v1/publications", body, { patched: false });
    assert.equal(raw.valid, false, `${name} passes the published oneOf`);
    const oneOf = raw.errors.find((e) => e.keyword === "oneOf");
    assert.ok(oneOf, formatAjvErrors(raw.errors));
    assert.deepEqual(oneOf.params.passingSchemas, [0, 1], "it fails because it matches both branches");
    const patched = specValidate("POST /v1/publications", body);
    assert.equal(patched.valid, true, `${name} as anyOf:\n${formatAjvErrors(patched.errors)}`);
  }
  // The anyOf reading changes nothing for bodies with one of the two keys, or with neither.
  const voucherOnly = { voucher: "CODE-1", customer: { source_id: "c1" } };
  const campaignOnly = { campaign: { name: "Summer", count: 2 }, customer: { source_id: "c1" } };
  const neither = { customer: { source_id: "c1" } };
  for (const body of [voucherOnly, campaignOnly, neither]) {
    assert.equal(
      specValidate("POST /v1/publications", body).valid,
      specValidate("POST /v1/publications", body, { patched: false }).valid,
      JSON.stringify(body),
    );
  }
  assert.equal(specValidate("POST /v1/publications", neither).valid, false);
});

test("no other oneOf or anyOf than the known ones is reachable from the supported request schemas", () => {
  const found = new Set();
  for (const operation of OPERATION_KEYS) {
    const { file } = OPERATIONS[operation];
    const doc = loadSpec(file);
    const visited = new Set();
    const walk = (node, where) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (!node || typeof node !== "object") return;
      if (typeof node.$ref === "string") {
        if (visited.has(node.$ref)) return;
        visited.add(node.$ref);
        return walk(getPointer(doc, node.$ref.slice(1)), node.$ref.slice(1));
      }
      if (node.oneOf || node.anyOf) found.add(`${file}#${where}`);
      for (const [key, value] of Object.entries(node)) {
        if (key !== "example" && key !== "examples") walk(value, `${where}/${key}`);
      }
    };
    walk(getPointer(doc, requestSchemaPointer(operation)), requestSchemaPointer(operation));
  }
  assert.deepEqual([...found].sort(), [
    // Not deviated: see the test on `Any` below.
    "client-side.json#/components/schemas/Any/items",
    // Deviation publication-oneof-overlaps.
    "client-side.json#/components/schemas/ClientPublicationsCreateRequestBody",
    // Deviation redeemable-oneof-overlaps.
    "client-side.json#/components/schemas/StackableValidateRedeemBase/properties/redeemables/items",
    "qualifications.json#/components/schemas/Any/items",
    "redemptions.json#/components/schemas/StackableValidateRedeemBase/properties/redeemables/items",
    "validations.json#/components/schemas/StackableValidateRedeemBase/properties/redeemables/items",
  ]);
});

test("the qualification filters' Any is a oneOf that overlaps on date strings; no example reaches it, so it stays as published", () => {
  // `$has_value` and `$is_unknown` are `Any`: an array of `oneOf: [string, date string,
  // date-time string, number, object]`. A date string matches two branches and fails `oneOf`.
  // No request example of the spec sends these operators, so nothing shows that the API means
  // `anyOf` here, and we do not deviate; the generator does not send them either.
  for (const file of ["qualifications.json", "client-side.json"]) {
    assert.equal(getPointer(loadSpec(file), "/components/schemas/Any/items/oneOf").length, 5, file);
  }
  for (const operation of ["POST /v1/qualifications", "POST /client/v1/qualifications"]) {
    const body = (values) => ({ options: { filters: { code: { conditions: { $has_value: values } } } } });
    for (const values of [["SUMMER-1"], [42], [{}], []]) {
      const result = specValidate(operation, body(values));
      assert.equal(result.valid, true, `${operation} ${JSON.stringify(values)}:\n${formatAjvErrors(result.errors)}`);
    }
    const date = specValidate(operation, body(["2024-05-01"]));
    assert.equal(date.valid, false);
    assert.deepEqual(date.errors.find((e) => e.keyword === "oneOf")?.params.passingSchemas, [0, 1]);
    for (const example of requestExamples("POST /v1/qualifications")) {
      assert.equal(JSON.stringify(example.value).includes("$has_value") || JSON.stringify(example.value).includes("$is_unknown"), false, example.name);
    }
  }
});

test("defect: a stackable redeemable's oneOf branches overlap, so the spec's own examples fail; we read it as anyOf", () => {
  const deviation = DEVIATIONS.find((d) => d.id === "redeemable-oneof-overlaps");
  const STACKABLE = ["POST /v1/validations", "POST /v1/redemptions", "POST /client/v1/validations", "POST /client/v1/redemptions"];
  for (const file of deviation.files) {
    const items = getPointer(loadSpec(file), deviation.pointer);
    assert.deepEqual(
      items.oneOf.map((branch) => branch.$ref.split("/").pop()),
      ["RedeemVoucher", "RedeemPromotionTier", "RedeemPromotionStack", "RedeemGiftCard", "RedeemLoyaltyCard"],
      file,
    );
    // The card branches are the voucher branch plus an optional property, and none forbids others.
    for (const name of ["RedeemGiftCard", "RedeemLoyaltyCard"]) {
      assert.equal(getPointer(loadSpec(file), `/components/schemas/${name}/allOf/0/$ref`), "#/components/schemas/RedeemVoucher", `${file} ${name}`);
    }
    for (const name of ["RedeemVoucher", "RedeemPromotionTier", "RedeemPromotionStack"]) {
      assert.equal(getPointer(loadSpec(file), `/components/schemas/${name}/additionalProperties`), undefined, `${file} ${name}`);
    }
  }

  // Every request example of the stackable operations fails as published, on the redeemables'
  // oneOf (and, for orders with items, on the order-item-requires-object defect), and passes
  // after the deviations.
  let failing = 0;
  for (const operation of STACKABLE) {
    for (const { name, value } of requestExamples(operation)) {
      const raw = specValidate(operation, value, { patched: false });
      assert.equal(raw.valid, false, `${operation} ${name} passes the published oneOf`);
      failing += 1;
      for (const error of raw.errors) {
        const inRedeemable = /^\/redeemables\/\d+(\/|$)/.test(error.instancePath);
        const orderItemObject = /^\/order\/items\/\d+$/.test(error.instancePath) && error.params.missingProperty === "object";
        assert.ok(inRedeemable || orderItemObject, `${operation} ${name}: an error the deviations do not explain:\n${formatAjvErrors([error])}`);
      }
      const oneOf = raw.errors.filter((e) => e.keyword === "oneOf");
      assert.ok(oneOf.length > 0, `${operation} ${name}:\n${formatAjvErrors(raw.errors)}`);
      const patched = specValidate(operation, value);
      assert.equal(patched.valid, true, `${operation} ${name} after the deviations:\n${formatAjvErrors(patched.errors)}`);
    }
  }
  assert.ok(failing >= 7, `${failing} examples`);

  // Which branches each kind of redeemable matches, as published: a plain voucher three, a card
  // two, a promotion tier or stack one (so every voucher fails, and only vouchers).
  const branches = getPointer(loadSpec("validations.json"), deviation.pointer).oneOf.map((branch) =>
    specAjv({ patched: false }).compile({ $ref: `validations.json${branch.$ref}` }),
  );
  const passing = (redeemable) => branches.flatMap((validate, index) => (validate(redeemable) ? [index] : []));
  assert.deepEqual(passing({ object: "voucher", id: "CODE" }), [0, 3, 4]);
  assert.deepEqual(passing({ object: "voucher", id: "GIFT", gift: { credits: 100 } }), [0, 3, 4]);
  assert.deepEqual(passing({ object: "voucher", id: "GIFT", gift: "100" }), [0, 4], "a bad gift still matches the voucher and loyalty branches");
  assert.deepEqual(passing({ object: "voucher", id: "LOY", reward: { id: "rew_1", points: 10 } }), [0, 3, 4]);
  assert.deepEqual(passing({ object: "promotion_tier", id: "promo_1" }), [1]);
  assert.deepEqual(passing({ object: "promotion_stack", id: "stack_1" }), [2]);

  // What anyOf still rejects: a redeemable without id or object, an unknown object, a non-string
  // id, too few or too many. What it cannot reject: a badly shaped gift or reward (left to us).
  for (const operation of STACKABLE) {
    for (const redeemables of [[{ object: "voucher" }], [{ id: "CODE" }], [{ object: "coupon", id: "CODE" }], [{ object: "voucher", id: 7 }], [], Array.from({ length: 31 }, (_, i) => ({ object: "voucher", id: `C${i}` }))]) {
      assert.equal(specValidate(operation, { redeemables }).valid, false, `${operation} ${JSON.stringify(redeemables).slice(0, 80)}`);
    }
    for (const redeemable of [{ object: "voucher", id: "G", gift: { credits: 1.5 } }, { object: "voucher", id: "L", reward: "rew_1" }]) {
      assert.equal(specValidate(operation, { redeemables: [redeemable] }).valid, true, JSON.stringify(redeemable));
    }
  }
  for (const operation of STACKABLE) {
    for (const pattern of ["/redeemables/*/gift", "/redeemables/*/gift/credits", "/redeemables/*/reward/points"]) {
      assert.equal(isLoosePattern(operation, pattern), true, `${operation} ${pattern}`);
    }
    assert.equal(isLoosePattern(operation, "/redeemables/*/id"), false);
  }
});

test("the client-side qualification body declares what the server-side one does, so the server-side examples stand in", () => {
  // `ClientQualificationsCheckEligibilityRequestBody` (client-side.json) and
  // `QualificationsCheckEligibilityRequestBody` (qualifications.json), with every $ref inlined
  // and titles and descriptions left out, are the same schema.
  const inline = (doc, node, depth = 0) => {
    assert.ok(depth < 40, "too deep");
    if (Array.isArray(node)) return node.map((n) => inline(doc, n, depth + 1));
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") return inline(doc, getPointer(doc, node.$ref.slice(1)), depth + 1);
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !["title", "description", "example", "examples"].includes(key))
        .map(([key, value]) => [key, inline(doc, value, depth + 1)]),
    );
  };
  const schemaOf = (operation) => {
    const doc = loadSpec(OPERATIONS[operation].file);
    return inline(doc, getPointer(doc, requestSchemaPointer(operation)));
  };
  assert.deepEqual(schemaOf("POST /client/v1/qualifications"), schemaOf("POST /v1/qualifications"));
  assert.deepEqual(EXAMPLE_TWINS, { "POST /client/v1/qualifications": "POST /v1/qualifications" });
  assert.equal(requestExamples("POST /client/v1/qualifications").length, 0);
});

test("defect: an example sends campaign as a string, which the schema types as an object; the schema wins, for us too", async () => {
  for (const defect of EXAMPLE_DEFECTS) {
    const body = example(defect.operation, defect.example);
    for (const patched of [false, true]) {
      const result = specValidate(defect.operation, body, { patched });
      assert.equal(result.valid, false, `${defect.example} (${patched ? "patched" : "published"}) passes`);
      assert.ok(
        result.errors.some((e) => e.instancePath === defect.instancePath && e.keyword === "type"),
        `expected a type error at ${defect.instancePath}:\n${formatAjvErrors(result.errors)}`,
      );
    }
    // What we say: an error at the same place.
    const report = await validatePayload(defect.operation, body);
    assert.ok(
      errorIssues(report).some((issue) => issue.path === defect.instancePath && issue.code === "invalid_type"),
      `expected invalid_type at ${defect.instancePath}:\n${formatIssues(report.issues)}`,
    );
  }
  assert.equal(typeof getPointer(loadSpec("client-side.json"), "/paths/~1client~1v1~1publish/post/requestBody/content/application~1json/examples/Example 3/value/campaign"), "string");
});

test("deviations patch deep copies: the published spec files are unchanged and frozen", () => {
  for (const file of SPEC_FILES) {
    const spec = loadSpec(file);
    assert.ok(Object.isFrozen(spec));
    patchedSpec(file);
  }
  assert.ok(getPointer(loadSpec("orders.json"), "/components/schemas/OrderItem/required").includes("object"));
  assert.ok(Array.isArray(getPointer(loadSpec("client-side.json"), "/components/schemas/ClientPublicationsCreateRequestBody/oneOf")));
  assert.equal(getPointer(patchedSpec("client-side.json"), "/components/schemas/ClientPublicationsCreateRequestBody/oneOf"), undefined);
  // Every deviation found its defect (patchedSpec throws otherwise) and says what it is.
  for (const deviation of DEVIATIONS) {
    assert.ok(deviation.defect.length > 20);
    for (const file of deviation.files) {
      assert.equal(deviation.isPresent(getPointer(loadSpec(file), deviation.pointer)), true, `${deviation.id} in ${file}`);
    }
  }
});

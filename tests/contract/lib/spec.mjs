// The API's own OpenAPI files, compiled with ajv, for the contract tests.
//
// The files are vendored in `spec/voucherify-openapi/openapi/` (their source commit and license
// are in `spec/voucherify-openapi/README.md`). They are read-only here: every patch below is applied
// to a deep copy, and each one is a documented deviation from a proven spec defect (see
// DEVIATIONS and EXAMPLE_DEFECTS, and `spec-defects.test.mjs`, which shows each defect exists).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

/** The folder of the OpenAPI files: `<repo>/spec/voucherify-openapi/openapi/`. */
export const SPEC_DIR = new URL("../../../spec/voucherify-openapi/openapi/", import.meta.url);

/**
 * Every operation our validator supports, mapped to the spec file and path whose request body
 * schema describes its body.
 *
 * `POST /v1/events` and `POST /v1/publications` are server-side endpoints whose tags (events,
 * publications) are not among the shared spec files. The contract digest
 * (our digest of the API rules, section 1.4) lists `POST /v1/events` together
 * with `POST /client/v1/events`, and `POST /v1/publications` together with
 * `POST /client/v1/publish`, as the same action with the same required customer; section 4.1
 * gives the event body, `{event (1-300 chars), customer (required), referral {code}, loyalty
 * {code}, metadata}`, and the publish body is a voucher or a campaign `{name, count 1-50}` plus
 * the customer. The server-side bodies have the same shape, so they are checked against the
 * request schemas of `POST /client/v1/events` and `POST /client/v1/publish` in client-side.json
 * (`spec-defects.test.mjs` checks that the server-side paths are indeed absent).
 */
export const OPERATIONS = Object.freeze({
  "POST /v1/customers": { file: "customers.json", method: "post", path: "/v1/customers" },
  "PUT /v1/customers/{customerId}": { file: "customers.json", method: "put", path: "/v1/customers/{customerId}" },
  "POST /v1/customers/bulk/async": { file: "customers.json", method: "post", path: "/v1/customers/bulk/async" },
  "POST /v1/customers/metadata/async": { file: "customers.json", method: "post", path: "/v1/customers/metadata/async" },
  "POST /v1/products": { file: "products.json", method: "post", path: "/v1/products" },
  "PUT /v1/products/{productId}": { file: "products.json", method: "put", path: "/v1/products/{productId}" },
  "POST /v1/products/bulk/async": { file: "products.json", method: "post", path: "/v1/products/bulk/async" },
  "POST /v1/products/metadata/async": { file: "products.json", method: "post", path: "/v1/products/metadata/async" },
  "POST /v1/products/{productId}/skus": { file: "products.json", method: "post", path: "/v1/products/{productId}/skus" },
  "PUT /v1/products/{productId}/skus/{skuId}": { file: "products.json", method: "put", path: "/v1/products/{productId}/skus/{skuId}" },
  "POST /v1/orders": { file: "orders.json", method: "post", path: "/v1/orders" },
  "PUT /v1/orders/{orderId}": { file: "orders.json", method: "put", path: "/v1/orders/{orderId}" },
  "POST /v1/orders/import": { file: "orders.json", method: "post", path: "/v1/orders/import" },
  // Server-side events: the client-side schema stands in (same body; see above).
  "POST /v1/events": { file: "client-side.json", method: "post", path: "/client/v1/events", standIn: true },
  "POST /client/v1/events": { file: "client-side.json", method: "post", path: "/client/v1/events" },
  // Server-side publications: the client-side publish schema stands in (same body; see above).
  "POST /v1/publications": { file: "client-side.json", method: "post", path: "/client/v1/publish", standIn: true },
  // Stackable validations, redemptions and qualifications, server- and client-side.
  "POST /v1/validations": { file: "validations.json", method: "post", path: "/v1/validations" },
  "POST /v1/redemptions": { file: "redemptions.json", method: "post", path: "/v1/redemptions" },
  "POST /v1/qualifications": { file: "qualifications.json", method: "post", path: "/v1/qualifications" },
  "POST /client/v1/validations": { file: "client-side.json", method: "post", path: "/client/v1/validations" },
  "POST /client/v1/redemptions": { file: "client-side.json", method: "post", path: "/client/v1/redemptions" },
  "POST /client/v1/qualifications": { file: "client-side.json", method: "post", path: "/client/v1/qualifications" },
});

/**
 * Operations whose request body has no example in the spec, with the operation whose examples
 * stand in for them. `POST /client/v1/qualifications` has none; its body schema
 * (`ClientQualificationsCheckEligibilityRequestBody`) declares the same properties as the
 * server-side `QualificationsCheckEligibilityRequestBody` (`spec-defects.test.mjs` compares them),
 * so the server-side examples are checked against the client-side schema instead.
 */
export const EXAMPLE_TWINS = Object.freeze({
  "POST /client/v1/qualifications": "POST /v1/qualifications",
});

/** The supported operations, in documentation order. */
export const OPERATION_KEYS = Object.freeze(Object.keys(OPERATIONS));

/** The spec files the operations use. */
export const SPEC_FILES = Object.freeze([...new Set(Object.values(OPERATIONS).map((o) => o.file))]);

const rawCache = new Map();

/** The parsed spec file, as published (deep-frozen, so that no test can alter it by mistake). */
export function loadSpec(file) {
  if (!rawCache.has(file)) {
    const text = readFileSync(fileURLToPath(new URL(file, SPEC_DIR)), "utf8");
    rawCache.set(file, deepFreeze(JSON.parse(text)));
  }
  return rawCache.get(file);
}

function deepFreeze(value) {
  if (value && typeof value === "object") {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function escapeToken(token) {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Reads `pointer` (RFC 6901) in `document`; `undefined` when it leads nowhere. */
export function getPointer(document, pointer) {
  if (pointer === "") return document;
  let node = document;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/** The JSON pointer, inside its spec file, of an operation's `application/json` request body. */
export function requestBodyPointer(operation) {
  const entry = entryOf(operation);
  return `/paths/${escapeToken(entry.path)}/${entry.method}/requestBody/content/${escapeToken("application/json")}`;
}

/** The pointer of the request body schema of an operation. */
export function requestSchemaPointer(operation) {
  return `${requestBodyPointer(operation)}/schema`;
}

function entryOf(operation) {
  const entry = OPERATIONS[operation];
  if (!entry) throw new Error(`not a supported operation: ${operation}`);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Spec defects and the deviations from them.
//
// Each deviation names the defect, checks that the defect is really there before patching (so a
// fixed spec makes the patch fail loudly instead of silently doing nothing), and patches a deep
// copy. `spec-defects.test.mjs` proves each defect with the spec's own examples.

export const DEVIATIONS = Object.freeze([
  {
    id: "order-item-requires-object",
    // Every file that defines `OrderItem` has the same copy of it: the orders, and the orders
    // nested in stackable validations, redemptions and qualifications.
    files: ["orders.json", "client-side.json", "validations.json", "redemptions.json", "qualifications.json"],
    pointer: "/components/schemas/OrderItem",
    // `OrderItem` says `required: ["object"]`, but `object` is not a declared property of an
    // order item request: it is the response's `"object": "order_item"` marker. The spec's own
    // examples (e.g. the first example of `POST /v1/orders`, or "1 Redeemable" of
    // `POST /v1/validations`) send items without it, and the contract digest (sections 3.3 and
    // 9.2) calls it a defect. We drop `object` from `required`.
    defect: "OrderItem has required: [\"object\"], but object is not a request property",
    isPresent(schema) {
      return Array.isArray(schema?.required) && schema.required.includes("object") && !Object.hasOwn(schema.properties ?? {}, "object");
    },
    apply(schema) {
      schema.required = schema.required.filter((name) => name !== "object");
      if (schema.required.length === 0) delete schema.required;
    },
  },
  {
    id: "publication-oneof-overlaps",
    files: ["client-side.json"],
    pointer: "/components/schemas/ClientPublicationsCreateRequestBody",
    // The publish body is `oneOf: [CreatePublicationWithSpecificVoucher, CreatePublicationWithCampaign]`,
    // but neither branch forbids the other's key, so a body with both `voucher` and `campaign`
    // matches both branches and fails `oneOf`. The spec's own examples "Example - Specific
    // Voucher" and "Example - Random Voucher" send both keys. We read this `oneOf` as `anyOf`.
    defect: "the oneOf of the publication body has overlapping branches (voucher and campaign together match both)",
    isPresent(schema) {
      return Array.isArray(schema?.oneOf) && schema.oneOf.length === 2 && !("anyOf" in schema);
    },
    apply(schema) {
      schema.anyOf = schema.oneOf;
      delete schema.oneOf;
    },
  },
  {
    id: "redeemable-oneof-overlaps",
    files: ["client-side.json", "validations.json", "redemptions.json"],
    pointer: "/components/schemas/StackableValidateRedeemBase/properties/redeemables/items",
    // A redeemable is `oneOf: [RedeemVoucher, RedeemPromotionTier, RedeemPromotionStack,
    // RedeemGiftCard, RedeemLoyaltyCard]`. The gift card and loyalty card branches are
    // `allOf: [RedeemVoucher, {gift}]` and `allOf: [RedeemVoucher, {reward}]`, and no branch
    // forbids other properties, so a plain `{"object": "voucher", "id": "CODE"}`, a gift card
    // and a loyalty card each match the voucher, gift card and loyalty card branches at once:
    // `oneOf` fails on every voucher (promotion tiers and stacks match one branch). Every
    // request example of the stackable validations and redemptions sends a voucher, so a strict
    // validator rejects them all. We read this `oneOf` as `anyOf`. The price: `gift` and
    // `reward` are then unconstrained for the schema (the plain voucher branch accepts any value
    // there; as published, a malformed gift still matches two branches and fails too, so oneOf
    // gave no real check of them either), and the shapes of `gift.credits` and `reward.points`
    // are checked by our rules only (see `LOOSE_PATTERNS`, the hand-written invalid cases and
    // `stackable-prepare.test.mjs`).
    defect: "the oneOf of a stackable redeemable has overlapping branches (a plain voucher matches the voucher, gift card and loyalty card branches)",
    isPresent(schema) {
      return Array.isArray(schema?.oneOf) && schema.oneOf.length === 5 && !("anyOf" in schema);
    },
    apply(schema) {
      schema.anyOf = schema.oneOf;
      delete schema.oneOf;
    },
  },
]);

/**
 * Declared fields that no value can make invalid for the schema after the deviations, so the
 * mutation tests cannot reach them: by operation, patterns (array indexes as `*`) whose fields
 * and descendants are exempt. Each one names its reason.
 */
export const LOOSE_PATTERNS = Object.freeze(
  Object.fromEntries(
    ["POST /v1/validations", "POST /v1/redemptions", "POST /client/v1/validations", "POST /client/v1/redemptions"].map((operation) => [
      operation,
      // Under the anyOf reading of redeemable-oneof-overlaps, the plain voucher branch leaves
      // `gift` and `reward` unconstrained.
      { patterns: ["/redeemables/*/gift", "/redeemables/*/reward"], reason: "redeemable-oneof-overlaps" },
    ]),
  ),
);

/** Whether a declared pattern of `operation` is exempt from the mutation tests (LOOSE_PATTERNS). */
export function isLoosePattern(operation, pattern) {
  const loose = LOOSE_PATTERNS[operation];
  return Boolean(loose?.patterns.some((root) => pattern === root || pattern.startsWith(`${root}/`)));
}

/**
 * Request examples that contradict the spec's own schema in a way no deviation above repairs.
 * They are kept out of the examples that must be valid; `spec-defects.test.mjs` shows that the
 * schema rejects each one and records what our validator says about it.
 */
export const EXAMPLE_DEFECTS = Object.freeze([
  {
    operation: "POST /v1/publications",
    example: "Example 3",
    // The example sends `"campaign": "Test - Discount Effect - Amount - Items"`, a campaign name as
    // a string, while both branches of the body (see above) type `campaign` as the object
    // `CreatePublicationCampaign` `{name, count}`, and the voucher branch needs `voucher`. The
    // schema wins: a string campaign is reported by the schema and by us.
    defect: "campaign is a string in the example, an object {name, count} in the schema",
    instancePath: "/campaign",
  },
]);

/**
 * Where our validator knowingly accepts more than the schema, by product decision rather than a
 * spec defect. The mutation tests assert that we accept each such body (so the deviation is
 * deliberate and visible) instead of asking for an error.
 */
export const PRODUCT_DEVIATIONS = Object.freeze([
  {
    id: "update-clears-customer-fields-with-null",
    operation: "PUT /v1/customers/{customerId}",
    kind: "null",
    // An update must be able to clear a phone number or an address line; the customer builder's
    // `clearEmpty` and `diffCustomer` send `null` for exactly that. The schema types these
    // fields as plain strings (only `address` itself is nullable); the API's own validation
    // messages allow null on string fields ("Property .description must be string,null"). We
    // accept null here, in updates only; create, bulk and nested customers still reject it.
    pointers: /^\/(name|description|email|phone|birthdate|birthday|address\/(city|state|line_1|line_2|country|postal_code))$/,
  },
]);

/** The product deviation that covers a mutation, if any. */
export function productDeviation(operation, kind, pointer) {
  return PRODUCT_DEVIATIONS.find((d) => d.operation === operation && d.kind === kind && d.pointers.test(pointer));
}

/** Whether `(operation, exampleName)` is a listed example defect. */
export function exampleDefect(operation, name) {
  return EXAMPLE_DEFECTS.find((entry) => entry.operation === operation && entry.example === name);
}

const patchedCache = new Map();

/** A deep copy of the spec file with the documented deviations applied. */
export function patchedSpec(file) {
  if (!patchedCache.has(file)) {
    const copy = structuredClone(loadSpec(file));
    for (const deviation of DEVIATIONS.filter((d) => d.files.includes(file))) {
      const target = getPointer(copy, deviation.pointer);
      if (!deviation.isPresent(target)) {
        throw new Error(
          `deviation ${deviation.id} no longer applies: ${file}#${deviation.pointer} no longer has the defect (${deviation.defect}); remove the deviation`,
        );
      }
      deviation.apply(target);
    }
    patchedCache.set(file, copy);
  }
  return patchedCache.get(file);
}

// ---------------------------------------------------------------------------------------------
// ajv.

/** A fresh ajv as the contract tests configure it. */
export function createAjv() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const ajvCache = new Map();

/** The ajv holding every spec file, as published (`patched: false`) or with the deviations. */
export function specAjv({ patched = true } = {}) {
  const key = patched ? "patched" : "raw";
  if (!ajvCache.has(key)) {
    const ajv = createAjv();
    for (const file of SPEC_FILES) {
      // The OpenAPI document is not itself a JSON schema, so it is not checked against the
      // meta-schema; its schemas are reached through `$ref`s into it.
      ajv.addSchema(patched ? patchedSpec(file) : structuredClone(loadSpec(file)), file, undefined, false);
    }
    ajvCache.set(key, ajv);
  }
  return ajvCache.get(key);
}

/** The `$ref` URI of an operation's request schema, e.g. `orders.json#/paths/~1v1~1orders/post/...`. */
export function requestSchemaRef(operation) {
  const pointer = requestSchemaPointer(operation);
  // In a URI fragment the pointer's tokens are percent-encoded (`{customerId}` has braces).
  const fragment = pointer.split("/").map((token) => encodeURIComponent(token)).join("/");
  return `${entryOf(operation).file}#${fragment}`;
}

const validatorCache = new Map();

/** The compiled ajv validate function of an operation's request body. */
export function compileRequestSchema(operation, { patched = true } = {}) {
  const key = `${patched ? "patched" : "raw"} ${operation}`;
  if (!validatorCache.has(key)) {
    const ajv = specAjv({ patched });
    if (getPointer(loadSpec(entryOf(operation).file), requestSchemaPointer(operation)) === undefined) {
      throw new Error(`${operation}: no application/json request schema at ${requestSchemaRef(operation)}`);
    }
    validatorCache.set(key, ajv.compile({ $ref: requestSchemaRef(operation) }));
  }
  return validatorCache.get(key);
}

/**
 * Validates `body` against an operation's request schema. Returns `{ valid, errors }`, where
 * `errors` are ajv's errors (empty when valid).
 */
export function specValidate(operation, body, options) {
  const validate = compileRequestSchema(operation, options);
  const valid = validate(body);
  return { valid, errors: valid ? [] : [...validate.errors] };
}

/**
 * Every request example of an operation: the media type's `examples.*.value` and `example`.
 * Returns `[{ name, value }]`; `value` is a deep copy that the caller may change.
 */
export function requestExamples(operation) {
  const media = getPointer(loadSpec(entryOf(operation).file), requestBodyPointer(operation));
  const examples = [];
  for (const [name, example] of Object.entries(media?.examples ?? {})) {
    if (example && Object.hasOwn(example, "value")) {
      examples.push({ name, value: structuredClone(example.value) });
    }
  }
  if (media && Object.hasOwn(media, "example")) {
    examples.push({ name: "example", value: structuredClone(media.example) });
  }
  return examples;
}

/** One line per ajv error, for assertion messages. */
export function formatAjvErrors(errors) {
  return (errors ?? [])
    .map((e) => `  ${e.instancePath || "(root)"} ${e.message}${e.params && Object.keys(e.params).length ? " " + JSON.stringify(e.params) : ""} [${e.schemaPath}]`)
    .join("\n");
}

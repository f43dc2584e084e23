// Invalid bodies made from valid ones, guided by the request schema: one change per body.
//
// Kinds of mutation (each one is something the schema forbids, so ajv must reject every one;
// the test asserts that too, so a mutation that is not really invalid fails loudly):
// - wrong-type:   every declared field (present or not) set to values of other JSON types;
// - null:         every declared field set to `null`, unless the schema says `nullable: true`;
// - not-an-object / not-an-array: the whole body replaced by a value of another type;
// - missing-required: a required property deleted (for `anyOf` bodies: a property required by a
//                 branch, when the body has no other branch to fall back on);
// - bad-enum:     a value outside an `enum`;
// - bad-format:   malformed `date` and `date-time` strings (including impossible calendar days);
// - non-integer:  a fraction where the schema says `integer` (money in cents, quantities);
// - out-of-range: numbers just outside `minimum`/`maximum`, strings just outside
//                 `minLength`/`maxLength` (event names of 0 and 301 characters).
//
// Array elements: the first `maxElements` elements of each array are visited; a mutation already
// made at the same pattern (array indexes as `*`) with the same value is not made again.

import { getPointer, patchedSpec, requestSchemaPointer, OPERATIONS, escapeToken } from "./spec.mjs";

// ---------------------------------------------------------------------------------------------
// A flattened view of a schema node: `$ref`s followed, `allOf` merged, `anyOf`/`oneOf` branches
// kept apart for required-ness and merged for the properties they declare.

function deref(node, doc) {
  let current = node;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops += 1) {
    if (!current.$ref.startsWith("#") || hops > 50) throw new Error(`unsupported $ref ${current.$ref}`);
    current = getPointer(doc, current.$ref.slice(1));
  }
  return current;
}

/** The facts of a list of schema nodes that all apply to one value. */
export function schemaFacts(nodes, doc) {
  const facts = {
    types: new Set(),
    nullable: false,
    properties: new Map(),
    required: new Set(),
    branches: [],
    items: [],
    enum: null,
    format: null,
    minimum: undefined,
    maximum: undefined,
    minLength: undefined,
    maxLength: undefined,
  };
  const merge = (raw) => {
    const node = deref(raw, doc);
    if (!node || typeof node !== "object") return;
    for (const type of [].concat(node.type ?? [])) facts.types.add(type);
    if (node.nullable === true) facts.nullable = true;
    for (const [name, sub] of Object.entries(node.properties ?? {})) {
      if (!facts.properties.has(name)) facts.properties.set(name, []);
      facts.properties.get(name).push(sub);
    }
    for (const name of node.required ?? []) facts.required.add(name);
    if (node.items) facts.items.push(node.items);
    if (Array.isArray(node.enum)) facts.enum = node.enum;
    if (typeof node.format === "string") facts.format = node.format;
    for (const key of ["minimum", "maximum", "minLength", "maxLength"]) {
      if (typeof node[key] === "number") facts[key] = node[key];
    }
    for (const part of node.allOf ?? []) merge(part);
    const alternatives = node.anyOf ?? node.oneOf;
    if (alternatives) {
      const branches = alternatives.map((branch) => schemaFacts([branch], doc));
      facts.branches.push(branches);
      for (const branch of branches) {
        for (const type of branch.types) facts.types.add(type);
        for (const [name, subs] of branch.properties) {
          if (!facts.properties.has(name)) facts.properties.set(name, []);
          facts.properties.get(name).push(...subs);
        }
      }
      // Required by every branch is simply required.
      const [first, ...rest] = branches;
      for (const name of first.required) if (rest.every((b) => b.required.has(name))) facts.required.add(name);
    }
  };
  for (const node of nodes) merge(node);
  return facts;
}

/** The facts of an operation's request body. */
export function bodyFacts(operation) {
  const { file } = OPERATIONS[operation];
  const doc = patchedSpec(file);
  return { facts: schemaFacts([getPointer(doc, requestSchemaPointer(operation))], doc), doc };
}

/**
 * Every declared property location of an operation's body, as patterns with `*` for array
 * elements (`/items/*\/product/price`), down to `maxDepth` levels.
 */
export function declaredPatterns(operation, maxDepth = 8) {
  const { facts, doc } = bodyFacts(operation);
  const out = new Set();
  const walk = (f, pattern, depth) => {
    if (depth > maxDepth) return;
    for (const items of f.items) walk(schemaFacts([items], doc), `${pattern}/*`, depth + 1);
    for (const [name, subs] of f.properties) {
      const child = `${pattern}/${escapeToken(name)}`;
      out.add(child);
      walk(schemaFacts(subs, doc), child, depth + 1);
    }
  };
  walk(facts, "", 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Wrong values.

const jsonType = (value) => (value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value);

const WRONG_BY_TYPE = {
  string: [12345, true],
  integer: ["100", false],
  number: ["12.5", {}],
  boolean: ["true", 1],
  object: ["text", []],
  array: [{}, "a,b"],
};

/** Values of other JSON types than `facts` allows (and `null` when it is not nullable). */
function wrongValues(facts) {
  if (facts.types.size === 0) return [];
  const allowed = (value) => {
    const type = jsonType(value);
    if (type === "null") return facts.nullable;
    if (type === "integer") return facts.types.has("integer") || facts.types.has("number");
    return facts.types.has(type);
  };
  const candidates = [];
  for (const type of facts.types) candidates.push(...(WRONG_BY_TYPE[type] ?? []));
  candidates.push(null);
  const seen = new Set();
  return candidates.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key) || allowed(value)) return false;
    seen.add(key);
    return true;
  });
}

const BAD_FORMATS = {
  date: ["1990-02-30", "1991-02-29", "1990-13-01", "1990-00-10", "90-01-01", "1990/01/01", "01.02.1990", "1990-01-01T00:00:00Z", " 1990-01-01", ""],
  "date-time": ["2022-03-11", "2022-03-11T09:00:00", "2022-03-11T24:00:00Z", "2022-02-30T10:00:00Z", "2022-03-11T09:60:00Z", "11/03/2022 09:00", "2022-03-11T09:00Z", ""],
};

// ---------------------------------------------------------------------------------------------
// The mutations of one body.

function clone(value) {
  return value === undefined ? undefined : structuredClone(value);
}

/** Sets (or deletes, with `remove`) the value at `pointer` in a copy of `body`. */
function withChange(body, pointer, value, { remove = false } = {}) {
  if (pointer === "") return clone(value);
  const copy = clone(body);
  const tokens = pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = tokens.pop();
  let parent = copy;
  for (const token of tokens) parent = parent[token];
  if (remove) delete parent[last];
  else parent[last] = clone(value);
  return copy;
}

/** Whether `name` is left unconstrained by an `anyOf` branch that `object` satisfies the requirements of. */
function looseIn(object, facts, name) {
  return facts.branches.some((branches) =>
    branches.some((branch) => !branch.properties.has(name) && [...branch.required].every((required) => Object.hasOwn(object, required))),
  );
}

const patternOf = (pointer) => pointer.replace(/\/\d+(?=\/|$)/g, "/*");

/**
 * The mutations of `body`, as `[{ kind, pointer, pattern, label, body }]`. `pattern` is the
 * pointer with array indexes as `*`.
 */
export function mutations(operation, body, { seen = new Set(), maxElements = 25 } = {}) {
  const { facts: rootFacts, doc } = bodyFacts(operation);
  const out = [];
  // `seen` holds the keys of mutations already made (from other bodies): a mutation of the same
  // kind, at the same pattern, with the same value is not made again.
  const add = (kind, pointer, label, mutated) => {
    const pattern = patternOf(pointer);
    const key = `${kind}|${pattern}|${label}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, pointer, pattern, label, key, body: typeof mutated === "function" ? mutated() : mutated });
  };

  // The whole body of the wrong type.
  if (rootFacts.types.has("object")) {
    for (const value of [[], "text", 42, null, true]) add("not-an-object", "", JSON.stringify(value), value);
  }
  if (rootFacts.types.has("array")) {
    for (const value of [{}, "text", null, 7]) add("not-an-array", "", JSON.stringify(value), value);
  }

  const visitValue = (value, facts, pointer) => {
    if (Array.isArray(value)) {
      const itemFacts = schemaFacts(facts.items, doc);
      value.slice(0, maxElements).forEach((element, index) => visitValue(element, itemFacts, `${pointer}/${index}`));
    }
    if (value && typeof value === "object" && !Array.isArray(value)) visitObject(value, facts, pointer);
  };

  const visitObject = (object, facts, pointer) => {
    for (const [name, subs] of facts.properties) {
      const childPointer = `${pointer}/${escapeToken(name)}`;
      const child = schemaFacts(subs, doc);
      // A property declared by only some `anyOf` branches is unconstrained in a body that
      // satisfies another branch (a voucher publication may carry anything as `campaign`), so
      // changing it there does not make the body invalid.
      if (looseIn(object, facts, name)) continue;
      for (const wrong of wrongValues(child)) {
        const kind = wrong === null ? "null" : "wrong-type";
        add(kind, childPointer, `${[...child.types].join("|")} <- ${JSON.stringify(wrong)}`, () => withChange(body, childPointer, wrong));
      }
      if (child.format && BAD_FORMATS[child.format]) {
        for (const bad of BAD_FORMATS[child.format]) add("bad-format", childPointer, `${child.format} <- ${JSON.stringify(bad)}`, () => withChange(body, childPointer, bad));
      }
      if (child.enum) {
        for (const bad of ["NOT_A_VALUE", String(child.enum[0]).toLowerCase() === String(child.enum[0]) ? String(child.enum[0]).toUpperCase() : String(child.enum[0]).toLowerCase()]) {
          add("bad-enum", childPointer, `enum ${JSON.stringify(bad)}`, () => withChange(body, childPointer, bad));
        }
      }
      if (child.types.has("integer")) {
        for (const bad of [10.5, 0.01]) add("non-integer", childPointer, `integer <- ${bad}`, () => withChange(body, childPointer, bad));
      }
      if (child.minimum !== undefined) add("out-of-range", childPointer, `minimum ${child.minimum} <- ${child.minimum - 1}`, () => withChange(body, childPointer, child.minimum - 1));
      if (child.maximum !== undefined) add("out-of-range", childPointer, `maximum ${child.maximum} <- ${child.maximum + 1}`, () => withChange(body, childPointer, child.maximum + 1));
      if (child.minLength !== undefined && child.minLength > 0) {
        add("out-of-range", childPointer, `minLength ${child.minLength} <- ${child.minLength - 1} characters`, () => withChange(body, childPointer, "e".repeat(child.minLength - 1)));
      }
      if (child.maxLength !== undefined) {
        add("out-of-range", childPointer, `maxLength ${child.maxLength} <- ${child.maxLength + 1} characters`, () => withChange(body, childPointer, "e".repeat(child.maxLength + 1)));
      }
      if (Object.hasOwn(object, name)) visitValue(object[name], child, childPointer);
    }
    const required = new Set(facts.required);
    for (const branches of facts.branches) {
      // A property required by a branch, when the body has no property that another branch needs.
      for (const branch of branches) {
        const others = branches.filter((b) => b !== branch);
        const fallback = others.some((b) => [...b.required].every((name) => Object.hasOwn(object, name)));
        if (!fallback) for (const name of branch.required) required.add(name);
      }
    }
    for (const name of required) {
      if (Object.hasOwn(object, name)) {
        add("missing-required", `${pointer}/${escapeToken(name)}`, `required ${name}`, () => withChange(body, `${pointer}/${escapeToken(name)}`, undefined, { remove: true }));
      }
    }
  };

  visitValue(body, rootFacts, "");
  return out;
}

/** The error codes of ours that fit each kind of mutation. */
export const CODES_BY_KIND = Object.freeze({
  "not-an-object": ["invalid_type"],
  "not-an-array": ["invalid_type"],
  "wrong-type": ["invalid_type", "not_integer_cents"],
  null: ["invalid_type"],
  "missing-required": ["missing_field"],
  "bad-enum": ["invalid_value"],
  "bad-format": ["invalid_format"],
  "non-integer": ["not_integer_cents", "invalid_type"],
  "out-of-range": ["out_of_range", "invalid_length"],
});

// Comparing ajv's verdict on a body with ours.
//
// The rule: when ajv rejects a body, we must report an `error` issue that points at what ajv
// points at, or above it. A JSON pointer `a` covers `b` when `a === b` or `b` starts with `a + "/"`
// (the root `""` covers everything). ajv's `required` errors already point at the object that
// lacks the property, which is where we report `missing_field`.
//
// How many of ajv's errors must be covered:
// - When ajv's errors contain no `anyOf`/`oneOf` error, each error is a plain violation of the
//   one schema the body must meet, so every one of them must be covered.
// - When they contain one (the publication body is an `anyOf` of "voucher" and "campaign"), ajv
//   also lists the failures of the alternatives the body was never meant to match (a body with a
//   campaign "must have required property 'voucher'"). Then at least one error must be covered.

/** Whether pointer `ancestor` is `path` or one of its ancestors. */
export function covers(ancestor, path) {
  return ancestor === path || path.startsWith(`${ancestor}/`);
}

const COMPOSITE = new Set(["anyOf", "oneOf"]);

/**
 * Checks our report against ajv's errors. Returns `{ ok, uncovered, mode }`: `uncovered` are the
 * ajv errors that no error issue of ours covers.
 */
export function coverage(ajvErrors, issues) {
  const ours = issues.filter((issue) => issue.severity === "error");
  const uncovered = ajvErrors.filter((error) => !ours.some((issue) => covers(issue.path, error.instancePath)));
  const composite = ajvErrors.some((error) => COMPOSITE.has(error.keyword));
  const ok = ajvErrors.length > 0 && (composite ? uncovered.length < ajvErrors.length : uncovered.length === 0);
  return { ok, uncovered, mode: composite ? "at least one ajv error covered (anyOf/oneOf)" : "every ajv error covered" };
}

/** A table of ajv's errors against our issues, for an assertion message. */
export function comparisonTable(ajvErrors, issues) {
  const rows = [];
  const ours = issues.filter((issue) => issue.severity === "error");
  for (const error of ajvErrors) {
    const at = error.instancePath === "" ? "(root)" : error.instancePath;
    const hits = ours.filter((issue) => covers(issue.path, error.instancePath));
    const shown = hits.length ? hits.map((i) => `${i.code}@${i.path || "(root)"}`).join(", ") : "NOT COVERED";
    rows.push(`  ajv ${error.keyword} at ${at}: ${error.message} -> ${shown}`);
  }
  rows.push("  our issues:");
  rows.push(...(issues.length ? issues.map((i) => `    ${i.severity} ${i.code} at ${i.path || "(root)"}: ${i.message}`) : ["    (none)"]));
  return rows.join("\n");
}

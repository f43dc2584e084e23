// Our validator, through the npm package exactly as a user loads it, plus helpers to read and
// print its reports in assertion messages.

import { validatePayload as packageValidatePayload, listOperations } from "../../../pkg/node.js";

export { listOperations };

/**
 * Validates `body`, a JSON value, as the body of `operation`.
 *
 * The package reads a string body as JSON text (and bytes as UTF-8 JSON). The contract tests
 * always mean JSON values, including bodies that are a JSON string by mistake, so a string body is
 * handed over as its JSON text; every other value goes in as it is.
 */
export async function validatePayload(operation, body, options) {
  const input = typeof body === "string" ? JSON.stringify(body) : body;
  return await packageValidatePayload(operation, input, options);
}

/** The issues of severity `error`. */
export function errorIssues(report) {
  return report.issues.filter((issue) => issue.severity === "error");
}

/** The issues of severity `warning`. */
export function warningIssues(report) {
  return report.issues.filter((issue) => issue.severity === "warning");
}

/** One line per issue, for assertion messages. */
export function formatIssues(issues) {
  if (issues.length === 0) return "  (no issues)";
  return issues.map((i) => `  ${i.severity} ${i.code} at ${i.path === "" ? "(root)" : i.path}: ${i.message}`).join("\n");
}

/** A body shortened for an assertion message. */
export function preview(body, max = 600) {
  const text = JSON.stringify(body);
  if (text === undefined) return String(body);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

// Every request example in the spec, for every supported operation, is valid for the spec's own
// schema (after the documented deviations of lib/spec.mjs) and valid for us: no `error` issue.
// Warnings are allowed here, since several official examples carry likely mistakes on purpose or
// by accident (a deprecated `birthday`, a placeholder `image_url`, a `Name` key).

import test from "node:test";
import assert from "node:assert/strict";

import { EXAMPLE_TWINS, OPERATION_KEYS, exampleDefect, formatAjvErrors, requestExamples, specValidate } from "./lib/spec.mjs";
import { errorIssues, formatIssues, preview, validatePayload } from "./lib/ours.mjs";

test("every supported operation has request examples in the spec, or a twin whose examples stand in", () => {
  let total = 0;
  for (const operation of OPERATION_KEYS) {
    const examples = requestExamples(operation);
    const twin = EXAMPLE_TWINS[operation];
    if (twin) {
      // A fixed spec should have its own examples used instead of the twin's.
      assert.equal(examples.length, 0, `${operation} has request examples now; drop it from EXAMPLE_TWINS`);
      assert.ok(requestExamples(twin).length > 0, `${operation}: the twin ${twin} has no request example either`);
      continue;
    }
    assert.ok(examples.length > 0, `${operation} has no request example`);
    total += examples.length;
  }
  assert.ok(total >= 20, `only ${total} examples`);
});

/** The examples an operation is checked with: its own, or its twin's (EXAMPLE_TWINS). */
const examplesFor = (operation) =>
  EXAMPLE_TWINS[operation] ? requestExamples(EXAMPLE_TWINS[operation]).map((e) => ({ ...e, name: `${e.name} (of ${EXAMPLE_TWINS[operation]})` })) : requestExamples(operation);

for (const operation of OPERATION_KEYS) {
  for (const { name, value } of examplesFor(operation)) {
    const defect = exampleDefect(operation, name);
    if (defect) {
      // Shown to contradict the schema, with our verdict, in spec-defects.test.mjs.
      test(`${operation} example "${name}" is a documented spec defect (${defect.defect})`, () => {
        assert.equal(specValidate(operation, value).valid, false);
      });
      continue;
    }
    test(`${operation} example "${name}" is valid for the spec and for us`, async () => {
      const spec = specValidate(operation, value);
      assert.equal(spec.valid, true, `the spec's schema rejects its own example:\n${formatAjvErrors(spec.errors)}`);
      const report = await validatePayload(operation, value);
      const errors = errorIssues(report);
      assert.equal(
        errors.length,
        0,
        `we report errors on a spec example that the schema accepts:\nbody: ${preview(value, 2000)}\nour issues:\n${formatIssues(report.issues)}`,
      );
      assert.equal(report.valid, true, `valid is false without error issues:\n${formatIssues(report.issues)}`);
    });
  }
}

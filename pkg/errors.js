// errors.js: the one error class every misuse of the package is thrown as.

/**
 * A misuse of the package (a wrong argument, an unknown operation, bad options, a call before
 * `init()`), as opposed to a problem in the data it checks, which comes back in a report.
 *
 * `code` is stable; match on it rather than on `message`.
 */
export class VoucherifySyncError extends Error {
  /**
   * @param {string} code stable snake_case code, e.g. `unknown_operation`
   * @param {string} message lowercase explanation with no trailing period
   * @param {{ path?: string, issues?: object[], cause?: unknown }} [details]
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'VoucherifySyncError';
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.issues !== undefined) this.issues = details.issues;
  }
}

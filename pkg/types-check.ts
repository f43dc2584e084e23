// types-check.ts: compiled by `tsc --noEmit -p pkg`, never run; proves that index.d.ts
// describes the API the way callers use it, and rejects what it should.

import {
  init,
  issueCodes,
  listOperations,
  validateCustomer,
  validateOrder,
  validatePayload,
  validatePayloads,
  VoucherifySyncError,
  type Issue,
  type IssueCode,
  type NdjsonReport,
  type Operation,
  type Report,
  type Severity,
  type ValidationOptions,
} from 'voucherify-sync';

export async function usesTheApi(): Promise<void> {
  await init();
  await init(new URL('https://example.com/voucherify_sync_bg.wasm'));

  const report: Report = validatePayload('POST /v1/customers', { source_id: 'c1' });
  const concrete: Report = validatePayload('PUT /v1/customers/cust_123', '{"name":"Ada"}');
  const bytes: Report = validateCustomer(new TextEncoder().encode('{}'));
  const first: Issue | undefined = report.issues[0];
  const code: IssueCode | undefined = first?.code;
  const severity: Severity | undefined = first?.severity;
  const path: string | undefined = first?.path;
  void [concrete, bytes, code, severity, path];

  const options: ValidationOptions = {
    maxIssues: 10,
    metadataSchemas: {
      schemas: [
        {
          related_object: 'customer',
          allow_defined_only: true,
          properties: { tier: { type: 'string', eq: ['gold', 'silver'] }, visits: { type: 'number', gte: 0 } },
        },
      ],
    },
  };
  validateOrder({ amount: 100, items: [] }, options);

  const ndjson: NdjsonReport = validatePayloads('POST /v1/orders', '{}\n{}\n', { maxIssues: 1 });
  const line: number | undefined = ndjson.issues[0]?.line;
  const invalidJson: number | undefined = ndjson.countsByCode.invalid_json;
  void [line, invalidJson, ndjson.truncated, ndjson.blankLines];

  const operations: Operation[] = listOperations().map((entry) => entry.operation);
  const codes: IssueCode[] = issueCodes();
  void [operations, codes];

  try {
    validatePayload('POST /v1/customers', undefined);
  } catch (error) {
    if (error instanceof VoucherifySyncError) {
      const misuse: 'invalid_argument' | 'unknown_operation' | 'invalid_options' | 'not_initialized' | 'init_failed' | 'internal_error' = error.code;
      const message: string = error.message;
      void [misuse, message, error.path, error.issues];
    }
  }
}

export function rejectsMistakes(): void {
  // @ts-expect-error: the method is part of the operation
  validatePayload('/v1/customers', {});
  // @ts-expect-error: GET has no body to validate
  validatePayload('GET /v1/customers', {});
  // @ts-expect-error: options are camelCase; metadataSchema is misspelt
  validateCustomer({}, { metadataSchema: {} });
  // @ts-expect-error: NDJSON is text or bytes
  validatePayloads('POST /v1/orders', [{}]);
  // @ts-expect-error: not an issue code
  const code: IssueCode = 'invalid_date';
  void code;
}

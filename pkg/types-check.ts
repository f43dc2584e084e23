// types-check.ts: compiled by `tsc --noEmit -p pkg`, never run; proves that index.d.ts and
// storefront.d.ts describe the API the way callers use it, and reject what they should.

import {
  buildCustomer,
  createClient,
  diffCustomer,
  prepareStackableRequest,
  upsertEffects,
  VoucherifyRequestError,
  type Effect,
  type ErrorCode,
  type FieldOutcome,
  type RedeemableOutcome,
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
import * as storefront from 'voucherify-sync/storefront';

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
      const misuse: ErrorCode = error.code;
      const message: string = error.message;
      void [misuse, message, error.path, error.issues];
    }
  }
}

export async function customersAndRedemption(): Promise<void> {
  const built = buildCustomer({ Email: 'a@b.io', City: 'Oslo' }, { defaultCountry: 'US', dateOrder: 'dmy' });
  const city: string | null | undefined = built.customer.address?.city;
  const outcome: FieldOutcome['outcome'] = built.fields[0].outcome;
  void [city, outcome];
  const diff = diffCustomer({ source_id: 'c1' }, { source_id: 'c1', name: 'A' }, { keepMissing: true });
  void diff.body?.name;
  const effects = upsertEffects('POST /v1/orders', {});
  const resource: Effect['resource'] | undefined = effects.effects[0]?.resource;
  void resource;
  const prepared = prepareStackableRequest(
    { codes: ['A'], giftCards: [{ code: 'G', credits: 100 }], session: true },
    { stackingRules: { applicable_redeemables_limit: 5 }, operation: 'POST /client/v1/redemptions' },
  );
  const skipped: string | null | undefined = prepared.applicationOrder[0]?.skippedBecause;
  void skipped;
  const client = createClient({ clientApplicationId: 'id', clientToken: 'token', origin: 'shop.example.com' });
  // The official SDK's option names.
  void createClient({ clientApplicationId: 'id', clientSecretKey: 'client-key', customHeaders: { 'X-Correlation-Id': 'c1' } });
  const { summary } = await client.validateThenRedeem({ codes: ['A'] });
  const status: RedeemableOutcome['status'] | undefined = summary.redeemables[0]?.status;
  void status;
  try {
    await client.redeem(prepared.body);
  } catch (error) {
    if (error instanceof VoucherifyRequestError) void [error.status, error.key, error.requestId, error.retryAfter];
  }
}

export function rejectsMistakes(): void {
  // @ts-expect-error: dateOrder is dmy or mdy
  buildCustomer({}, { dateOrder: 'ymd' });
  // @ts-expect-error: not a customer field
  buildCustomer({}, { mapping: { Nick: 'nickname' } });
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
  // @ts-expect-error: the client token (clientToken or clientSecretKey) is required
  createClient({ clientApplicationId: 'id' });
}

export async function usesTheStorefrontEntry(): Promise<void> {
  await storefront.init();
  await storefront.init(new URL('https://example.com/voucherify_sync_bg.wasm'));
  const report: storefront.Report = storefront.validatePayload('POST /v1/customers', { source_id: 'c1' });
  const order: Report = storefront.validateOrder({ amount: 0, items: [] });
  const prepared: storefront.PreparedRequest = storefront.prepareStackableRequest({ codes: ['A'] });
  const body: Record<string, unknown> = storefront.prepareStackableRequestStrict({ codes: ['A'] });
  const customer: storefront.Customer = storefront.buildCustomerStrict({ Email: 'a@b.io' });
  const client: storefront.Client = storefront.createClient({ clientApplicationId: 'id', clientToken: 'token' });
  void [report, order, prepared, body, customer, client];
  // The storefront entry and the full one throw the same classes.
  const sameError: typeof VoucherifySyncError = storefront.VoucherifySyncError;
  const sameRequestError: typeof VoucherifyRequestError = storefront.VoucherifyRequestError;
  void [sameError, sameRequestError];
  // @ts-expect-error: CSV checks are not part of the storefront entry
  void storefront.validateCsv;
  // @ts-expect-error: nor is sync planning
  void storefront.planSync;
  // @ts-expect-error: nor the CSV worker
  void storefront.createCsvWorker;
}

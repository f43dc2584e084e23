// index.d.ts: the types of the public API, shared by the browser and Node entries.

/** An operation whose request body can be validated, as `"METHOD /path template"`. */
export type Operation =
  | 'POST /v1/customers'
  | 'PUT /v1/customers/{customerId}'
  | 'POST /v1/customers/bulk/async'
  | 'POST /v1/customers/metadata/async'
  | 'POST /v1/products'
  | 'PUT /v1/products/{productId}'
  | 'POST /v1/products/bulk/async'
  | 'POST /v1/products/metadata/async'
  | 'POST /v1/products/{productId}/skus'
  | 'PUT /v1/products/{productId}/skus/{skuId}'
  | 'POST /v1/orders'
  | 'PUT /v1/orders/{orderId}'
  | 'POST /v1/orders/import'
  | 'POST /v1/events'
  | 'POST /client/v1/events'
  | 'POST /v1/publications'
  | 'POST /v1/validations'
  | 'POST /v1/redemptions'
  | 'POST /v1/qualifications'
  | 'POST /client/v1/validations'
  | 'POST /client/v1/redemptions'
  | 'POST /client/v1/qualifications';

/**
 * What the API functions accept: an {@link Operation}, or a concrete path of one such as
 * `"PUT /v1/customers/cust_123"` (the method is case-insensitive at run time).
 */
export type OperationInput = Operation | `${'POST' | 'PUT' | 'post' | 'put'} /${string}`;

/** The closed list of issue codes; renaming one is a breaking change. */
export type IssueCode =
  | 'invalid_json'
  | 'too_deep'
  | 'too_large'
  | 'invalid_type'
  | 'missing_field'
  | 'empty_value'
  | 'invalid_value'
  | 'invalid_format'
  | 'ambiguous_date'
  | 'invalid_length'
  | 'out_of_range'
  | 'not_integer_cents'
  | 'amount_mismatch'
  | 'too_many'
  | 'too_few'
  | 'duplicate'
  | 'immutable_field'
  | 'missing_identifier'
  | 'conflicting_fields'
  | 'ignored_field'
  | 'unknown_field'
  | 'response_only_field'
  | 'deprecated_field'
  | 'not_persisted'
  | 'no_events'
  | 'skipped_by_stacking_rules'
  | 'metadata_invalid_type'
  | 'metadata_invalid_format'
  | 'metadata_missing_required'
  | 'metadata_not_allowed'
  | 'metadata_out_of_range'
  | 'metadata_invalid_length'
  | 'metadata_undefined_key'
  | 'metadata_deleted_key'
  | 'csv_missing_header'
  | 'csv_empty_header'
  | 'csv_duplicate_header'
  | 'csv_invalid_header'
  | 'csv_invalid_encoding'
  | 'csv_unterminated_quote'
  | 'csv_invalid_quote'
  | 'csv_field_count'
  | 'csv_empty_row'
  | 'csv_record_too_large'
  | 'csv_formula_injection'
  | 'csv_unknown_product'
  | 'csv_unknown_attribute'
  | 'csv_order_conflict'
  | 'csv_order_not_grouped'
  | 'csv_order_skipped'
  | 'csv_converted';

/** `error`: the API would reject the request; `warning`: accepted, but likely a mistake. */
export type Severity = 'error' | 'warning';

/** One problem in a body. */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** An RFC 6901 JSON pointer to the value at fault (`""` is the whole body). */
  path: string;
  /** A lowercase explanation with no trailing period. */
  message: string;
}

/** The outcome of validating one body. */
export interface Report {
  /** `true` when no issue is an error (warnings alone keep a body valid). */
  valid: boolean;
  issues: Issue[];
}

/** An issue of an NDJSON file: `path` is relative to the body on `line`. */
export interface NdjsonIssue extends Issue {
  /** The 1-based line of the body in the file. */
  line: number;
}

/** The outcome of validating NDJSON; the counts are exact even when `issues` is cut. */
export interface NdjsonReport {
  /** `true` when no body has an error. */
  valid: boolean;
  /** Bodies read (non-blank lines). */
  bodies: number;
  validBodies: number;
  invalidBodies: number;
  /** Blank lines, skipped. */
  blankLines: number;
  errorCount: number;
  warningCount: number;
  countsByCode: Partial<Record<IssueCode, number>>;
  /** The first issues, at most `maxIssues` of them. */
  issues: NdjsonIssue[];
  /** Whether issues were left out of the list. */
  truncated: boolean;
}

/** A metadata value type of a metadata schema definition. */
export type MetadataType =
  | 'string'
  | 'number'
  | 'object'
  | 'date'
  | 'datetime'
  | 'geopoint'
  | 'boolean'
  | 'image_url';

/** One property definition of a metadata schema, in either API spelling. */
export interface MetadataDefinition {
  type: MetadataType;
  array?: boolean;
  optional?: boolean;
  deleted?: boolean;
  objectType?: string | null;
  object_type?: string | null;
  eq?: unknown[];
  ne?: unknown[];
  lt?: number;
  lte?: number;
  gt?: number;
  gte?: number;
  minLength?: number;
  maxLength?: number;
  exactLength?: number;
  min_length?: number;
  max_length?: number;
  exact_length?: number;
  [other: string]: unknown;
}

/** The metadata schema of one resource (`customer`, `order`, `product`, `order_item`, ...). */
export interface MetadataSchema {
  related_object: string;
  properties?: Record<string, MetadataDefinition> | null;
  allow_defined_only?: boolean;
  [other: string]: unknown;
}

/**
 * A project's metadata schemas: the body of `GET /v1/metadata-schemas`, an array of schemas,
 * or one schema (the body of `GET /v1/metadata-schemas/{resource}`).
 */
export type MetadataSchemas = { schemas: MetadataSchema[]; [other: string]: unknown } | MetadataSchema[] | MetadataSchema;

/** Options of a validation. Unknown keys are refused with `invalid_options`. */
export interface ValidationOptions {
  /** Check metadata against these schemas. */
  metadataSchemas?: MetadataSchemas | null;
  /** Most issues kept in a report, 0 to 1 000 000 (default 1000); the counts stay exact. */
  maxIssues?: number;
}

/** A body: a JSON value, a JSON string, or UTF-8 JSON bytes. */
export type Body = unknown;

/** The codes a {@link VoucherifySyncError} can have. */
export type ErrorCode =
  | 'invalid_argument'
  | 'unknown_operation'
  | 'invalid_options'
  | 'not_initialized'
  | 'init_failed'
  | 'internal_error'
  | 'too_large'
  | 'invalid_record'
  | 'invalid_cart'
  | 'server_key_refused'
  | 'missing_origin'
  | 'http_error'
  | 'rate_limited'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'redirect_refused'
  | 'not_supported';

/** A misuse of the package, thrown; problems in the data come back in a {@link Report}. */
export class VoucherifySyncError extends Error {
  constructor(code: ErrorCode, message: string, details?: { path?: string; issues?: Issue[]; cause?: unknown });
  readonly name: 'VoucherifySyncError';
  /** A stable code to match on. */
  code: ErrorCode;
  /** Where in the input the misuse is, when known. */
  path?: string;
  /** The issues behind the error, when there are several. */
  issues?: Issue[];
}

/** Where the WebAssembly module comes from: a URL or path to fetch, a response, or its bytes. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module; idempotent. Required before any other call in browsers (until
 * then they throw `not_initialized`); a no-op in Node, where the import loads it.
 */
export function init(input?: WasmSource | Promise<WasmSource>): Promise<void>;

/** Validates one request body of `operation`; every problem comes back in the report. */
export function validatePayload(operation: OperationInput, body: Body, options?: ValidationOptions): Report;

/** Validates NDJSON, one body of `operation` per line. */
export function validatePayloads(
  operation: OperationInput,
  ndjson: string | Uint8Array,
  options?: ValidationOptions,
): NdjsonReport;

/** The operations this package validates. */
export function listOperations(): { operation: Operation; summary: string }[];

/** Every issue code, in documentation order. */
export function issueCodes(): IssueCode[];

/** Validates the body of `POST /v1/customers`. */
export function validateCustomer(body: Body, options?: ValidationOptions): Report;

/** Validates the body of `PUT /v1/customers/{customerId}`. */
export function validateCustomerUpdate(body: Body, options?: ValidationOptions): Report;

/** Validates the body of `POST /v1/products`. */
export function validateProduct(body: Body, options?: ValidationOptions): Report;

/** Validates the body of `POST /v1/products/{productId}/skus`. */
export function validateSku(body: Body, options?: ValidationOptions): Report;

/** Validates the body of `POST /v1/orders`. */
export function validateOrder(body: Body, options?: ValidationOptions): Report;

/** A customer object as the API takes it. */
export interface Customer {
  id?: string;
  source_id?: string;
  name?: string | null;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  birthdate?: string | null;
  address?: {
    city?: string | null;
    state?: string | null;
    line_1?: string | null;
    line_2?: string | null;
    country?: string | null;
    postal_code?: string | null;
  } | null;
  metadata?: Record<string, unknown>;
  [other: string]: unknown;
}

/** A customer field a record key can feed. */
export type CustomerField =
  | 'id'
  | 'source_id'
  | 'name'
  | 'email'
  | 'phone'
  | 'birthdate'
  | 'description'
  | 'address.line_1'
  | 'address.line_2'
  | 'address.city'
  | 'address.state'
  | 'address.postal_code'
  | 'address.country'
  | `metadata.${string}`;

/** Options of the customer builder. Unknown keys are refused with `invalid_options`. */
export interface BuildCustomerOptions {
  /** Record key → customer field, or `null` to drop the key; other keys are recognized by name. */
  mapping?: Record<string, CustomerField | null>;
  /** Lowercase the whole email address, not only its domain. */
  lowercaseEmail?: boolean;
  /** ISO country code for turning national phone numbers into E.164 (see the README for the list). */
  defaultCountry?: string;
  /** How to read `NN/NN/YYYY` dates; without it they are an `ambiguous_date` error. */
  dateOrder?: 'dmy' | 'mdy';
  /** Send `null` for empty values (to clear the field in an update) instead of dropping them. */
  clearEmpty?: boolean;
  /** Types the metadata values by the customer metadata schema. */
  metadataSchemas?: MetadataSchemas | null;
}

/** Where one record key went. */
export interface FieldOutcome {
  key: string;
  field: string | null;
  outcome: 'set' | 'empty' | 'cleared' | 'ignored' | 'rejected';
}

/** A built customer; issue paths point at record keys. */
export interface BuiltCustomer {
  valid: boolean;
  customer: Customer;
  issues: Issue[];
  fields: FieldOutcome[];
}

/** Builds a clean customer object from a flat record. */
export function buildCustomer(record: Record<string, unknown>, options?: BuildCustomerOptions): BuiltCustomer;

/** Builds a customer, or throws `invalid_record` with the issues. */
export function buildCustomerStrict(record: Record<string, unknown>, options?: BuildCustomerOptions): Customer;

/** The minimal update body between a stored and a local customer. */
export interface CustomerDiff {
  valid: boolean;
  /** The `PUT /v1/customers/{customerId}` body, or `null` when nothing changed. */
  body: Customer | null;
  issues: Issue[];
}

/** The smallest update that turns `stored` into `local`; a `source_id` change is `immutable_field`. */
export function diffCustomer(stored: Customer, local: Customer, options?: { keepMissing?: boolean }): CustomerDiff;

/** One write the API performs for a request. */
export interface Effect {
  resource: 'customer' | 'product' | 'sku' | 'order' | 'event' | 'publication' | 'redemption';
  action: 'upsert' | 'create' | 'update' | 'upsert_metadata';
  /** How the existing resource is matched: by `id`, `source_id`, or the id in the request path. */
  key: 'id' | 'source_id' | 'path' | null;
  value: string | null;
  /** A JSON pointer to the object in the body that carries the data. */
  path: string;
}

/** The writes of a request and warnings about what it will not do. */
export function upsertEffects(operation: OperationInput, body: Body): { effects: Effect[]; issues: Issue[] };

/** The project's stacking rules, as a validation response echoes them. */
export interface StackingRules {
  redeemables_limit?: number;
  applicable_redeemables_limit?: number;
  applicable_redeemables_per_category_limit?: number;
  applicable_redeemables_category_limits?: Record<string, number>;
  applicable_exclusive_redeemables_limit?: number;
  applicable_exclusive_redeemables_per_category_limit?: number;
  exclusive_categories?: string[];
  joint_categories?: string[];
  redeemables_application_mode?: 'ALL' | 'PARTIAL';
  redeemables_sorting_rule?: 'REQUESTED_ORDER' | 'CATEGORY_HIERARCHY';
  [other: string]: unknown;
}

/** A storefront cart. */
export interface Cart {
  codes?: string[];
  giftCards?: { code: string; credits: number }[];
  loyaltyCards?: { code: string; rewardId: string; points: number }[];
  promotionTiers?: string[];
  promotionStack?: string;
  items?: {
    productId?: string;
    skuId?: string;
    sourceId?: string;
    relatedObject?: 'product' | 'sku';
    price?: number;
    quantity?: number;
    amount?: number;
    product?: Record<string, unknown>;
    sku?: Record<string, unknown>;
    metadata?: Record<string, unknown>;
  }[];
  /** An API customer object, or a flat record that goes through the customer builder. */
  customer?: Record<string, unknown>;
  trackingId?: string;
  session?: true | { key?: string; ttl?: number; ttlUnit?: string };
  metadata?: Record<string, unknown>;
  expand?: ('order' | 'redemption' | 'redeemable' | 'category')[];
}

/** Options of the request preparation. */
export interface PrepareOptions {
  stackingRules?: StackingRules;
  /** Redeemable id → its categories (`id`, `hierarchy`), from an earlier validation response. */
  categories?: Record<string, { id: string; hierarchy?: number }[]>;
  /** The operation the body is for; default `POST /client/v1/validations`. */
  operation?: OperationInput;
  customerOptions?: BuildCustomerOptions;
  metadataSchemas?: MetadataSchemas | null;
  /** The most issues listed, then one `too_many` summary (default 1000). */
  maxIssues?: number;
}

/** Where a redeemable lands when the API applies the request. */
export interface Placement {
  object: 'voucher' | 'promotion_tier' | 'promotion_stack';
  id: string;
  requestIndex: number;
  position: number;
  group: 'exclusive' | 'common' | 'joint';
  /** The skip key the API would give it if every earlier redeemable applies. */
  skippedBecause: string | null;
}

/** A prepared request; issue paths point into the cart, or into the body under `/body`. */
export interface PreparedRequest {
  valid: boolean;
  body: Record<string, unknown>;
  issues: Issue[];
  applicationOrder: Placement[];
}

/** Turns a cart into a stackable request body, checked against the contract and the stacking rules. */
export function prepareStackableRequest(cart: Cart, options?: PrepareOptions): PreparedRequest;

/** Returns the body, or throws `invalid_cart` with the issues. */
export function prepareStackableRequestStrict(cart: Cart, options?: PrepareOptions): Record<string, unknown>;

/** One requested redeemable and what happened to it. */
export interface RedeemableOutcome {
  object: string;
  id: string;
  status: 'applied' | 'skipped' | 'inapplicable';
  reasonKey: string | null;
  reason: string | null;
  discount: Record<string, unknown> | null;
  discountAmount: number | null;
  credits: number | null;
  points: number | null;
}

/** A validation or redemption response, summarized. */
export interface ResultSummary {
  kind: 'validation' | 'redemption';
  valid: boolean | null;
  redeemables: RedeemableOutcome[];
  totals: { amount: number | null; discountAmount: number | null; totalAmount: number | null };
  parentRedemptionId: string | null;
}

/** Reads a validation or redemption response as one entry per requested redeemable. */
export function summarizeResult(response: Record<string, unknown> | string): ResultSummary;

/**
 * Options of the client-side API client. Names are read in any case and with `-` or `_`
 * (`client_token`, `ClientToken`). Server keys are refused (`server_key_refused`): any other
 * option, and any header, whose name (lower case, without `-` and `_`) contains `secret`,
 * `token`, `auth`, `key`, `passw`, `credential`, `appid` or `applicationid`.
 */
export type ClientOptions = ClientSettings & ({ clientToken: string } | { clientSecretKey: string });

/** The options of {@link ClientOptions} besides the client token. */
export interface ClientSettings {
  clientApplicationId: string;
  /** The `X-Client-Token`: a public client key of at least 8 characters. */
  clientToken?: string;
  /** The official SDK's name for `clientToken`; give one of them. */
  clientSecretKey?: string;
  /** Default `https://api.voucherify.io`; http(s), without credentials, query or fragment. */
  apiUrl?: string;
  /** The `origin` header; required in Node. */
  origin?: string;
  /** Per attempt, in ms, default 10 000; at most 2^31 − 1 (larger values are clamped). */
  timeoutMs?: number;
  /** Default 2. */
  maxRetries?: number;
  /** The longest wait before a retry, in ms, default 10 000; at most 2^31 − 1 (larger values are clamped). */
  maxRetryDelayMs?: number;
  /** Extra headers, sent in lower case; the client's own headers win. */
  headers?: Record<string, string> | Headers | Array<[string, string]>;
  /** The official SDK's name for `headers`; both may be given. */
  customHeaders?: Record<string, string> | Headers | Array<[string, string]>;
  fetch?: typeof fetch;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The client-side API client. */
export interface Client {
  validate(body: Body, options?: CallOptions): Promise<any>;
  /** Never retried after a timeout or a 5xx: a redemption is not idempotent. */
  redeem(body: Body, options?: CallOptions): Promise<any>;
  qualify(body: Body, options?: CallOptions): Promise<any>;
  /** Validates with a LOCK session, then redeems what applied with the same session key. */
  validateThenRedeem(
    cart: Cart,
    options?: { prepareOptions?: PrepareOptions; sessionKey?: string },
  ): Promise<{ validation: any; redemption: any | null; summary: ResultSummary }>;
}

/** Creates a client for `/client/v1/validations`, `/client/v1/redemptions` and `/client/v1/qualifications`. */
export function createClient(options: ClientOptions): Client;

/**
 * A failed request: an HTTP error (`http_error`, `rate_limited`), a network failure
 * (`network_error`), a timeout, an abort, a redirect (`redirect_refused`: never followed, the
 * message names the target's origin) or an answer body over 16 MiB (`too_large`). No field,
 * message or cause carries the client token: it is replaced by `[redacted]`.
 */
export class VoucherifyRequestError extends VoucherifySyncError {
  readonly name: any;
  /** The HTTP status, 0 when no answer came (and for a redirect in browsers). */
  status: number;
  /** The API's error key (`invalid_payload`, `duplicated_redeemables`, ...). */
  key: string | null;
  details: unknown;
  requestId: string | null;
  /** Seconds to wait before retrying, from `Retry-After` or `X-Rate-Limit-Retry`. */
  retryAfter: number | null;
}

/** The bucket of one local record in a sync plan. */
export interface PlanEntry {
  index: number;
  key: string | null;
  action: 'create' | 'update' | 'unchanged' | 'conflict';
  body: Record<string, unknown> | null;
  reason: 'immutable_source_id' | 'duplicate_key' | 'missing_key' | 'invalid_record' | 'too_large' | null;
  message: string | null;
  issues: Issue[];
}

/** A sync plan. Nothing is sent: the batches are bodies for a person or script to send. */
export interface SyncPlan {
  kind: 'customers' | 'products';
  operation: 'POST /v1/customers/bulk/async' | 'POST /v1/products/bulk/async';
  summary: { local: number; remote: number; create: number; update: number; unchanged: number; conflict: number; batches: number };
  entries: PlanEntry[];
  batches: Record<string, unknown>[][];
}

/** Options of sync planning. */
export interface PlanOptions {
  customerOptions?: BuildCustomerOptions;
  /** How local product records write prices: `cents` (default) or `units` (`21`, `14.5`). */
  priceUnit?: 'cents' | 'units';
  /** The largest bulk body, 1024 to 10 485 760 (the default, the API's limit). */
  maxBodyBytes?: number;
  metadataSchemas?: MetadataSchemas | null;
}

/** Plans a sync of local records against what Voucherify holds. */
export function planSync(
  kind: 'customers' | 'products',
  local: Record<string, unknown>[] | Record<string, unknown>,
  remote?: Record<string, unknown>[] | Record<string, unknown> | null,
  options?: PlanOptions,
): SyncPlan;

/** The kinds of CSV import file. */
export type CsvKind = 'customers' | 'products' | 'skus' | 'orders';

/** One problem in a CSV file. */
export interface CsvIssue {
  code: IssueCode;
  severity: Severity;
  message: string;
  /** The 1-based data row (the header is not a row, as in the API's import report); 0 for the header. */
  row: number;
  /** The 1-based physical line where the record starts. */
  line: number;
  /** The header name of the column, shortened to 80 characters; empty for whole-row issues. */
  column: string;
  /** The 0-based position of the column in the header; absent for whole-row and file issues. */
  columnIndex?: number;
  /** The cell, shortened, when it helps. */
  value?: string;
}

/** The report of a CSV check; every row is counted once, and the counts stay exact when `issues` is cut. */
export interface CsvReport {
  kind: CsvKind;
  valid: boolean;
  rows: number;
  validRows: number;
  invalidRows: number;
  bytes: number;
  issues: CsvIssue[];
  truncated: boolean;
  countsByCode: Partial<Record<IssueCode, number>>;
  errors: number;
  warnings: number;
}

/** Options of a CSV check. */
export interface CsvOptions {
  maxIssues?: number;
  /** How prices are written: `units` (default: `21`, `14.5`) or `cents` (integers). */
  priceUnit?: 'units' | 'cents';
  metadataSchemas?: MetadataSchemas | null;
  /** The products file, for SKUs: attribute keys and product ids are checked against it. */
  products?: string | Uint8Array | Blob | null;
  /** The largest part, default 10 485 760. */
  maxPartBytes?: number;
  maxRecordBytes?: number;
  /**
   * The size of the whole input, when a stream's is known (taken from bytes, a Blob or a File
   * otherwise): reported to `onProgress` and used to size the duplicate index once.
   */
  totalBytes?: number | null;
  onProgress?: (progress: { bytes: number; totalBytes: number | null; rows: number }) => void;
  signal?: AbortSignal;
  onCleaned?: (bytes: Uint8Array) => void;
  onFailed?: (bytes: Uint8Array) => void;
  onPart?: (bytes: Uint8Array, index: number) => void;
  onImportBody?: (body: Record<string, unknown>[], index: number) => void;
}

/** What a CSV check reads. */
export type CsvInput = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** Validates a CSV import file, streaming; outputs go to the `on*` callbacks. */
export function validateCsv(kind: CsvKind, input: CsvInput, options?: CsvOptions): Promise<CsvReport>;

/** Validates a CSV import file and collects the outputs as Blobs. */
export function validateCsvWithOutputs(
  kind: CsvKind,
  input: CsvInput,
  options?: Omit<CsvOptions, 'onCleaned' | 'onFailed' | 'onPart' | 'onImportBody'> & {
    outputs?: ('cleaned' | 'failed' | 'parts' | 'importBodies')[];
  },
): Promise<{ report: CsvReport; cleaned: Blob | null; failed: Blob | null; parts: Blob[]; importBodies: Record<string, unknown>[][] }>;

/** What a CSV check in a worker reads: anything that can be posted to a worker. */
export type CsvWorkerInput = string | Uint8Array | ArrayBuffer | Blob | ReadableStream<Uint8Array>;

/** A Web Worker that validates CSV import files off the page's main thread. */
export interface CsvWorker {
  /**
   * Validates a CSV file in the worker; resolves like {@link validateCsvWithOutputs}. `onProgress`
   * and `signal` run on the page; an abort rejects at once with `aborted`.
   */
  validate(
    kind: CsvKind,
    input: CsvWorkerInput,
    options?: Omit<CsvOptions, 'onCleaned' | 'onFailed' | 'onPart' | 'onImportBody'> & {
      outputs?: ('cleaned' | 'failed' | 'parts' | 'importBodies')[];
    },
  ): ReturnType<typeof validateCsvWithOutputs>;
  /** Stops the worker; checks under way reject with `aborted`. */
  terminate(): void;
}

/**
 * Starts a Web Worker for CSV checks (the module `csv-worker.js` beside the package, or `url`).
 * Throws `not_supported` where there are no Web Workers, as in Node.
 */
export function createCsvWorker(options?: { url?: string | URL }): CsvWorker;

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
  | 'csv_invalid_utf8'
  | 'csv_unterminated_quote'
  | 'csv_field_count'
  | 'csv_empty_row'
  | 'csv_record_too_large'
  | 'csv_formula_injection'
  | 'csv_unknown_product'
  | 'csv_unknown_attribute'
  | 'csv_order_conflict'
  | 'csv_order_not_grouped'
  | 'csv_order_skipped';

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
  /** Most issues kept in an NDJSON report, 0 to 1 000 000 (default 1000). */
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
  | 'internal_error';

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

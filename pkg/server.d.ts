// server.d.ts: types of `voucherify-sync/server`, the Node-only entry (server keys, sync).

import type { VoucherifySyncError } from './index.js';

/** Options of createServerClient; without them the keys and URL come from the environment. */
export interface ServerClientOptions {
  /** Defaults to `VOUCHERIFY_APP_ID`. */
  appId?: string;
  /** Defaults to `VOUCHERIFY_APP_TOKEN`. */
  appToken?: string;
  /** Defaults to `VOUCHERIFY_API_URL`, then https://api.voucherify.io. HTTPS, or HTTP on 127.0.0.1 / localhost. */
  apiUrl?: string;
  /** Where the defaults are read (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Time limit of one request (default 120 000 ms). */
  timeoutMs?: number;
  /** Retries of a failed read (default 8). */
  maxRetries?: number;
  /** First wait before a failed read is retried (default 500 ms, doubling). */
  retryMs?: number;
  /** Called when a rate-limit wait starts. */
  onWait?: (wait: { ms: number; reason: 'rate_limit' | 'retry_after' }) => void;
}

/** Calls made so far, in all and by operation. */
export interface CallCounts {
  calls: number;
  byOperation: Record<string, number>;
}

/** A server-side API client; the keys are not reachable from it. */
export interface ServerClient {
  readonly apiUrl: string;
  readonly calls: CallCounts;
  readonly rateLimit: { remaining: number | null; resetAt: number | null; waitedMs: number };
  request(method: string, path: string, options?: { body?: unknown; idempotent?: boolean; text?: boolean }): Promise<any>;
  get(path: string): Promise<any>;
  post(path: string, body: unknown): Promise<any>;
  download(url: string): Promise<string>;
}

/** A failed request: `status` 0 when no answer came; `ambiguous` when it may have been applied. */
export declare class ServerRequestError extends VoucherifySyncError {
  readonly status: number;
  readonly ambiguous: boolean;
  readonly body?: unknown;
}

export declare function createServerClient(options?: ServerClientOptions): ServerClient;

/** What happened to one local record. */
export interface RecordOutcome {
  index: number;
  key: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'conflict' | 'failed';
  reason?: string | null;
  message?: string | null;
  /** The async action that carried it. */
  action?: string | null;
  row?: number;
  line?: number;
  record?: number;
}

/** The report of applyPlan: every plan entry once, in order. */
export interface SyncReport {
  kind: string;
  summary: { local: number; created: number; updated: number; unchanged: number; conflict: number; failed: number };
  records: RecordOutcome[];
  requests: { operation: string; hash: string; records: number; action: string | null; status?: string; doneCount?: number | null; failedCount?: number | null; rejected?: number }[];
  calls: CallCounts;
}

/** Options of applyPlan. */
export interface ApplyOptions {
  /** Path of the append-only journal; the same plan with the same journal continues a run. */
  journal?: string;
  /** First wait between status checks (default 1000 ms; 1.5 times longer each time). */
  pollMs?: number;
  /** Longest wait between status checks (default 30 000 ms). */
  maxPollMs?: number;
  /** The plan's body limit, for requests repacked as metadata updates (default 10 485 760). */
  maxBodyBytes?: number;
  /** Send same-metadata updates as `POST /v1/{kind}/metadata/async` when that saves requests (default true). */
  metadataBodies?: boolean;
  onProgress?: (progress: { phase: string; requests: number; sent: number; done: number; calls: number; callsLeft: number; etaMs: number | null }) => void;
}

/** Sends a plan of planSync and accounts for every record. */
export declare function applyPlan(client: ServerClient, plan: object, options?: ApplyOptions): Promise<SyncReport>;

/** Call costs of a sync, through the export and page by page. */
export interface CallCosts {
  read: { export: number; pages: number };
  write: { requests: number; statusChecks: number; reports: number; oneByOne: number };
  minimum: { export: number; pages: number };
  time: { sandbox: { export: number; pages: number }; business: { export: number; pages: number } };
}

export declare function callCosts(counts: { remoteRecords: number; requests: { operation: string }[]; records: number }): CallCosts;

/** Exports the project's records to a CSV file. */
export declare function exportRemote(client: ServerClient, kind: 'customers' | 'products' | 'orders', options: { file: string; pollMs?: number; maxPollMs?: number }): Promise<{ file: string; exportId: string }>;
/** The records of an export CSV, as planSync reads what Voucherify holds. */
export declare function readExport(file: string): Promise<Record<string, unknown>[]>;

/** A whole sync: export, plan and, with `apply`, the plan sent; resumable through `journal`. */
export declare function syncRecords(
  client: ServerClient,
  kind: 'customers' | 'products' | 'orders',
  local: object[] | Uint8Array,
  options: ApplyOptions & { journal: string; apply?: boolean; planOptions?: object; places?: object[] },
): Promise<{ plan: any; requests: { operation: string; hash: string; records: number }[]; costs: CallCosts; resumed: object | null; report?: SyncReport }>;

/** The requests a plan turns into: exact bytes, their hash, and the plan entries each carries. */
export declare function planSends(plan: object, options?: { maxBodyBytes?: number; metadataBodies?: boolean }): { operation: string; path: string; bytes: Uint8Array; hash: string; entries: number[]; keys: (string | null)[] }[];

/** Opens a journal file (append-only NDJSON, fsynced after each entry). */
export declare function openJournal(file: string): { file: string; readonly entries: object[]; readonly finished: boolean; append(entry: object): object; close(): void };

/** The import plan of an orders CSV file against the records of an orders export. */
export declare function planOrders(bytes: Uint8Array, remote: object[], options?: { priceUnit?: 'units' | 'cents' }): Promise<object>;

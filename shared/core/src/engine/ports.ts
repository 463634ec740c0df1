/** Side-effect ports besides AWS that block executors use; hosts decide which exist. */
import type { Conninfo } from '../sql/conninfo';
import type { HttpHostRefusedError } from '../blocks/http/http-errors';

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number;
  fields: string[];
}

/** Rows exactly as the server prints them (text, `null` for NULL), one array per row: what data guards compare. */
export interface SqlTextResult {
  fields: string[];
  rows: Array<Array<string | null>>;
}

/** One consistent snapshot of a database (REPEATABLE READ, READ ONLY); every read sees the same data. */
export interface SqlSnapshot {
  read(sql: string, params?: ReadonlyArray<string | number | null>): Promise<SqlTextResult>;
}

export interface SqlCallOptions {
  /** Statement timeout for each statement, and the limit of the whole call. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SqlQueryOptions extends SqlCallOptions {
  write: boolean;
  params?: ReadonlyArray<string | null>;
}

/** Named database connections (issue: data guards). A host without one refuses `sql` blocks clearly. */
export interface SqlGateway {
  /**
   * One statement in a read-only transaction, or a writing one when `write` is set and the host
   * allows it; `params` are bound to `$1`, `$2`, … (a runbook's templates never reach the text).
   */
  query(connection: string, sql: string, options: SqlQueryOptions): Promise<SqlResult>;
  /** Runs `work` inside one read-only REPEATABLE READ transaction on a connection. */
  snapshot<T>(connection: string, options: SqlCallOptions, work: (snapshot: SqlSnapshot) => Promise<T>): Promise<T>;
  /** The configured connection names (`run.connections` in CEL): runbooks skip data guards that have none. */
  connectionNames(): string[];
  /** Whether `write: true` blocks may run here (`run.sqlWrites` in CEL): a runbook decides before it depends on one. */
  allowsWrites?(): boolean;
  /** `conninfo("name")` in a query: the connection's libpq string for a server to connect with (e.g. a subscription). */
  conninfo?(connection: string): Conninfo;
}

export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Why the runner stopped the script: it ran past its timeout, or the run was interrupted (abort, lost lease). */
  stopped?: 'timeout' | 'aborted';
}

export interface ShellRunOptions {
  timeoutMs: number;
  /** The block's own variables (`SWITCHYARD_*`); nothing else of the runner's environment but an allow-list reaches the script. */
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** Local shell, only where the operator trusts the runbook (CLI flag, VS Code workspace trust). */
export interface ShellGateway {
  run(script: string, options: ShellRunOptions): Promise<ShellResult>;
}

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Limit of the whole exchange: connecting, the answer's headers and its body. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body as UTF-8 text, cut at the gateway's limit. */
  body: string;
  truncated: boolean;
}

/**
 * Outbound HTTP for `http` blocks (the host decides whether they run at all, which hosts they may
 * reach, and which secrets they may use). `send` never follows redirects: a 3xx is the answer.
 * It throws `HttpHostRefusedError` for a host the policy refuses (nothing sent) and
 * `HttpSendError` when no answer came.
 */
export interface HttpGateway {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Why this host would refuse a request to `url` (checked when a run starts, shown in a dry run), or undefined. */
  refusal(url: URL): HttpHostRefusedError | undefined;
  /** Named secrets for `{ secret: name }` headers: the environment or the host's config, never the runbook. */
  secrets: HttpSecretSource;
  /**
   * Asks the operator before a mutating request (GET and HEAD are never asked about), once per
   * block however many attempts follow: resolves when it may be sent, throws `HttpDeclinedError`
   * (nothing sent) when not. Absent: nobody is asked here (the CLI's `--trust-http`, Backstage's
   * allow-list); VS Code asks, as it does before a mutating AWS call.
   */
  confirm?(request: HttpConfirmRequest, options: HttpConfirmOptions): Promise<void>;
}

/** A mutating request as the operator is asked about it: secret headers and secret params as `[secret]`. */
export interface HttpConfirmRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpConfirmOptions {
  /** Aborts when the run is stopped: a pending confirmation then sends nothing. */
  signal?: AbortSignal;
  /** The run's audit trail: who confirmed or declined. */
  audit?: (entry: { actor: string; action: string; detail?: string }) => Promise<void>;
}

/** Named secrets of `http` blocks: where they come from and how to configure a missing one (it differs per front end). */
export interface HttpSecretSource {
  get(name: string): string | undefined;
  /** How to configure `name` here, for the message when it is missing. */
  howToSet(name: string): string;
}

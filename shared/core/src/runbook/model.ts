/**
 * The typed model of an executable markdown runbook, as produced by `parseRunbook`.
 * Positions are 1-based (line, column) in the original file, so every error can name file:line:col.
 * Each block kind's own type lives with the kind, in `blocks/<kind>/`; `Block` is their union.
 */
import type { Block } from '../blocks/registry';

export type { Block, BlockKind } from '../blocks/registry';

export interface SourcePos {
  line: number;
  column: number;
}

/** Types the UIs can offer pickers for (RUNBOOK-FORMAT.md decision 5). */
export const PARAM_TYPES = [
  'string',
  'number',
  'boolean',
  'duration',
  'rds-cluster',
  'rds-instance',
  'global-cluster',
  'blue-green-deployment',
  'aws-region',
  // SQL text the runner supplies, run as is: the only thing a whole query may come from (sql/sql-template.ts).
  'sql',
] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface ParamSpec {
  name: string;
  type: ParamType;
  required: boolean;
  default?: string | number | boolean;
  description?: string;
  /** For `rds-instance`: the name of the `rds-cluster` param whose members are offered. */
  of?: string;
  /** Allowed values, when the param is an enumeration. */
  enum?: Array<string | number>;
  /**
   * A password or token: never written to the run record, its audit, events, logs or exports
   * (shown as `[secret]`); held in memory by the process driving the run.
   */
  secret?: boolean;
  pos: SourcePos;
}

/** A `{{ expr }}` occurrence; `expr` is a CEL expression over the template scope. */
export interface TemplateRef {
  expr: string;
  pos: SourcePos;
}

/** A parsed AWS CLI line, resolved against the SDK's operation schema. */
export interface AwsCommand {
  /** CLI service name as typed, e.g. `rds`. */
  service: string;
  /** CLI operation name as typed, e.g. `failover-db-cluster`. */
  cliOperation: string;
  /** SDK operation name, e.g. `FailoverDBCluster`. */
  operation: string;
  /** SDK command input with template placeholders still in string values. */
  input: Record<string, unknown>;
  mutating: boolean;
  /** `--query`: the JMESPath expression applied to the response; the step's output is its result. */
  query?: string;
}

/** One live object a `wait`/`check` block asks the engine to fetch before evaluating CEL. */
export type ObserveSource = AwsObserveSource | DataGuardSource;

/**
 * A source read from AWS. `optional`: when AWS refuses the read or does not answer, the variable
 * holds `{ readError: { code, message, hint } }` instead of the step failing.
 */
export type AwsObserveSource = { region?: string; optional?: boolean } & (
  | { kind: 'cluster'; id: string }
  | { kind: 'instance'; id: string }
  | { kind: 'global-cluster'; id: string }
  | { kind: 'blue-green'; id: string }
  | {
      kind: 'metric';
      name: string;
      namespace: string;
      dimensions: Record<string, string>;
      stat: string;
      periodSeconds: number;
      windowSeconds: number;
    }
  | { kind: 'alarms'; prefix?: string; names?: string[] }
  | { kind: 'events'; sourceId: string; sourceType: string; minutes: number }
);

/** Settings every comparison guard shares: the two connections and how transient differences are rechecked. */
interface PairGuard {
  /** The source side (blue): read first. */
  left: string;
  /** The replica side (green): read after the left. */
  right: string;
  timeoutSeconds: number;
}

/** Data guards read databases over named SQL connections (shared/core/src/sql/). */
export type DataGuardSource =
  | (PairGuard & {
      kind: 'checksum';
      /** `table` or `schema.table`; each needs a primary key. */
      tables: string[];
      /** Rows per chunk, by primary key. */
      chunk: number;
      /** Differing ranges are read again this many times, `settleSeconds` apart, before they count. */
      recheck: number;
      settleSeconds: number;
    })
  | (PairGuard & {
      kind: 'replay';
      /** `params` are the values bound to the query's `$1`, `$2`, … (its templates, filled in when the block runs). */
      queries: Array<{ name: string; sql: string; params?: Array<string | null> }>;
      recheck: number;
      settleSeconds: number;
      /** A result larger than this fails the guard rather than filling memory. */
      maxRows: number;
    })
  | (PairGuard & { kind: 'pg-settings'; only?: string[]; ignore: string[] })
  | { kind: 'slots'; connection: string; maxRetainedBytes: number; allowInactive: string[]; timeoutSeconds: number }
  | { kind: 'pg-lag'; connection: string; replica?: string; maxSeconds: number; maxBytes?: number; timeoutSeconds: number };

export interface Expectation {
  /** CEL expression that must evaluate to true. */
  that: string;
  /** What the operator is told when it does not hold. */
  message?: string;
  pos: SourcePos;
}

/** The fields every block shares. Each kind's block type (`blocks/<kind>/`) extends it and narrows `kind`. */
export interface BlockBase {
  /** The block kind: the first word of the info string. */
  kind: string;
  /** Position of the opening fence. */
  pos: SourcePos;
  /** Raw body text of the fence. */
  source: string;
  /** Line of the first body line (fence line + 1). */
  bodyLine: number;
  /** True when the info string carries `rollback`: the block undoes its step. */
  rollback: boolean;
  templates: TemplateRef[];
  /** `on-failure: rollback` (wait/check): a failure starts the run's rollback at once (post-switchover watch). */
  onFailure?: 'rollback';
  /**
   * `when: <cel>` at the end of the info string: the block runs only if it holds (else it is skipped,
   * logged). `when: <cel> # <reason>` says in words why it was skipped (`reason`).
   */
  when?: { expr: string; pos: SourcePos; reason?: string };
}

export interface Step {
  /** CEL-safe identifier: explicit `{#id}` at the end of the heading, else a slug of the name. */
  id: string;
  name: string;
  pos: SourcePos;
  /** Markdown prose shown to the human (everything but the executable fences). */
  prose: string;
  /** Blocks that run, in order. A step with none is manual: the operator confirms it. */
  blocks: Block[];
  /** `<kind> rollback` blocks: run, newest step first, when the run is rolled back. */
  rollbackBlocks: Block[];
  /** True when any forward block mutates (an aws mutating call, sh, or a writing sql). */
  mutating: boolean;
}

export interface RunbookMeta {
  title: string;
  description?: string;
  tags: string[];
}

export interface Runbook {
  file: string;
  /** Full source text; kept in every run so a resume runs what was started. */
  source: string;
  meta: RunbookMeta;
  params: ParamSpec[];
  /** Templated resource keys, e.g. `rds-cluster:{{ cluster }}`. */
  locks: Array<{ key: string; pos: SourcePos }>;
  steps: Step[];
  /** Steps under the `## Rollback` heading (each `###` is one step). */
  rollback: Step[];
}

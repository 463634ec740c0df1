import type { SourcePos } from './model';
import type { VisibleSteps } from './step-visibility';
import type { TextSpan } from './text-span';

/**
 * Everything the semantic pass must check, recorded while the blocks are read: each CEL
 * expression and each `{{ }}` template, with where it sits and which steps it may read.
 */
export interface CelSite {
  expr: string;
  span: TextSpan;
  /** Variables of the block itself (observe names, `rows`). */
  extra: readonly string[];
  /** Ids of the steps that have run when this expression is evaluated. */
  visibleSteps: VisibleSteps;
  what: string;
}

export interface TemplateSite {
  expr: string;
  /** The `{{`. */
  pos: SourcePos;
  /** Positions within the expression. */
  span: TextSpan;
  visibleSteps: VisibleSteps;
  /** Lock keys are rendered before any step runs: only params and `run` are in scope. */
  paramsOnly: boolean;
  /** Further variables in scope, e.g. a check's observe names inside its guard messages. */
  extra?: readonly string[];
}

/** A SQL query that is one template: its whole text comes from a param, which must be `type: sql`. */
export interface SqlQuerySite {
  param: string;
  expr: string;
  /** The `{{`. */
  pos: SourcePos;
}

export interface ValidationSites {
  cel: CelSite[];
  templates: TemplateSite[];
  sqlQueries: SqlQuerySite[];
}

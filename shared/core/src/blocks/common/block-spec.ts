import type { ParsedNode } from 'yaml';
import type { InfoString } from '../../runbook/info-string';
import type { BlockBase, SourcePos, TemplateRef } from '../../runbook/model';
import type { TextSpan } from '../../runbook/text-span';
import type { Reporter, YamlBody, YamlString } from '../../runbook/yaml-body';
import type { BlockKind } from '../registry';

/** An executable fence as the parser hands it to its block kind. */
export interface FenceSource {
  kind: BlockKind;
  info: InfoString;
  /** The opening fence. */
  pos: SourcePos;
  bodyLine: number;
  body: TextSpan;
}

/** What a block kind may ask of the parser while it reads one fence. */
export interface BlockParseContext {
  step: { id: string; name: string };
  /** The runbook's own variables (`params`, `steps`, `run`): observe names may not reuse them. */
  reserved: ReadonlySet<string>;
  report: Reporter;
  /** Parses the fence body as YAML (reporting syntax errors with file positions). */
  yaml(what: string): { body: YamlBody; root: ParsedNode | null } | undefined;
  /** Registers a CEL expression for validation; `extra` are the block's own variables. */
  cel(expr: YamlString, extra: readonly string[], what: string): void;
  /** Registers the `{{ }}` templates of a text for validation; the reader puts them all in the block's `templates`. */
  templates(text: YamlString, extra?: readonly string[]): TemplateRef[];
  /** Checks where the templates of a SQL query stand (`sql/sql-template.ts`); register them with `templates` too. */
  sqlQuery(text: YamlString): void;
}

/** The fields every block shares, filled in by the parser. */
export type BlockBaseFields = Pick<BlockBase, 'pos' | 'source' | 'bodyLine' | 'rollback' | 'templates' | 'when'>;

/**
 * How the parser reads one block kind `B`: its info-string options and how it reads its body.
 * The parse half of a `BlockKindModule` (`../kind.ts`).
 */
export interface BlockSpec<B extends BlockBase = BlockBase> {
  kind: B['kind'];
  /** `key=value` words the info string may carry, besides `rollback` and `when:`. */
  options: readonly string[];
  /** Reads the body into the kind's fields, or reports why it cannot (returns undefined). */
  parse(fence: FenceSource, ctx: BlockParseContext, base: BlockBaseFields): B | undefined;
  /** Whether running the block may change AWS or database state. */
  mutates(block: B): boolean;
}

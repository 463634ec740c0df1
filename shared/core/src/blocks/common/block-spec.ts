import type { ParsedNode } from 'yaml';
import type { InfoString } from '../info-string';
import type { Block, BlockKind, SourcePos, TemplateRef } from '../model';
import type { TextSpan } from '../text-span';
import type { Reporter, YamlBody, YamlString } from '../yaml-body';

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
}

type BlockOf<K extends BlockKind> = Extract<Block, { kind: K }>;

/** The fields every block shares, filled in by the parser. */
export type BlockBaseFields = Pick<Block, 'pos' | 'source' | 'bodyLine' | 'rollback' | 'templates' | 'when'>;

/**
 * One block kind: its info-string options and how it reads its body. Like markdown-it rules,
 * each kind lives in its own file and is registered by name in `registry.ts`.
 */
export interface BlockSpec<K extends BlockKind = BlockKind> {
  kind: K;
  /** `key=value` words the info string may carry, besides `rollback` and `when:`. */
  options: readonly string[];
  /** Reads the body into the kind's fields, or reports why it cannot (returns undefined). */
  parse(fence: FenceSource, ctx: BlockParseContext, base: BlockBaseFields): BlockOf<K> | undefined;
  /** Whether running the block may change AWS or database state. */
  mutates(block: BlockOf<K>): boolean;
}

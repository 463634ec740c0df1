import { findTemplateSpans, findUnclosedTemplate } from '../cel/templates';
import { analyzeSqlTemplate } from '../sql/sql-template';
import { suggestion } from './closest-match';
import type { BlockBaseFields, BlockParseContext, FenceSource } from '../blocks/common/block-spec';
import { BLOCK_KINDS, kindModule } from '../blocks/registry';
import { classifyFence } from './fence-kind';
import { parseInfoString } from './info-string';
import type { FenceItem } from './markdown-outline';
import type { Block, BlockKind, TemplateRef } from './model';
import { blockSpan, subSpan, type TextSpan } from './text-span';
import type { StepVisibility, VisibleSteps } from './step-visibility';
import type { ValidationSites } from './validation-sites';
import { YamlBody, type Reporter, type YamlString } from './yaml-body';

export interface ReaderScope {
  step: { id: string; name: string };
  /** Names an observe source may not take. */
  reserved: ReadonlySet<string>;
  /** Ids of the steps that have run before the step's blocks, and before its `rollback` blocks. */
  visible: StepVisibility;
  report: Reporter;
  sites: ValidationSites;
}

/** Fence position helpers: markdown-it lines are 0-based, diagnostics 1-based. */
export function fencePos(fence: FenceItem): { line: number; column: number } {
  return { line: fence.line + 1, column: fence.indent + 1 };
}

/**
 * Reads one fence of a step. Returns the block when the fence is executable and valid, 'prose'
 * for examples, undefined when it was reported as an error.
 */
export function readFence(
  fence: FenceItem,
  scope: ReaderScope,
): { block: Block; rollback: boolean; kind: BlockKind } | 'prose' | undefined {
  const pos = fencePos(fence);
  if (!fence.closed) {
    scope.report(
      pos,
      'unclosed-fence',
      `the ${fence.markup}${fence.info} fence opened here is never closed`,
      `add a closing ${fence.markup} line; everything after this line was read as code`,
    );
  }
  const info = parseInfoString(fence.info, fence.line + 1, fence.infoColumn + 1);
  const infoPos = { line: fence.line + 1, column: fence.infoColumn + 1 };
  const cls = classifyFence(info.kind);
  if (cls.type === 'prose') {
    if (info.rollback || info.when) {
      scope.report(
        infoPos,
        'unknown-block-kind',
        `\`${info.kind}\` blocks do not run, so \`${info.rollback ? 'rollback' : 'when:'}\` means nothing here`,
        `executable kinds: ${BLOCK_KINDS.join(', ')}${info.kind === 'bash' || info.kind === 'shell' ? ' (did you mean `sh`?)' : ''}`,
      );
      return undefined;
    }
    return 'prose';
  }
  if (cls.type === 'unknown') {
    scope.report(
      infoPos,
      'unknown-block-kind',
      `unknown block kind \`${cls.word}\``,
      `${suggestion(cls.word, BLOCK_KINDS, 'an executable kind:')} For an example that does not run, name its language (\`text\`, \`bash\`, \`json\`, …).`,
    );
    return undefined;
  }
  if (!fence.closed) return undefined;
  const spec = kindModule(cls.kind);
  for (const [key, option] of info.options) {
    if (!spec.options.includes(key))
      scope.report(
        option.keyPos,
        'unknown-block-option',
        `\`${cls.kind}\` blocks take no \`${key}=\` option`,
        spec.options.length ? `options: ${spec.options.join(', ')}` : 'options: `rollback`, `when: <CEL>`',
      );
  }
  for (const stray of info.stray) {
    scope.report(
      stray.pos,
      'unknown-block-option',
      `unexpected \`${stray.word}\` after \`${cls.kind}\``,
      'the info string is `<kind> [rollback] [key=value …] [when: <CEL condition>]`',
    );
  }
  const body = blockSpan(fence.content, { line: fence.line + 2, column: fence.indent + 1 });
  const ctx = contextFor(scope, body, info.rollback ? scope.visible.undo : scope.visible.forward);
  const base: BlockBaseFields = { pos, source: fence.content, bodyLine: fence.line + 2, rollback: info.rollback, templates: [] };
  if (info.when) {
    if (info.when.expr === '') scope.report(info.when.pos, 'cel-syntax', '`when:` needs a CEL condition');
    else {
      ctx.context.cel({ value: info.when.expr, span: blockSpan(info.when.expr, info.when.pos) }, [], '`when:` condition');
      base.when = { expr: info.when.expr, pos: info.when.pos, ...(info.when.reason ? { reason: info.when.reason } : {}) };
    }
  }
  const source: FenceSource = { kind: cls.kind, info, pos, bodyLine: base.bodyLine, body };
  const block = spec.parse(source, ctx.context, base);
  if (!block) return undefined;
  // Every template the kind registered, wherever in its body, in source order.
  block.templates = ctx.templates.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  return { block, rollback: info.rollback, kind: cls.kind };
}

export function blockMutates(block: Block): boolean {
  return kindModule(block.kind).mutates(block);
}

function contextFor(
  scope: ReaderScope,
  body: TextSpan,
  visibleSteps: VisibleSteps,
): { context: BlockParseContext; templates: TemplateRef[] } {
  const templates: TemplateRef[] = [];
  const context: BlockParseContext = {
    step: scope.step,
    reserved: scope.reserved,
    report: scope.report,
    yaml(what) {
      const yaml = new YamlBody(body, scope.report);
      const parsed = yaml.parse(what);
      return parsed && { body: yaml, root: parsed.root };
    },
    cel(expr, extra, what) {
      const template = findTemplateSpans(expr.value)[0];
      if (template) {
        scope.report(
          expr.span.posAt(template.start),
          'template-in-cel',
          `${what}: \`{{ }}\` templates do not belong in CEL expressions`,
          `use the variable directly: \`${template.expr}\``,
        );
        return;
      }
      scope.sites.cel.push({ expr: expr.value, span: expr.span, extra, visibleSteps, what });
    },
    templates(text, extra) {
      const found = recordTemplates(text, { report: scope.report, sites: scope.sites, visibleSteps }, false, extra);
      templates.push(...found);
      return found;
    },
    sqlQuery(text) {
      const { uses, problems } = analyzeSqlTemplate(text.value);
      for (const p of problems) scope.report(text.span.posAt(p.offset), p.code, p.message, p.hint);
      for (const use of uses)
        if (use.kind === 'query') scope.sites.sqlQueries.push({ param: use.param, expr: use.span.expr, pos: text.span.posAt(use.start) });
    },
  };
  return { context, templates };
}

/** Finds the `{{ }}` templates of a text, records them for validation and returns them for the model. */
export function recordTemplates(
  text: YamlString,
  scope: { report: Reporter; sites: ValidationSites; visibleSteps: VisibleSteps },
  paramsOnly: boolean,
  extra?: readonly string[],
): TemplateRef[] {
  const unclosed = findUnclosedTemplate(text.value);
  if (unclosed !== undefined)
    scope.report(text.span.posAt(unclosed), 'unclosed-template', 'template `{{` is never closed', 'close it with `}}`');
  return findTemplateSpans(text.value).map((t) => {
    const pos = text.span.posAt(t.start);
    const span = subSpan(text.span, t.exprStart, t.expr);
    if (t.expr === '') scope.report(pos, 'template-syntax', 'empty template `{{ }}`', 'put a param name or CEL expression inside');
    else scope.sites.templates.push({ expr: t.expr, pos, span, visibleSteps: scope.visibleSteps, paramsOnly, extra });
    return { expr: t.expr, pos };
  });
}

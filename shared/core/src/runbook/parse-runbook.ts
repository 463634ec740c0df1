import { recordTemplates, readFence, blockMutates, fencePos } from './block-reader';
import type { Diagnostic } from './diagnostic';
import { DiagnosticSink } from './diagnostic-sink';
import { classifyFence } from './fence-kind';
import { countProblem, RUNBOOK_LIMITS, sizeProblem, utf8Length, type RunbookLimits } from './limits';
import { readFrontMatter, splitFrontMatter, type FrontMatter } from './front-matter';
import { outline, type FenceItem } from './markdown-outline';
import type { Block, Runbook, SourcePos, Step } from './model';
import { RESERVED_NAMES } from './param-spec';
import { normalizeSource } from './source-text';
import { outlineSteps, type StepDraft } from './step-outline';
import { NO_STEPS, stepVisibility, type StepVisibility } from './step-visibility';
import type { ValidationSites } from './validation-sites';
import { validateSemantics } from './validate-semantics';
import type { Reporter } from './yaml-body';

export interface ParseOptions {
  /** Raise or lower the size limits (`RUNBOOK_LIMITS`; a benchmark parses larger runbooks). */
  limits?: Partial<RunbookLimits>;
}

export interface ParsedRunbook {
  /** The model, as complete as the file allows (blocks with errors are left out). */
  runbook?: Runbook;
  /** Every finding, sorted by position. A runbook with any `error` must not run. */
  diagnostics: Diagnostic[];
}

/**
 * Parses a markdown runbook and validates it totally: front matter, steps and blocks, every
 * aws command against the SDK, every CEL expression and template against its scope. All
 * problems are reported at once, each at its file:line:col.
 */
export function parseRunbook(file: string, source: string, options: ParseOptions = {}): ParsedRunbook {
  const limits = { ...RUNBOOK_LIMITS, ...options.limits };
  const tooLarge = sizeProblem(file, utf8Length(source), limits);
  if (tooLarge) return { diagnostics: [tooLarge] };
  const sink = new DiagnosticSink(file);
  const report: Reporter = (pos, code, message, hint, severity = 'error') =>
    severity === 'error' ? sink.error(pos, code, message, hint) : sink.warning(pos, code, message, hint);
  const sites: ValidationSites = { cel: [], templates: [], sqlQueries: [] };

  const split = splitFrontMatter(normalizeSource(source));
  const { items, lines } = outline(split.markdown);
  const structure = outlineSteps(items, lines.length, report);
  const tooMany =
    countProblem(
      file,
      'steps',
      structure.steps.map((s) => s.pos),
      limits,
    ) ??
    countProblem(
      file,
      'blocks',
      items.flatMap((item) => (item.type === 'fence' ? [fencePos(item)] : [])),
      limits,
    );
  if (tooMany) return { diagnostics: [tooMany] };
  if (split.unclosed)
    report({ line: 1, column: 1 }, 'unclosed-front-matter', 'the front matter opened by `---` is never closed', 'end it with a `---` line');
  const front: FrontMatter = split.yaml ? readFrontMatter(split.yaml, report) : { meta: { tags: [] }, params: [], locks: [] };

  checkLooseFences(structure.looseFences, report);

  // An observe name may hide a param (still reachable as `params.<name>`), not the runbook's own variables.
  const reserved = new Set<string>(RESERVED_NAMES);
  const visibility = stepVisibility(structure.steps);
  const mutatingPos = new Map<Step, SourcePos>();
  const steps = structure.steps.map((draft, index) => {
    const visible = visibility(index);
    const step = readStep(draft, lines, { reserved, report, sites, visible, mutatingPos });
    return { draft, step };
  });

  const locks = front.locks.map((lock) => {
    recordTemplates(lock, { report, sites, visibleSteps: NO_STEPS }, true);
    return { key: lock.value, pos: lock.span.posAt(0) };
  });
  const runbook: Runbook = {
    file,
    source,
    meta: {
      title: front.meta.title ?? structure.h1 ?? file,
      ...(front.meta.description ? { description: front.meta.description } : {}),
      tags: front.meta.tags,
    },
    params: front.params,
    locks,
    steps: steps.filter((s) => s.draft.section === 'forward').map((s) => s.step),
    rollback: steps.filter((s) => s.draft.section === 'rollback').map((s) => s.step),
  };
  validateSemantics(runbook, sites, sink, mutatingPos);
  return { runbook, diagnostics: dedupe(sink.sorted()) };
}

/** Total validation of a runbook file: every diagnostic, errors and warnings (see `parseRunbook`). */
export function validateRunbook(file: string, source: string, options?: ParseOptions): Diagnostic[] {
  return parseRunbook(file, source, options).diagnostics;
}

/** Fences before the first step: examples are fine, anything executable is reported. */
function checkLooseFences(fences: FenceItem[], report: Reporter): void {
  for (const fence of fences) {
    const scope = {
      step: { id: '', name: '' },
      reserved: new Set<string>(),
      visible: { forward: NO_STEPS, undo: NO_STEPS },
      report,
      sites: { cel: [], templates: [], sqlQueries: [] },
    };
    const read = readFence(fence, scope);
    if (read !== 'prose' && classifyFence(fence.info.trim().split(/\s+/)[0] ?? '').type === 'block') {
      report(fencePos(fence), 'block-outside-step', 'this block is not inside a step', 'put it under a `## Step` heading');
    }
  }
}

interface StepScope {
  reserved: ReadonlySet<string>;
  report: Reporter;
  sites: ValidationSites;
  visible: StepVisibility;
  mutatingPos: Map<Step, SourcePos>;
}

function readStep(draft: StepDraft, lines: string[], scope: StepScope): Step {
  const blocks: Block[] = [];
  const rollbackBlocks: Block[] = [];
  const executableLines = new Set<number>();
  let firstMutating: SourcePos | undefined;
  for (const fence of draft.fences) {
    const read = readFence(fence, {
      step: { id: draft.id, name: draft.name },
      reserved: scope.reserved,
      visible: scope.visible,
      report: scope.report,
      sites: scope.sites,
    });
    if (read === 'prose') continue;
    for (let l = fence.line; l < fence.endLine; l++) executableLines.add(l);
    if (!read) continue;
    if (read.rollback && draft.section === 'rollback') {
      scope.report(
        read.block.pos,
        'invalid-rollback-block',
        'a rollback-section step cannot carry `rollback` blocks',
        'drop `rollback` from the info string: this step already is a rollback step',
      );
      continue;
    }
    (read.rollback ? rollbackBlocks : blocks).push(read.block);
    if (blockMutates(read.block)) firstMutating ??= read.block.pos;
  }
  const prose = lines
    .slice(draft.line + 1, draft.endLine)
    .filter((_, i) => !executableLines.has(draft.line + 1 + i))
    .join('\n')
    .trim();
  const step: Step = { id: draft.id, name: draft.name, pos: draft.pos, prose, blocks, rollbackBlocks, mutating: blocks.some(blockMutates) };
  if (firstMutating) scope.mutatingPos.set(step, firstMutating);
  return step;
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

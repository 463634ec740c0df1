import { recordTemplates, readFence, blockMutates, fencePos } from './block-reader';
import type { Diagnostic } from './diagnostic';
import { DiagnosticSink } from './diagnostic-sink';
import { classifyFence } from './fence-kind';
import { readFrontMatter, splitFrontMatter, type FrontMatter } from './front-matter';
import { outline, type FenceItem } from './markdown-outline';
import type { Block, Runbook, SourcePos, Step } from './model';
import { RESERVED_NAMES } from './param-spec';
import { outlineSteps, type StepDraft } from './step-outline';
import type { ValidationSites } from './validation-sites';
import { validateSemantics } from './validate-semantics';
import type { Reporter } from './yaml-body';

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
export function parseRunbook(file: string, source: string): ParsedRunbook {
  const sink = new DiagnosticSink(file);
  const report: Reporter = (pos, code, message, hint, severity = 'error') =>
    severity === 'error' ? sink.error(pos, code, message, hint) : sink.warning(pos, code, message, hint);
  const sites: ValidationSites = { cel: [], templates: [], sqlQueries: [] };

  const split = splitFrontMatter(source);
  if (split.unclosed)
    report({ line: 1, column: 1 }, 'unclosed-front-matter', 'the front matter opened by `---` is never closed', 'end it with a `---` line');
  const front: FrontMatter = split.yaml ? readFrontMatter(split.yaml, report) : { meta: { tags: [] }, params: [], locks: [] };
  const { items, lines } = outline(split.markdown);
  const structure = outlineSteps(items, lines.length, report);

  checkLooseFences(structure.looseFences, report);

  // An observe name may hide a param (still reachable as `params.<name>`), not the runbook's own variables.
  const reserved = new Set<string>(RESERVED_NAMES);
  const forward = structure.steps.filter((s) => s.section === 'forward');
  const mutatingPos = new Map<Step, SourcePos>();
  const steps = structure.steps.map((draft) => {
    const visible = visibleSteps(draft, forward, structure.steps);
    const step = readStep(draft, lines, { reserved, report, sites, visible, mutatingPos });
    return { draft, step };
  });

  const locks = front.locks.map((lock) => {
    recordTemplates(lock, { report, sites, visibleSteps: new Set() }, true);
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
export function validateRunbook(file: string, source: string): Diagnostic[] {
  return parseRunbook(file, source).diagnostics;
}

/** Fences before the first step: examples are fine, anything executable is reported. */
function checkLooseFences(fences: FenceItem[], report: Reporter): void {
  const none = new Set<string>();
  for (const fence of fences) {
    const scope = {
      step: { id: '', name: '' },
      reserved: none,
      visible: { forward: none, undo: none },
      report,
      sites: { cel: [], templates: [], sqlQueries: [] },
    };
    const read = readFence(fence, scope);
    if (read !== 'prose' && classifyFence(fence.info.trim().split(/\s+/)[0] ?? '').type === 'block') {
      report(fencePos(fence), 'block-outside-step', 'this block is not inside a step', 'put it under a `## Step` heading');
    }
  }
}

/**
 * Which steps have run when a block of `draft` runs: the forward steps above it (and the step
 * itself for its `rollback` blocks); for rollback-section steps every forward step and the
 * rollback steps above.
 */
function visibleSteps(draft: StepDraft, forward: StepDraft[], all: StepDraft[]): { forward: Set<string>; undo: Set<string> } {
  const index = all.indexOf(draft);
  if (draft.section === 'rollback') {
    const seen = new Set([
      ...forward.map((s) => s.id),
      ...all
        .slice(0, index)
        .filter((s) => s.section === 'rollback')
        .map((s) => s.id),
    ]);
    return { forward: seen, undo: seen };
  }
  const before = new Set(
    all
      .slice(0, index)
      .filter((s) => s.section === 'forward')
      .map((s) => s.id),
  );
  return { forward: before, undo: new Set([...before, draft.id]) };
}

interface StepScope {
  reserved: ReadonlySet<string>;
  report: Reporter;
  sites: ValidationSites;
  visible: { forward: Set<string>; undo: Set<string> };
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

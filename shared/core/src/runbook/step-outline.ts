import { isCelIdentifier, slugify } from './identifiers';
import type { FenceItem, OutlineItem } from './markdown-outline';
import type { SourcePos } from './model';
import type { Reporter } from './yaml-body';

/** A step as the outline pass finds it, before its fences are read. */
export interface StepDraft {
  id: string;
  name: string;
  pos: SourcePos;
  section: 'forward' | 'rollback';
  /** 0-based lines: the heading, and the first line after the step. */
  line: number;
  endLine: number;
  fences: FenceItem[];
}

export interface StepOutline {
  h1?: string;
  steps: StepDraft[];
  /** Fences before the first step (only prose examples are allowed there). */
  looseFences: FenceItem[];
}

const ROLLBACK_HEADING = /^rollback$/i;
const EXPLICIT_ID = /\s*\{#([^}]*)\}\s*$/;

/**
 * Splits the document into steps: each `##` heading starts a forward step; `## Rollback` starts
 * the rollback section, whose `###` headings are its steps. Deeper headings are prose.
 */
export function outlineSteps(items: OutlineItem[], lineCount: number, report: Reporter): StepOutline {
  const result: StepOutline = { steps: [], looseFences: [] };
  let section: 'intro' | 'forward' | 'rollback' = 'intro';
  let current: StepDraft | undefined;
  const close = (line: number): void => {
    if (current) current.endLine = line;
    current = undefined;
  };
  for (const item of items) {
    if (item.type === 'fence') {
      (current ? current.fences : result.looseFences).push(item);
      continue;
    }
    const pos = { line: item.line + 1, column: item.column + 1 };
    if (item.level === 1) {
      result.h1 ??= item.text.trim();
    } else if (item.level === 2 && ROLLBACK_HEADING.test(item.text.trim())) {
      close(item.line);
      if (section === 'rollback')
        report(pos, 'duplicate-rollback', 'a second `## Rollback` section', 'put every rollback step under one `## Rollback` heading');
      section = 'rollback';
    } else if (item.level === 2) {
      close(item.line);
      if (section === 'rollback') {
        report(
          pos,
          'step-after-rollback',
          `step “${item.text.trim()}” comes after the \`## Rollback\` section`,
          'the Rollback section must be the last `##` section; its steps are `###` headings',
        );
      }
      if (section === 'intro') section = 'forward';
      current = draft(item.text, pos, item.line, 'forward', result.steps.length, report);
      result.steps.push(current);
    } else if (item.level === 3 && section === 'rollback' && (!current || current.section === 'rollback')) {
      close(item.line);
      current = draft(item.text, pos, item.line, 'rollback', result.steps.length, report);
      result.steps.push(current);
    }
  }
  close(lineCount);
  return result;
}

function draft(text: string, pos: SourcePos, line: number, section: StepDraft['section'], index: number, report: Reporter): StepDraft {
  const explicit = EXPLICIT_ID.exec(text);
  const name = (explicit ? text.slice(0, explicit.index) : text).trim();
  let id = slugify(name, `step_${index + 1}`);
  if (explicit) {
    if (isCelIdentifier(explicit[1])) id = explicit[1];
    else
      report(
        pos,
        'invalid-step-id',
        `step id \`${explicit[1]}\` is not a CEL identifier`,
        'use letters, digits and `_`, e.g. `{#choose_target}`',
      );
  }
  if (name === '') report(pos, 'empty-step-name', 'a step heading needs a name');
  return { id, name, pos, section, line, endLine: line + 1, fences: [] };
}

import { celScope, celScopeFor, type CelCompileError } from '../cel/scope';
import { stepReferences } from '../cel/references';
import { suggestion } from './closest-match';
import type { DiagnosticSink } from './diagnostic-sink';
import type { Runbook, SourcePos, Step } from './model';
import type { VisibleSteps } from './step-visibility';
import type { TextSpan } from './text-span';
import type { CelSite, SqlQuerySite, TemplateSite, ValidationSites } from './validation-sites';

/**
 * The checks that need the whole runbook: step names and ids, locks for mutating steps, and
 * every CEL expression and template against the variables in scope where it runs.
 */
export function validateSemantics(runbook: Runbook, sites: ValidationSites, sink: DiagnosticSink, mutatingPos: Map<Step, SourcePos>): void {
  if (runbook.steps.length === 0) {
    sink.error(
      { line: 1, column: 1 },
      'empty-runbook',
      'the runbook has no steps',
      'each step is a `## Heading` followed by prose and fenced blocks',
    );
  }
  checkDuplicates(runbook, sink);
  if (runbook.locks.length === 0) {
    for (const [step, pos] of mutatingPos) {
      sink.error(
        pos,
        'mutating-without-lock',
        `step “${step.name}” changes AWS or database state, but the runbook declares no lock`,
        'declare what it mutates in the front matter, e.g. `locks: [ "rds-cluster:{{ cluster }}" ]`',
      );
    }
  }
  const allSteps = new Set([...runbook.steps, ...runbook.rollback].map((s) => s.id));
  for (const site of sites.cel) checkCel(site, runbook, allSteps, sink);
  for (const site of sites.templates) checkTemplate(site, runbook, allSteps, sink);
  for (const site of sites.sqlQueries) checkSqlQuery(site, runbook, sink);
}

/** Only a `type: sql` param may be a whole query: arbitrary SQL is the runbook author's explicit choice. */
function checkSqlQuery(site: SqlQuerySite, runbook: Runbook, sink: DiagnosticSink): void {
  const param = runbook.params.find((p) => p.name === site.param);
  if (!param || param.type === 'sql') return; // an undeclared name is reported as an unknown param
  sink.error(
    site.pos,
    'sql-param-type',
    `\`{{ ${site.expr} }}\` is the whole query, but param \`${param.name}\` is a ${param.type}, not SQL`,
    `declare it \`${param.name}: { type: sql }\` if the runner is meant to supply SQL that runs as is (read-only unless the block writes and writes are allowed); otherwise write the query and template only its values`,
  );
}

function checkDuplicates(runbook: Runbook, sink: DiagnosticSink): void {
  for (const section of [runbook.steps, runbook.rollback]) {
    const names = new Map<string, Step>();
    for (const step of section) {
      const first = names.get(step.name.toLowerCase());
      if (first)
        sink.error(
          step.pos,
          'duplicate-step',
          `a step named “${step.name}” already exists (line ${first.pos.line})`,
          'give every step its own heading',
        );
      else names.set(step.name.toLowerCase(), step);
    }
  }
  const ids = new Map<string, Step>();
  const forward = new Set(runbook.steps);
  for (const step of [...runbook.steps, ...runbook.rollback]) {
    const first = ids.get(step.id);
    const sameName = first && first.name.toLowerCase() === step.name.toLowerCase() && forward.has(first) === forward.has(step);
    if (first && !sameName) {
      sink.error(
        step.pos,
        'duplicate-step-id',
        `step id \`${step.id}\` is already used by “${first.name}” (line ${first.pos.line})`,
        `give this step an explicit id: \`## ${step.name} {#${step.id}_2}\``,
      );
    }
    if (!first) ids.set(step.id, step);
  }
}

function checkCel(site: CelSite, runbook: Runbook, allSteps: ReadonlySet<string>, sink: DiagnosticSink): void {
  const result = celScopeFor(runbook, site.extra).check(site.expr);
  if (!result.ok) {
    sink.error(site.span.posAt(result.error.offset), result.error.code, `${site.what}: ${result.error.message}`, result.error.hint);
    return;
  }
  checkStepReferences(site.expr, site.span, site.visibleSteps, allSteps, sink);
}

const TEMPLATE_CODES: Record<CelCompileError['code'], string> = {
  'cel-syntax': 'template-syntax',
  'cel-unknown-variable': 'unknown-param',
  'cel-type': 'template-type',
};

function checkTemplate(site: TemplateSite, runbook: Runbook, allSteps: ReadonlySet<string>, sink: DiagnosticSink): void {
  const params = runbook.params.map((p) => p.name);
  const scope = site.paramsOnly ? celScope([...params, 'params', 'run']) : celScopeFor(runbook, [...(site.extra ?? [])]);
  const result = scope.check(site.expr);
  if (!result.ok) {
    const { error } = result;
    const message =
      error.code === 'cel-unknown-variable'
        ? `\`{{ ${site.expr} }}\` uses \`${error.variable}\`, which is not a declared param${site.paramsOnly ? '' : ' or runbook variable'}`
        : `\`{{ ${site.expr} }}\`: ${error.message}`;
    const hint =
      error.code === 'cel-unknown-variable'
        ? `${suggestion(error.variable ?? '', params, 'a declared param:')} Params are declared under \`params:\` in the front matter.`
        : error.hint;
    sink.error(site.span.posAt(error.offset), TEMPLATE_CODES[error.code], message, hint);
    return;
  }
  checkStepReferences(site.expr, site.span, site.visibleSteps, allSteps, sink);
}

function checkStepReferences(
  expr: string,
  span: TextSpan,
  visible: VisibleSteps,
  allSteps: ReadonlySet<string>,
  sink: DiagnosticSink,
): void {
  for (const ref of stepReferences(expr)) {
    if (visible.has(ref.id)) continue;
    // A block reads the outputs of the blocks above it in its own step (e.g. a re-plan before changes).
    if (ref.id === visible.own && ref.member === 'outputs') continue;
    const pos = span.posAt(ref.offset);
    if (allSteps.has(ref.id)) {
      sink.error(
        pos,
        'step-not-earlier',
        `\`steps.${ref.id}\` is read before step \`${ref.id}\` has run`,
        'an expression can only use the outputs of steps above it',
      );
    } else {
      sink.error(pos, 'unknown-step', `no step has the id \`${ref.id}\``, suggestion(ref.id, visible.ids(), 'an earlier step:'));
    }
  }
}

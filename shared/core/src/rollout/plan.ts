/**
 * From what an operator gives (a selection, a params template, waves, a budget) to the clusters of
 * a rollout with each one's wave and resolved params: the plan a dry-run shows and `start` records.
 * Pure: the fleet's facts come in, problems come out all at once.
 */
import { evaluateCel } from '../cel/evaluate';
import { findTemplateSpans } from '../cel/templates';
import { validateParamValues } from '../runbook/param-values';
import type { Runbook } from '../runbook/model';
import { RolloutPlanError } from './errors';
import { rolloutHttpProblems, type RolloutHttpCheckInput } from './plan-http';
import type { BudgetLimit, ClusterFacts, Rollout, RolloutCluster, RolloutPlanSpec, WaveSize } from './rollout';
import { parseSelection, resolveSelection } from './selection';

/** `1,5,25%,rest`: counts, percentages of all selected clusters, and `rest` (last only). */
export function parseWaves(text: string): { waves: WaveSize[]; problems: string[] } {
  const waves: WaveSize[] = [];
  const problems: string[] = [];
  const parts = text.split(',').map((p) => p.trim());
  parts.forEach((part, i) => {
    if (part === 'rest') {
      if (i !== parts.length - 1) problems.push(`wave ${i + 1}: "rest" can only be the last wave`);
      else waves.push({ rest: true });
      return;
    }
    const size = parseLimit(part);
    if ('problem' in size) problems.push(`wave ${i + 1}: ${size.problem}`);
    else waves.push(size);
  });
  return { waves, problems };
}

/** `3` (a count, at least 1) or `10%` (of all selected clusters, above 0 and at most 100). */
export function parseLimit(text: string): BudgetLimit | { problem: string } {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    return p > 0 && p <= 100 ? { percent: p } : { problem: `"${text}" must be above 0% and at most 100%` };
  }
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) return { count: Number(text) };
  return { problem: `"${text}" is neither a whole number of at least 1 nor a percentage like 25%` };
}

/** A limit as a number of clusters out of `total`: a percentage rounds up, and is never below 1. */
export function limitOf(limit: BudgetLimit, total: number): number {
  return 'count' in limit ? limit.count : Math.max(1, Math.ceil((limit.percent * total) / 100 - 1e-9));
}

/**
 * Wave sizes for `total` clusters. A wave asks for more than is left gets what is left; clusters the
 * waves do not cover make one last wave (said in `notes`); waves left with nothing are dropped.
 */
export function waveSizes(waves: readonly WaveSize[], total: number): { sizes: number[]; notes: string[] } {
  const sizes: number[] = [];
  const notes: string[] = [];
  let left = total;
  for (const wave of waves) {
    if (left <= 0) break;
    const want = 'rest' in wave ? left : limitOf(wave, total);
    const size = Math.min(want, left);
    sizes.push(size);
    left -= size;
  }
  if (left > 0) {
    sizes.push(left);
    notes.push(`the waves given cover ${total - left} of ${total} clusters: the other ${left} make a last wave`);
  }
  return { sizes, notes };
}

/** Everything `planRollout` needs; strings are as the operator typed them. */
export interface PlanInput {
  runbook: Pick<Runbook, 'params'>;
  fleet: readonly ClusterFacts[];
  selection: string;
  template: Record<string, string>;
  waves: string;
  maxConcurrency?: number;
  gate: RolloutPlanSpec['gate'];
  maxFailures: string;
  /** Default: the same limit as failures. */
  maxGuardStops?: string;
  /**
   * This host's http policy: each cluster's run is checked as its start would check it (plan-http.ts),
   * and a cluster it would refuse is a problem of the plan. Left out, http blocks are not checked
   * here (a front end that resolves params further checks them itself, after).
   */
  http?: Omit<RolloutHttpCheckInput, 'clusters'>;
}

export interface RolloutPlan {
  spec: RolloutPlanSpec;
  /** The params template the clusters' params were rendered from (the given one, with the cluster param filled in). */
  template: Record<string, string>;
  clusters: RolloutCluster[];
  /** Wave sizes, in order. */
  waves: number[];
  /** Things the operator should know that do not stop the plan (duplicates dropped, a last wave added). */
  notes: string[];
  /** The budget as cluster counts. */
  budget: { failures: number; guardStops: number };
}

/** The plan, or a RolloutPlanError listing every problem (unknown clusters, bad waves, params a cluster's template renders wrong). */
export function planRollout(input: PlanInput): RolloutPlan {
  const problems: string[] = [];
  const notes: string[] = [];
  const { selection, problems: selectionProblems } = parseSelection(input.selection);
  problems.push(...selectionProblems);
  const { waves, problems: waveProblems } = parseWaves(input.waves);
  problems.push(...waveProblems);
  const failures = parseLimit(input.maxFailures);
  if ('problem' in failures) problems.push(`--max-failures: ${failures.problem}`);
  const guardStops = input.maxGuardStops === undefined ? failures : parseLimit(input.maxGuardStops);
  if ('problem' in guardStops && input.maxGuardStops !== undefined) problems.push(`--max-guard-stops: ${guardStops.problem}`);
  if (input.maxConcurrency !== undefined && !(Number.isSafeInteger(input.maxConcurrency) && input.maxConcurrency >= 1)) {
    problems.push(`--max-concurrency: "${input.maxConcurrency}" must be a whole number of at least 1`);
  }
  if (input.gate.kind === 'pause' && !(input.gate.seconds >= 0 && Number.isFinite(input.gate.seconds))) {
    problems.push('the pause between waves must be a duration of 0 seconds or more');
  }
  const known = new Set(input.runbook.params.map((p) => p.name));
  const template = withClusterParam(input.runbook, input.template);
  if (template !== input.template)
    notes.push(`each cluster is given as \`${Object.keys(template).find((k) => !(k in input.template))}\` ({{ cluster.id }})`);
  for (const name of Object.keys(input.template)) {
    if (!known.has(name))
      problems.push(`the params template sets \`${name}\`, which the runbook does not take (it takes: ${[...known].join(', ')})`);
  }

  const resolved = selectionProblems.length ? undefined : resolveSelection(selection, input.fleet);
  if (resolved) {
    for (const m of resolved.missing) problems.push(`cluster "${m}" is not in the fleet`);
    if (resolved.duplicates.length) notes.push(`named more than once, kept once: ${resolved.duplicates.join(', ')}`);
    for (const e of resolved.excluded) notes.push(`${e.cluster} is named but left out by the filters (${e.why})`);
    if (!resolved.clusters.length && !resolved.missing.length) problems.push(`no cluster matches the selection "${input.selection}"`);
  }
  const facts = resolved?.clusters ?? [];
  const sized = waveSizes(waves, facts.length);
  notes.push(...sized.notes);

  const clusters: RolloutCluster[] = [];
  let wave = 0;
  let inWave = 0;
  for (const c of facts) {
    while (inWave >= (sized.sizes[wave] ?? Infinity)) {
      wave++;
      inWave = 0;
    }
    inWave++;
    const rendered = renderParams(template, c);
    problems.push(...rendered.problems.map((p) => `${c.id}: ${p}`));
    if (!rendered.problems.length) {
      // Names the runbook does not take are said once above, not once per cluster.
      const checked = validateParamValues(input.runbook, Object.fromEntries(Object.entries(rendered.params).filter(([k]) => known.has(k))));
      problems.push(...checked.errors.map((e) => `${c.id}: ${e}`));
    }
    clusters.push({ id: c.id, region: c.region, arn: c.arn, wave, params: rendered.params, status: 'pending', retries: 0 });
  }
  if (input.http) problems.push(...rolloutHttpProblems({ ...input.http, clusters }));
  if (problems.length) {
    throw new RolloutPlanError(problems, 'fix these and plan again (switchyard rollout plan … shows the plan without starting anything)');
  }
  const failureLimit = failures as BudgetLimit;
  const guardLimit = ('problem' in guardStops ? failures : guardStops) as BudgetLimit;
  return {
    spec: {
      waves,
      ...(input.maxConcurrency !== undefined ? { maxConcurrency: input.maxConcurrency } : {}),
      gate: input.gate,
      budget: { failures: failureLimit, guardStops: guardLimit },
    },
    template,
    clusters,
    waves: sized.sizes,
    notes,
    budget: { failures: limitOf(failureLimit, clusters.length), guardStops: limitOf(guardLimit, clusters.length) },
  };
}

/**
 * The template with the runbook's one `rds-cluster` param set to the cluster's id when the
 * template does not set it (the usual case: `cluster: {{ cluster.id }}`); as given otherwise.
 */
export function withClusterParam(runbook: Pick<Runbook, 'params'>, template: Record<string, string>): Record<string, string> {
  const clusterParams = runbook.params.filter((p) => p.type === 'rds-cluster');
  if (clusterParams.length !== 1 || clusterParams[0].name in template) return template;
  return { ...template, [clusterParams[0].name]: '{{ cluster.id }}' };
}

/**
 * The params of one cluster: each template value with its `{{ }}` expressions evaluated over the
 * cluster's facts (`cluster.id`, `cluster.engineVersion`, `cluster.parameterGroupFamily`,
 * `cluster.tags.team`, …). A value is evaluated once: text a template produces (a tag holding
 * `{{ … }}`) is never evaluated again. An expression must give a string, number or boolean — a list
 * or a map (a template trying to become structure) is refused, as is a value with a line break.
 */
export function renderParams(
  template: Record<string, string>,
  cluster: ClusterFacts,
): { params: Record<string, string>; problems: string[] } {
  const params: Record<string, string> = {};
  const problems: string[] = [];
  // Every fact is there (an unknown one is '' rather than missing), so a template may test it.
  const scope = {
    cluster: {
      id: cluster.id,
      arn: cluster.arn,
      region: cluster.region,
      engine: cluster.engine,
      engineVersion: cluster.engineVersion,
      status: cluster.status,
      parameterGroup: cluster.parameterGroup ?? '',
      parameterGroupFamily: cluster.parameterGroupFamily ?? '',
      tags: { ...cluster.tags },
    },
  };
  for (const [name, text] of Object.entries(template)) {
    let out = '';
    let from = 0;
    let ok = true;
    for (const span of findTemplateSpans(text)) {
      let value: unknown;
      try {
        value = evaluateCel(span.expr, scope);
      } catch (error) {
        problems.push(
          `param \`${name}\`: {{ ${span.expr} }} cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`,
        );
        ok = false;
        break;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') {
        problems.push(
          `param \`${name}\`: {{ ${span.expr} }} gives ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : typeof value}; a param is one value (a string, number or boolean)`,
        );
        ok = false;
        break;
      }
      out += text.slice(from, span.start) + String(value);
      from = span.end;
    }
    if (!ok) continue;
    out += text.slice(from);
    if (/[\r\n\0]/.test(out)) {
      problems.push(`param \`${name}\` renders to text with a line break or NUL (${JSON.stringify(out)}); a param is one line`);
      continue;
    }
    params[name] = out;
  }
  return { params, problems };
}

export interface NewRolloutInput {
  plan: RolloutPlan;
  runbook: { file: string; title: string; source: string };
  selection: string;
  /** The host's name for the AWS target the runs go to. */
  target: string;
  startedBy: string;
  now: Date;
  /** Six lowercase hex digits (random) for the id. */
  suffix: string;
  title?: string;
}

/** The record `start` writes: the plan as shown, every cluster pending, the start audited. */
export function rolloutFromPlan(input: NewRolloutInput): Rollout {
  const at = input.now.toISOString();
  const id = `ro-${at.replace(/[-:T.Z]/g, '').slice(0, 14)}-${input.suffix}`;
  const { plan } = input;
  return {
    id,
    version: 1,
    title: input.title ?? `${input.runbook.title} on ${plan.clusters.length} cluster(s)`,
    runbook: input.runbook,
    template: plan.template,
    selection: input.selection,
    plan: plan.spec,
    target: input.target,
    startedBy: input.startedBy,
    createdAt: at,
    updatedAt: at,
    status: 'running',
    approvedWaves: [],
    clusters: plan.clusters,
    audit: [
      {
        at,
        actor: input.startedBy,
        action: 'rollout started',
        detail: `${plan.clusters.length} cluster(s) in ${plan.waves.length} wave(s) (${plan.waves.join(', ')}); selection ${input.selection}; budget ${plan.budget.failures} failure(s), ${plan.budget.guardStops} guard stop(s)`,
      },
    ],
  };
}

/**
 * A rollout's plan refuses, all at once, every cluster whose run's start would refuse its http
 * blocks: the params as rendered per cluster, checked by the same start check and allow-list the
 * run's start and the gateway use. Attacked with a maintenance URL that is allowed for one cluster
 * and, spelled another way (trailing dot, userinfo, uppercase), another host for the others.
 */
import { hostAllowList } from '../blocks/http/http-hosts';
import type { HttpStartPolicy } from '../blocks/http/http-start-check';
import { NodeHttpGateway } from '../engine/node-http';
import { parseRunbook } from '../runbook/parse-runbook';
import type { Runbook } from '../runbook/model';
import { RolloutPlanError } from './errors';
import { planRollout } from './plan';
import { rolloutHttpProblems } from './plan-http';
import { DRAIN_RUNBOOK_SOURCE, facts } from './testing';

const gateway = new NodeHttpGateway({
  secrets: { get: () => undefined, howToSet: () => '' },
  allowList: hostAllowList(['allowed.example'], 'switchyard.http.allowedHosts'),
});
const allowListed: HttpStartPolicy = { allowed: true, refusal: (url) => gateway.refusal(url) };

function runbook(): Runbook {
  const { runbook: parsed, diagnostics } = parseRunbook('runbooks/drain.md', DRAIN_RUNBOOK_SOURCE);
  if (!parsed || diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(diagnostics));
  return parsed;
}

/** Each cluster's maintenance URL from its `maint` tag. */
const fleet = [
  facts('good', { tags: { maint: 'https://allowed.example' } }),
  facts('dot', { tags: { maint: 'https://allowed.example.' } }),
  facts('userinfo', { tags: { maint: 'http://allowed.example@evil.example' } }),
  facts('upper', { tags: { maint: 'https://ALLOWED.EXAMPLE' } }),
  facts('evil', { tags: { maint: 'https://evil.example' } }),
];

function plan(policy: HttpStartPolicy, selection = '*') {
  return planRollout({
    runbook: runbook(),
    fleet,
    selection,
    template: { maintenance_url: '{{ cluster.tags.maint }}' },
    waves: '1,rest',
    gate: { kind: 'none' },
    maxFailures: '1',
    http: { file: 'runbooks/drain.md', runbook: runbook(), policy, startedBy: 'alice' },
  });
}

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    if (error instanceof RolloutPlanError) return error.problems;
    throw error;
  }
  throw new Error('the plan was not refused');
}

it('plans a rollout whose every cluster’s http block sends to an allowed host (uppercase is the same host)', () => {
  expect(plan(allowListed, 'good,upper').clusters.map((c) => [c.id, c.params.maintenance_url])).toEqual([
    ['good', 'https://allowed.example'],
    ['upper', 'https://ALLOWED.EXAMPLE'],
  ]);
});

it('lists every cluster its run’s start would refuse, each with the block’s line and the host, and plans nothing', () => {
  const problems = problemsOf(() => plan(allowListed));
  expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['dot', 'evil', 'userinfo']);
  expect(problems[0]).toMatch(/^dot: runbooks\/drain\.md:12: the http block \(POST .*send to allowed\.example\., .*leave the dot out/);
  // userinfo: the host is evil.example, and credentials in the URL are refused before any host is looked at.
  expect(problems[2]).toMatch(
    /^userinfo: runbooks\/drain\.md:12: .*cannot be sent: .*without credentials.*"http:\/\/allowed\.example@evil\.example".*Fix the param$/,
  );
  expect(problems[1]).toContain('Add "evil.example" to switchyard.http.allowedHosts');
});

it('with the other problems of the plan, at once', () => {
  const problems = problemsOf(() =>
    planRollout({
      runbook: runbook(),
      fleet,
      selection: 'evil,missing',
      template: { maintenance_url: '{{ cluster.tags.maint }}' },
      waves: '1',
      gate: { kind: 'none' },
      maxFailures: 'lots',
      http: { file: 'runbooks/drain.md', runbook: runbook(), policy: allowListed, startedBy: 'alice' },
    }),
  );
  expect(problems).toEqual([
    expect.stringContaining('--max-failures'),
    'cluster "missing" is not in the fleet',
    expect.stringMatching(/^evil: runbooks\/drain\.md:12: .*evil\.example/),
  ]);
});

it('where http blocks are not trusted (the CLI without --trust-http) every cluster is refused, naming the fix', () => {
  const problems = problemsOf(() => plan({ allowed: false, refusal: () => undefined }, 'good,upper'));
  expect(problems).toEqual([
    expect.stringMatching(/^good: runbooks\/drain\.md:12: .*not allowed here.*--trust-http/),
    expect.stringMatching(/^upper: runbooks\/drain\.md:12: .*not allowed here.*--trust-http/),
  ]);
});

it('a runbook without http blocks is not checked, and a cluster whose params are invalid is left to the plan', () => {
  const noHttp = { ...runbook(), steps: [], rollback: [] };
  expect(
    rolloutHttpProblems({
      file: 'x.md',
      runbook: noHttp,
      clusters: [{ id: 'c', params: {} }],
      policy: { allowed: false, refusal: () => undefined },
      startedBy: 'a',
    }),
  ).toEqual([]);
  expect(
    rolloutHttpProblems({
      file: 'x.md',
      runbook: runbook(),
      clusters: [{ id: 'c', params: { cluster: 'c' } }],
      policy: allowListed,
      startedBy: 'a',
    }),
  ).toEqual([]);
});

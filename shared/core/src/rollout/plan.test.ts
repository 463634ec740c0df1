import { RolloutPlanError } from './errors';
import { limitOf, parseLimit, parseWaves, planRollout, renderParams, waveSizes, type PlanInput } from './plan';
import { parseSelection, resolveSelection } from './selection';
import { CLUSTER_RUNBOOK, facts } from './testing';

const FLEET = [
  facts('pay-a', { engineVersion: '15.4', tags: { team: 'payments' } }),
  facts('pay-b', { engineVersion: '15.6', tags: { team: 'payments' } }),
  facts('pay-c', { engineVersion: '16.4', tags: { team: 'payments' } }),
  facts('pay-w', { region: 'eu-west-1', engineVersion: '15.4', tags: { team: 'payments' } }),
  facts('ord-a', { engineVersion: '15.4', tags: { team: 'checkout' } }),
  facts('my-a', { engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.05.2', tags: { team: 'payments' } }),
];

const UPGRADE_RUNBOOK = {
  params: [
    { name: 'cluster', type: 'rds-cluster', required: true },
    { name: 'target_version', type: 'string', required: true },
    { name: 'family', type: 'string', required: false, default: '' },
  ],
} as unknown as PlanInput['runbook'];

const plan = (overrides: Partial<PlanInput>) =>
  planRollout({
    runbook: CLUSTER_RUNBOOK,
    fleet: FLEET,
    selection: '*',
    template: { cluster: '{{ cluster.id }}' },
    waves: 'rest',
    gate: { kind: 'none' },
    maxFailures: '1',
    ...overrides,
  });

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RolloutPlanError) return error.problems;
    throw error;
  }
  throw new Error('expected a RolloutPlanError');
};

describe('selection', () => {
  const ids = (text: string) => resolveSelection(parseSelection(text).selection, FLEET).clusters.map((c) => c.id);

  it('filters by tag, engine and version (prefix with *), all terms holding', () => {
    expect(ids('team=payments,engine=aurora-postgresql,version=15.4')).toEqual(['pay-w', 'pay-a']);
    expect(ids('team=payments,version=15.*')).toEqual(['pay-w', 'pay-a', 'pay-b']);
    expect(ids('team=payments|checkout,region=us-east-1,version=15.4')).toEqual(['ord-a', 'pay-a']);
    expect(ids('tag:team=checkout')).toEqual(['ord-a']);
  });

  it('keeps named clusters in the order given; one cluster spelled three ways is one', () => {
    const { selection } = parseSelection('pay-b,PAY-A,arn:aws:rds:us-east-1:123456789012:cluster:pay-a, Pay-B ');
    const resolved = resolveSelection(selection, FLEET);
    expect(resolved.clusters.map((c) => c.id)).toEqual(['pay-b', 'pay-a']);
    expect(resolved.duplicates).toEqual(['arn:aws:rds:us-east-1:123456789012:cluster:pay-a', 'Pay-B']);
  });

  it('names a missing cluster and one the filters leave out, instead of a silently smaller rollout', () => {
    const { selection } = parseSelection('pay-a,nope,ord-a,team=payments');
    const resolved = resolveSelection(selection, FLEET);
    expect(resolved.missing).toEqual(['nope']);
    expect(resolved.excluded).toEqual([{ cluster: 'ord-a', why: 'tag team=checkout' }]);
    expect(problemsOf(() => plan({ selection: 'pay-a,nope' }))).toEqual(['cluster "nope" is not in the fleet']);
  });

  it('an ARN names its region: the same id in another region is another cluster', () => {
    const fleet = [...FLEET, facts('pay-a', { region: 'eu-west-1' })];
    const { selection } = parseSelection('arn:aws:rds:eu-west-1:123456789012:cluster:pay-a');
    expect(resolveSelection(selection, fleet).clusters.map((c) => c.region)).toEqual(['eu-west-1']);
    // By id alone, both regions' clusters of that name.
    expect(resolveSelection(parseSelection('pay-a').selection, fleet).clusters).toHaveLength(2);
  });

  it('an ARN names its account too: a namesake in another account is not selected by it', () => {
    const other = { ...facts('pay-a'), arn: 'arn:aws:rds:us-east-1:999999999999:cluster:pay-a' };
    const fleet = [...FLEET.filter((c) => c.id !== 'pay-a'), other];
    const resolved = resolveSelection(parseSelection('arn:aws:rds:us-east-1:123456789012:cluster:pay-a').selection, fleet);
    expect(resolved.clusters).toEqual([]);
    expect(resolved.missing).toEqual(['arn:aws:rds:us-east-1:123456789012:cluster:pay-a']);
    expect(resolveSelection(parseSelection(other.arn).selection, fleet).clusters.map((c) => c.arn)).toEqual([other.arn]);
  });

  it('refuses an empty selection, half terms, instance ARNs and ids that are not ids', () => {
    expect(parseSelection('').problems[0]).toMatch(/empty/);
    expect(parseSelection(' , ').problems[0]).toMatch(/empty/);
    expect(parseSelection('team=').problems[0]).toMatch(/name and a value/);
    expect(parseSelection('=x').problems[0]).toMatch(/name and a value/);
    expect(parseSelection('arn:aws:rds:us-east-1:1:db:x').problems[0]).toMatch(/not the ARN of an RDS cluster/);
    expect(parseSelection('--approve').problems[0]).toMatch(/not a cluster identifier/);
    expect(parseSelection('a b').problems[0]).toMatch(/not a cluster identifier/);
    expect(parseSelection('cluster=a').problems[0]).toMatch(/without "cluster="/);
    expect(parseSelection('*,pay-a').problems[0]).toMatch(/do not also name/);
    expect(problemsOf(() => plan({ selection: 'team=nobody' }))).toEqual(['no cluster matches the selection "team=nobody"']);
  });
});

describe('waves and budget', () => {
  it('parses counts, percentages and rest (last only)', () => {
    expect(parseWaves('1,5,25%,rest')).toEqual({ waves: [{ count: 1 }, { count: 5 }, { percent: 25 }, { rest: true }], problems: [] });
    expect(parseWaves('rest,1').problems).toEqual(['wave 1: "rest" can only be the last wave']);
    expect(parseWaves('0').problems[0]).toMatch(/at least 1/);
    expect(parseWaves('-1').problems[0]).toMatch(/at least 1/);
    expect(parseWaves('1.5').problems[0]).toMatch(/whole number/);
    expect(parseWaves('0%').problems[0]).toMatch(/above 0%/);
    expect(parseWaves('101%').problems[0]).toMatch(/at most 100%/);
    expect(parseWaves('').problems[0]).toMatch(/wave 1/);
    expect(parseLimit('1e3')).toHaveProperty('problem');
    expect(parseLimit('99999999999999999999')).toHaveProperty('problem');
  });

  it('sizes waves: percentages of the whole, capped by what is left; uncovered clusters make a last wave', () => {
    expect(waveSizes(parseWaves('1,5,25%,rest').waves, 120).sizes).toEqual([1, 5, 30, 84]);
    expect(waveSizes(parseWaves('1,5,25%,rest').waves, 3).sizes).toEqual([1, 2]);
    expect(waveSizes(parseWaves('10%').waves, 5)).toEqual({
      sizes: [1, 4],
      notes: ['the waves given cover 1 of 5 clusters: the other 4 make a last wave'],
    });
    expect(waveSizes(parseWaves('100%,rest').waves, 7).sizes).toEqual([7]);
    expect(waveSizes(parseWaves('1').waves, 0).sizes).toEqual([]);
  });

  it('budget limits: a count as given; a percentage of all clusters rounds up and is at least 1', () => {
    expect(limitOf({ count: 3 }, 100)).toBe(3);
    expect(limitOf({ percent: 10 }, 20)).toBe(2);
    expect(limitOf({ percent: 10 }, 21)).toBe(3);
    expect(limitOf({ percent: 1 }, 5)).toBe(1);
    expect(limitOf({ percent: 100 }, 5)).toBe(5);
    // 0.07 * 100 is 7.000000000000001 in floating point: still 7, not 8.
    expect(limitOf({ percent: 7 }, 100)).toBe(7);
  });

  it('collects every problem at once', () => {
    const problems = problemsOf(() =>
      plan({ waves: 'rest,0', maxFailures: '0%', maxConcurrency: 0, template: { cluster: '{{ cluster.id }}', bogus: 'x' } }),
    );
    expect(problems).toEqual([
      'wave 1: "rest" can only be the last wave',
      'wave 2: "0" is neither a whole number of at least 1 nor a percentage like 25%',
      '--max-failures: "0%" must be above 0% and at most 100%',
      '--max-concurrency: "0" must be a whole number of at least 1',
      'the params template sets `bogus`, which the runbook does not take (it takes: cluster)',
    ]);
  });
});

describe('per-cluster params (the plan dry-run)', () => {
  it('uses each cluster’s own facts: 15.x goes to 16.4, the family from its parameter group', () => {
    const planned = plan({
      runbook: UPGRADE_RUNBOOK,
      selection: 'team=payments,engine=aurora-postgresql,region=us-east-1',
      template: {
        cluster: '{{ cluster.id }}',
        target_version: '{{ cluster.engineVersion.startsWith("15.") ? "16.4" : cluster.engineVersion }}',
        family: '{{ cluster.parameterGroupFamily }}',
      },
      waves: '1,rest',
      maxFailures: '50%',
    });
    expect(planned.clusters.map((c) => [c.id, c.wave, c.params])).toEqual([
      ['pay-a', 0, { cluster: 'pay-a', target_version: '16.4', family: 'aurora-postgresql15' }],
      ['pay-b', 1, { cluster: 'pay-b', target_version: '16.4', family: 'aurora-postgresql15' }],
      ['pay-c', 1, { cluster: 'pay-c', target_version: '16.4', family: 'aurora-postgresql15' }],
    ]);
    expect(planned.budget).toEqual({ failures: 2, guardStops: 2 });
    expect(planned.waves).toEqual([1, 2]);
  });

  it('a tag holding a template is text: never evaluated a second time', () => {
    const evil = facts('x1', { tags: { team: '{{ cluster.arn }}' } });
    expect(renderParams({ note: 'team {{ cluster.tags.team }}' }, evil)).toEqual({
      params: { note: 'team {{ cluster.arn }}' },
      problems: [],
    });
  });

  it('a template that tries to become structure (a list, a map, null) is refused', () => {
    const c = facts('x1');
    expect(renderParams({ cluster: '{{ [cluster.id, "other"] }}' }, c).problems[0]).toMatch(/gives a list/);
    expect(renderParams({ cluster: '{{ cluster.tags }}' }, c).problems[0]).toMatch(/gives a map/);
    expect(renderParams({ cluster: '{{ null }}' }, c).problems[0]).toMatch(/gives null/);
    expect(renderParams({ cluster: '{{ cluster.nope }}' }, c).problems[0]).toMatch(/cannot be evaluated/);
  });

  it('a value that would be a flag, a second word or a second line is refused by the param type or as multi-line', () => {
    const flagTag = facts('x1', { tags: { target: '--skip-final-snapshot' } });
    const problems = problemsOf(() =>
      planRollout({
        runbook: CLUSTER_RUNBOOK,
        fleet: [flagTag, facts('x2', { tags: { target: 'x2 --delete' } }), facts('x3', { tags: { target: 'x3\n--approve' } })],
        selection: '*',
        template: { cluster: '{{ cluster.tags.target }}' },
        waves: 'rest',
        gate: { kind: 'none' },
        maxFailures: '1',
      }),
    );
    expect(problems).toEqual([
      'x1: param `cluster`: `--skip-final-snapshot` is not an Aurora cluster identifier (letters, digits, hyphens) or ARN',
      'x2: param `cluster`: `x2 --delete` is not an Aurora cluster identifier (letters, digits, hyphens) or ARN',
      'x3: param `cluster` renders to text with a line break or NUL ("x3\\n--approve"); a param is one line',
    ]);
  });

  it('a missing required param is named per cluster; the one rds-cluster param defaults to the cluster', () => {
    expect(problemsOf(() => plan({ runbook: UPGRADE_RUNBOOK, selection: 'pay-a', template: {} }))).toEqual([
      'pay-a: missing required param `target_version` (string)',
    ]);
    const planned = plan({ selection: 'pay-a', template: {} });
    expect(planned.clusters[0].params).toEqual({ cluster: 'pay-a' });
    expect(planned.template).toEqual({ cluster: '{{ cluster.id }}' });
    expect(planned.notes).toEqual(['each cluster is given as `cluster` ({{ cluster.id }})']);
  });
});

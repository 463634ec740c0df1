import { evaluateExpectations } from '../blocks/common/observe-and-evaluate';
import { metricView } from './fetch-views';
import { describeWindow, noDatapointsIn } from './no-datapoints';

const pos = { line: 1, column: 1 };
const query = { name: 'AuroraReplicaLag', stat: 'Maximum', dimensions: { DBClusterIdentifier: 'prod-app' }, windowSeconds: 120 };
const empty = metricView(query, [], []);
const healthy = metricView(query, [12, 20], ['2026-12-04T20:01:00.000Z', '2026-12-04T20:00:00.000Z']);

it('names the first metric the expression reads that has no datapoints', () => {
  expect(noDatapointsIn('lag.max < 1000', { lag: empty })?.message).toBe(
    'no datapoints for AuroraReplicaLag {DBClusterIdentifier=prod-app} in the last 2m',
  );
  expect(noDatapointsIn('lag.max < 1000', { lag: healthy })).toBeUndefined();
  // Only variables the expression reads count: not another observe name, not a string that spells one.
  expect(noDatapointsIn('cluster.allAvailable && "lag" != ""', { lag: empty, cluster: { allAvailable: true } })).toBeUndefined();
  expect(noDatapointsIn('lag.max <', { lag: empty })).toBeUndefined();
});

it('a guard over no datapoints fails with that message, even one written to pass on null', () => {
  const [nullTolerant, plain, other] = evaluateExpectations(
    [
      { that: 'lag.max == null || lag.max < 1000', pos },
      { that: 'lag.max < 1000', message: 'lag under 1 s', pos },
      { that: 'ok', pos },
    ],
    { lag: empty, ok: true },
  );
  expect(nullTolerant).toMatchObject({ holds: false, noData: { metric: 'AuroraReplicaLag', windowSeconds: 120 } });
  expect(plain.text).toBe(
    'guard failed: lag under 1 s (lag.max < 1000): no datapoints for AuroraReplicaLag {DBClusterIdentifier=prod-app} in the last 2m',
  );
  expect(other.holds).toBe(true);
  expect(evaluateExpectations([{ that: 'lag.max < 1000', pos }], { lag: healthy })[0].holds).toBe(true);
});

it('writes the window as a runbook would', () => {
  expect([describeWindow(30), describeWindow(90), describeWindow(120), describeWindow(7200)]).toEqual(['30s', '90s', '2m', '2h']);
});

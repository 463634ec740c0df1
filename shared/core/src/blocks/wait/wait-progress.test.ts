import { describeWait } from './wait-progress';

const scope = {
  params: { cluster: 'prod-app', max_lag_ms: '500' },
  steps: { before: { output: { target: 'prod-app-2', writer: 'prod-app-1' } } },
  run: { connections: [] },
  cluster: { status: 'failing-over', writer: 'prod-app-1', members: ['prod-app-1', 'prod-app-2'] },
  lag: { latest: 1250.5 },
};

describe('describeWait: a wait condition for people', () => {
  it('reads the operators out, fills in step outputs, and reports what the poll saw', () => {
    const d = describeWait('cluster.status == "available" && cluster.writer == steps.before.output.target', undefined, scope, ['cluster']);
    expect(d.condition).toBe('cluster.status is "available" and cluster.writer is "prod-app-2"');
    expect(d.observed).toEqual(['cluster.status = "failing-over"', 'cluster.writer = "prod-app-1"']);
  });

  it('keeps operators inside string literals as they are, and names each observed value once', () => {
    const d = describeWait('cluster.status != "a==b || c" || cluster.status == "x"', undefined, scope, ['cluster']);
    expect(d.condition).toBe('cluster.status is not "a==b || c" or cluster.status is "x"');
    expect(d.observed).toEqual(['cluster.status = "failing-over"']);
  });

  it('uses the message when the block gives one, and still reports the values', () => {
    const d = describeWait(
      'lag.latest != null && lag.latest < double(max_lag_ms)',
      'green lag under {{ max_lag_ms }} ms',
      { ...scope, max_lag_ms: '500' },
      ['lag'],
    );
    expect(d.condition).toBe('green lag under 500 ms');
    expect(d.observed).toEqual(['lag.latest = 1250.5']);
  });

  it('says a value is not observed rather than failing, and shortens long values', () => {
    const d = describeWait(
      'cluster.missing.deep == 1 && size(cluster.members) > 1',
      undefined,
      { ...scope, cluster: { members: 'x'.repeat(200) } },
      ['cluster'],
    );
    expect(d.observed[0]).toBe('cluster.missing.deep = not observed');
    expect(d.observed[1].length).toBeLessThanOrEqual('cluster.members = '.length + 80);
    expect(d.observed[1].endsWith('…')).toBe(true);
  });

  it('keeps the name of a step output that is not there, rather than saying it is "not observed"', () => {
    const d = describeWait('cluster.writer == steps.skipped.output.target', undefined, scope, ['cluster']);
    expect(d.condition).toBe('cluster.writer is steps.skipped.output.target');
  });

  it('an expression that does not parse is shown as written, with nothing observed', () => {
    expect(describeWait('cluster.status ==', undefined, scope, ['cluster'])).toEqual({ condition: 'cluster.status is', observed: [] });
  });
});

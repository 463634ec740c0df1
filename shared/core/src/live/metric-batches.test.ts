import { MAX_QUERIES_PER_REQUEST, METRIC_QUERY_ID, metricQueryChunks, planMetricBatches, type MetricRequest } from './metric-batches';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
// The MetricDataQuery Id rule as the CloudWatch API Reference states it (MetricDataQuery, Id).
const API_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** Three series (storage, reads, writes) for each of `n` environments, with staggered windows. */
function fleet(n: number, region = 'us-east-1'): MetricRequest[] {
  return Array.from({ length: n }, (_, i) =>
    ['VolumeBytesUsed', 'VolumeReadIOPs', 'VolumeWriteIOPs'].map((metricName) => ({
      key: `${i}/${metricName}`,
      region,
      namespace: 'AWS/RDS',
      metricName,
      dimensions: { DBClusterIdentifier: `orders-${i}` },
      stat: metricName === 'VolumeBytesUsed' ? 'Maximum' : 'Sum',
      period: 3600,
      from: T0 - (i % 48) * HOUR,
      to: T0 + HOUR + (i % 5) * HOUR,
    })),
  ).flat();
}

it('1,250 environments (3,750 series) take 8 requests of at most 500 queries, every series once', () => {
  const requests = fleet(1250);
  const batches = planMetricBatches(requests);
  expect(batches).toHaveLength(Math.ceil(3750 / 500));
  expect(batches.every((b) => b.input.MetricDataQueries.length <= MAX_QUERIES_PER_REQUEST)).toBe(true);
  const keys = batches.flatMap((b) => [...b.keys.values()]);
  expect(keys).toHaveLength(requests.length);
  expect(new Set(keys)).toEqual(new Set(requests.map((r) => r.key)));
});

it('query Ids are unique within each request and valid per the API', () => {
  for (const b of planMetricBatches(fleet(400))) {
    const ids = b.input.MetricDataQueries.map((q) => q.Id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => API_ID.test(id) && METRIC_QUERY_ID.test(id))).toBe(true);
    expect([...b.keys.keys()]).toEqual(ids);
  }
});

it("each request's window covers every one of its series' windows, and sorting keeps windows tight", () => {
  const requests = fleet(1250);
  const byKey = new Map(requests.map((r) => [r.key, r]));
  const batches = planMetricBatches(requests);
  for (const b of batches) {
    for (const key of b.keys.values()) {
      const r = byKey.get(key)!;
      expect(b.input.StartTime!.getTime()).toBeLessThanOrEqual(r.from);
      expect(b.input.EndTime!.getTime()).toBeGreaterThanOrEqual(r.to);
    }
  }
  // Sorted by window start: the starts of one request's series do not interleave with the next's,
  // so an old environment's long window does not stretch every request.
  const starts = batches.map((b) => [...b.keys.values()].map((k) => byKey.get(k)!.from));
  for (let i = 1; i < starts.length; i++) expect(Math.max(...starts[i - 1])).toBeLessThanOrEqual(Math.min(...starts[i]));
});

it('splits by region: a request never mixes regions', () => {
  const batches = planMetricBatches([...fleet(10, 'eu-west-1'), ...fleet(200, 'us-east-1')]);
  expect(batches.map((b) => [b.region, b.input.MetricDataQueries.length])).toEqual([
    ['eu-west-1', 30],
    ['us-east-1', 500],
    ['us-east-1', 100],
  ]);
});

it("the caller's keys never reach AWS: a key like a flag, with a quote or a newline, leaves the Ids valid", () => {
  const hostile = ['--region=evil', "o'brien", 'a\nb', '', 'm0'].map((key, i) => ({ ...fleet(1)[0], key, from: T0 + i }));
  const [batch] = planMetricBatches(hostile);
  expect(batch.input.MetricDataQueries.map((q) => q.Id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  expect(JSON.stringify(batch.input)).not.toMatch(/evil|brien/);
  expect([...batch.keys.values()]).toEqual(['--region=evil', "o'brien", 'a\nb', '', 'm0']);
});

it('refuses a batch size GetMetricData would refuse', () => {
  expect(() => planMetricBatches(fleet(1), 501)).toThrow(/1\.\.500/);
  expect(() => planMetricBatches(fleet(1), 0)).toThrow(RangeError);
  expect(planMetricBatches([])).toEqual([]);
});

it('metricQueryChunks: 500 queries a request at most, ids m0… unique within each, every item answered once', () => {
  const items = Array.from({ length: 1001 }, (_, i) => `series-${i}`);
  const chunks = metricQueryChunks(items, (item, id) => ({ Id: id, Label: item }));
  expect(chunks.map((c) => c.queries.length)).toEqual([500, 500, 1]);
  for (const c of chunks) {
    expect(new Set(c.queries.map((q) => q.Id)).size).toBe(c.queries.length);
    expect(c.queries.every((q) => METRIC_QUERY_ID.test(q.Id!) && c.items.get(q.Id!) === q.Label)).toBe(true);
  }
  expect(chunks.flatMap((c) => [...c.items.values()])).toEqual(items);
  expect(() => metricQueryChunks(items, (item, id) => ({ Id: id }), 501)).toThrow(RangeError);
  expect(metricQueryChunks([], (item, id) => ({ Id: id }))).toEqual([]);
});

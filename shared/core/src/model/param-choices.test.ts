import { greenClusterIds, isOfferedCluster, offeredInstances, paramUnavailable } from './param-choices';

const instances = [
  { id: 'prod-app-0', role: 'writer' },
  { id: 'prod-app-1', role: 'reader' },
  { id: 'prod-app-2', role: 'reader' },
];

it('does not offer the writer as the instance a failover promotes', () => {
  expect(offeredInstances({ promotes: true }, instances).map((i) => i.id)).toEqual(['prod-app-1', 'prod-app-2']);
  // An instance param that is not a failover target may name the writer.
  expect(offeredInstances({}, instances).map((i) => i.id)).toEqual(['prod-app-0', 'prod-app-1', 'prod-app-2']);
  expect(offeredInstances({ promotes: true }, [instances[0]])).toEqual([]);
});

it('knows the greens of deployments before and during the switchover, not after it', () => {
  const pair = (status: string, green: string | null, target = 'prod-app-green-abc') => ({
    deployment: { status, targetClusterId: target },
    green: green ? { clusterId: green } : null,
  });
  expect([...greenClusterIds([pair('AVAILABLE', 'prod-app-green-abc')])]).toEqual(['prod-app-green-abc']);
  expect([...greenClusterIds([pair('PROVISIONING', null)])]).toEqual(['prod-app-green-abc']);
  expect([...greenClusterIds([pair('SWITCHOVER_IN_PROGRESS', 'g')])]).toEqual(['g']);
  // Switched over: the target now carries the production name and is production.
  expect([...greenClusterIds([pair('SWITCHOVER_COMPLETED', 'prod-app')])]).toEqual([]);
  expect([...greenClusterIds([pair('DELETING', 'x')])]).toEqual([]);
  expect([...greenClusterIds([pair('AVAILABLE', null, '')])]).toEqual([]);
});

it('offers a cluster unless it is a green, by the fleet row or by the topology', () => {
  const greens = new Set(['prod-app-green-abc']);
  expect(isOfferedCluster({ clusterId: 'prod-app' }, greens)).toBe(true);
  expect(isOfferedCluster({ clusterId: 'prod-app-green-abc' }, greens)).toBe(false);
  expect(isOfferedCluster({ clusterId: 'other-green', greenOf: 'other' })).toBe(false);
  expect(isOfferedCluster({ clusterId: 'other' })).toBe(true);
});

it('says why a data-guard param is not asked for, naming the missing connections', () => {
  expect(paramUnavailable({ needsConnections: ['blue', 'green'] }, [])).toBe(
    'needs the blue and green connections, which are not configured',
  );
  expect(paramUnavailable({ needsConnections: ['blue', 'green'] }, ['blue'])).toBe('needs the green connection, which is not configured');
  expect(paramUnavailable({ needsConnections: ['blue', 'green'] }, ['green', 'blue'])).toBeUndefined();
  expect(paramUnavailable({}, [])).toBeUndefined();
});

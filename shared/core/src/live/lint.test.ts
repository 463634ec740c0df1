import { lintTopology, type ParameterComparison } from './lint';
import type { ClusterView, InstanceView } from './views';

const instance = (id: string, az: string, cls: string, tier: number, extra: Partial<InstanceView> = {}): InstanceView => ({
  id,
  status: 'available',
  class: cls,
  az,
  tier,
  clusterId: 'orders',
  isWriter: false,
  engine: 'aurora-postgresql',
  engineVersion: '15.4',
  ...extra,
});

const cluster = (members: InstanceView[], extra: Partial<ClusterView> = {}): ClusterView => ({
  id: 'orders',
  arn: 'arn:aws:rds:us-east-1:123456789012:cluster:orders',
  region: 'us-east-1',
  status: 'available',
  engine: 'aurora-postgresql',
  engineVersion: '15.4',
  writer: members.find((m) => m.isWriter)?.id ?? null,
  readers: members.filter((m) => !m.isWriter).map((m) => m.id),
  members,
  readerAzs: [],
  failoverTarget: null,
  parameterGroup: 'orders-pg15',
  globalClusterId: null,
  endpoint: '',
  readerEndpoint: '',
  deletionProtection: true,
  allAvailable: true,
  tags: {},
  ...extra,
});

const writer = instance('orders-0', 'us-east-1a', 'db.r6g.2xlarge', 0, { isWriter: true });
const codes = (view: ClusterView, comparisons?: ParameterComparison[]) =>
  lintTopology({ cluster: view, parameterComparisons: comparisons }).map((f) => f.code);

it('a healthy cluster has no findings', () => {
  const view = cluster([
    writer,
    instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1),
    instance('orders-2', 'us-east-1c', 'db.r6g.large', 15),
  ]);
  expect(lintTopology({ cluster: view })).toEqual([]);
});

it('tiny-reader-in-high-tier: a smaller reader in tier 0/1 is flagged, a small tier-2+ reader is not', () => {
  const view = cluster([
    writer,
    instance('orders-1', 'us-east-1b', 'db.r6g.large', 1),
    instance('orders-2', 'us-east-1c', 'db.r6g.large', 2),
    instance('orders-3', 'us-east-1c', 'db.r6g.2xlarge', 0),
  ]);
  const findings = lintTopology({ cluster: view });
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ code: 'tiny-reader-in-high-tier', severity: 'warning', resources: ['orders-1', 'orders-0'] });
  expect(findings[0].message).toMatch(
    /orders-1 \(db\.r6g\.large, tier 1\).*writer orders-0 \(db\.r6g\.2xlarge\).*resize it to db\.r6g\.2xlarge/,
  );
});

it("single-az-readers: every reader in the writer's AZ, or all readers in one other AZ", () => {
  const sameAsWriter = cluster([writer, instance('orders-1', 'us-east-1a', 'db.r6g.2xlarge', 1)]);
  expect(lintTopology({ cluster: sameAsWriter })[0].message).toMatch(/in the writer's AZ us-east-1a/);
  const oneOtherAz = cluster([
    writer,
    instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1),
    instance('orders-2', 'us-east-1b', 'db.r6g.2xlarge', 1),
  ]);
  expect(lintTopology({ cluster: oneOtherAz })).toMatchObject([
    { code: 'single-az-readers', resources: ['orders', 'orders-1', 'orders-2'] },
  ]);
  // A single reader in another AZ than the writer is two-AZ coverage.
  expect(codes(cluster([writer, instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1)]))).toEqual([]);
});

it('no-failover-target: no reader, or none available', () => {
  expect(codes(cluster([writer]))).toEqual(['no-failover-target']);
  const rebooting = cluster([writer, instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1, { status: 'rebooting' })]);
  const [finding] = lintTopology({ cluster: rebooting });
  expect(finding).toMatchObject({ code: 'no-failover-target', severity: 'error', resources: ['orders', 'orders-1'] });
  expect(finding.message).toMatch(/orders-1 rebooting/);
});

it('parameter-group-drift: only for counterparts whose parameters differ, naming them', () => {
  const view = cluster([writer, instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1)]);
  const comparisons: ParameterComparison[] = [
    { relation: 'global-database', clusterId: 'orders-eu', region: 'eu-west-1', parameterGroup: 'orders-pg15', differing: [] },
    {
      relation: 'blue-green',
      clusterId: 'orders-green-abc123',
      region: 'us-east-1',
      parameterGroup: 'orders-pg16',
      differing: ['max_connections', 'work_mem'],
    },
  ];
  const findings = lintTopology({ cluster: view, parameterComparisons: comparisons });
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ code: 'parameter-group-drift', resources: ['orders', 'orders-green-abc123'] });
  expect(findings[0].message).toMatch(
    /orders-pg15 differs from orders-pg16 of its blue\/green green cluster orders-green-abc123 \(us-east-1\) in max_connections, work_mem/,
  );
});

it('deletion-protection-off names the command that fixes it', () => {
  const view = cluster([writer, instance('orders-1', 'us-east-1b', 'db.r6g.2xlarge', 1)], { deletionProtection: false });
  const [finding] = lintTopology({ cluster: view });
  expect(finding.code).toBe('deletion-protection-off');
  expect(finding.message).toMatch(/modify-db-cluster --db-cluster-identifier orders --deletion-protection/);
});

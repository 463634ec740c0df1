import type { DBCluster } from '@aws-sdk/client-rds';
import { runConcerns } from '../model/lock-keys';
import { clusterRunResources, productionClusters, toFleetCluster, withLeftoverOldEnvironments } from './fleet';
import type { BlueGreenView } from './views';

const ARN = (id: string) => `arn:aws:rds:us-east-1:111111111111:cluster:${id}`;
const db = (id: string): DBCluster => ({
  DBClusterIdentifier: id,
  DBClusterArn: ARN(id),
  Status: 'available',
  Engine: 'aurora-postgresql',
});

function deployment(status: string, source: string, target: string): BlueGreenView {
  return {
    id: 'bgd-abc123',
    name: 'prod-app-upgrade',
    status,
    statusDetails: '',
    source: ARN(source),
    target: ARN(target),
    sourceClusterId: source,
    targetClusterId: target,
    tasks: [],
    switchover: [],
    createdAt: null,
    deletedAt: null,
  };
}

/** The fleet rows of some clusters and one deployment, as fetchFleet builds them. */
function rows(ids: string[], d: BlueGreenView) {
  const bySource = new Map([[d.source, [d]]]);
  const byTarget = new Map([[d.target, d]]);
  return withLeftoverOldEnvironments(ids.map((id) => toFleetCluster(db(id), 'us-east-1', bySource, byTarget)));
}

it('before the switchover the database is blue; its green is not a database of its own', () => {
  const fleet = rows(['prod-app', 'prod-app-green-x1'], deployment('AVAILABLE', 'prod-app', 'prod-app-green-x1'));
  expect(productionClusters(fleet).map((c) => c.clusterId)).toEqual(['prod-app']);
  expect(fleet[1].greenOf).toBe('prod-app');
  expect(fleet[0].blueGreen.map((d) => d.stage)).toEqual(['ready']);
});

it('after the switchover the database keeps its production name; the old environment is its rollback window', () => {
  // RDS renamed green to prod-app and blue to prod-app-old1: the deployment's source is now the old environment.
  const fleet = rows(['prod-app', 'prod-app-old1'], deployment('SWITCHOVER_COMPLETED', 'prod-app-old1', 'prod-app'));
  expect(productionClusters(fleet).map((c) => c.clusterId)).toEqual(['prod-app']);
  const [prod, old] = fleet;
  expect(prod.greenOf).toBeUndefined();
  expect(old.oldEnvironmentOf).toBe('prod-app');
  // The production name's row still carries the deployment (its watch window).
  expect(prod.blueGreen.map((d) => [d.name, d.stage])).toEqual([['prod-app-upgrade', 'switched over']]);
});

it('an -oldN cluster left after its deployment was deleted still belongs to the production name, if that exists', () => {
  const none = deployment('AVAILABLE', 'x', 'y');
  const fleet = rows(['prod-app', 'prod-app-old1', 'lonely-old2'], none);
  expect(productionClusters(fleet).map((c) => c.clusterId)).toEqual(['prod-app', 'lonely-old2']);
});

it("attributes a Blue/Green run, which names and locks the deployment, to the deployment's clusters in its account only", () => {
  const [prod] = rows(['prod-app', 'prod-app-old1'], deployment('SWITCHOVER_FAILED', 'prod-app', 'prod-app-green-x1'));
  const resources = clusterRunResources(prod);
  const run = (params: Record<string, unknown>, locks: string[], account = '111111111111') => ({
    params,
    locks,
    target: { account, region: 'us-east-1' },
  });
  const about = (r: ReturnType<typeof run>) => resources.some((res) => runConcerns(r, res));
  expect(about(run({ deployment: 'prod-app-upgrade' }, ['blue-green:prod-app-upgrade@111111111111/us-east-1']))).toBe(true);
  expect(about(run({ deployment: 'bgd-abc123' }, ['blue-green:bgd-abc123@111111111111/us-east-1']))).toBe(true);
  expect(about(run({ cluster: 'prod-app' }, []))).toBe(true);
  // The same deployment name in another account is another team's.
  expect(about(run({ deployment: 'prod-app-upgrade' }, ['blue-green:prod-app-upgrade@222222222222/us-east-1'], '222222222222'))).toBe(
    false,
  );
  expect(about(run({ deployment: 'other-upgrade' }, ['blue-green:other-upgrade@111111111111/us-east-1']))).toBe(false);
});

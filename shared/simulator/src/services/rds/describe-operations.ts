import type {
  DBClusterMessage,
  DBInstanceMessage,
  DescribeBlueGreenDeploymentsRequest,
  DescribeBlueGreenDeploymentsResponse,
  DescribeDBClustersMessage,
  DescribeDBInstancesMessage,
  DescribeGlobalClustersMessage,
  GlobalClustersMessage,
} from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { rdsErrors } from '../../model/errors';
import { getBlueGreen, getCluster, getGlobalCluster, getInstance } from '../../model/lookup';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { blueGreenView } from './blue-green-view';
import { clusterView } from './cluster-view';
import { applyFilters } from './filters';
import { globalClusterView } from './global-cluster-view';
import { instanceView } from './instance-view';
import { paginate } from './paging';

/** The topology reads: clusters, instances, global databases, blue/green deployments. */
export function describeOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    DescribeDBClusters: handler((input: DescribeDBClustersMessage, { region }): DBClusterMessage => {
      const { state, now } = world.context();
      let clusters = state.clusters.filter((c) => c.region === region);
      if (input.DBClusterIdentifier) clusters = [getCluster(state, region, input.DBClusterIdentifier)];
      clusters = applyFilters(
        clusters,
        input.Filters,
        {
          'db-cluster-id': (c) => [c.id],
          'db-cluster-resource-id': (c) => [c.resourceId],
          engine: (c) => [c.engine],
          'clone-group-id': () => [],
          domain: () => [],
        },
        ['db-cluster-id'],
      );
      const page = paginate(clusters, (c) => c.id, input.Marker, input.MaxRecords);
      return { Marker: page.marker, DBClusters: page.items.map((c) => clusterView(state, c, now)) };
    }),

    DescribeDBInstances: handler((input: DescribeDBInstancesMessage, { region }): DBInstanceMessage => {
      const { state } = world.context();
      let instances = state.instances.filter((i) => i.region === region);
      if (input.DBInstanceIdentifier) instances = [getInstance(state, region, input.DBInstanceIdentifier)];
      instances = applyFilters(
        instances,
        input.Filters,
        {
          'db-cluster-id': (i) => (i.clusterId ? [i.clusterId, arns.cluster(state, region, i.clusterId)] : []),
          'db-instance-id': (i) => [i.id],
          'dbi-resource-id': (i) => [i.resourceId],
          engine: (i) => [i.engine],
          domain: () => [],
        },
        ['db-cluster-id', 'db-instance-id'],
      );
      const page = paginate(instances, (i) => i.id, input.Marker, input.MaxRecords);
      return { Marker: page.marker, DBInstances: page.items.map((i) => instanceView(state, i)) };
    }),

    // Global databases are account-wide: every region sees all of them.
    DescribeGlobalClusters: handler((input: DescribeGlobalClustersMessage): GlobalClustersMessage => {
      const { state } = world.context();
      let globals = state.globalClusters;
      if (input.GlobalClusterIdentifier) globals = [getGlobalCluster(state, input.GlobalClusterIdentifier)];
      globals = applyFilters(globals, input.Filters, {
        region: (g) => g.members.map((m) => m.region),
        'global-cluster-id': (g) => [g.id],
      });
      const page = paginate(globals, (g) => g.id, input.Marker, input.MaxRecords);
      return { Marker: page.marker, GlobalClusters: page.items.map((g) => globalClusterView(state, g)) };
    }),

    DescribeBlueGreenDeployments: handler(
      (input: DescribeBlueGreenDeploymentsRequest, { region }): DescribeBlueGreenDeploymentsResponse => {
        const { state, now } = world.context();
        let deployments = state.blueGreenDeployments.filter((d) => d.region === region);
        if (input.BlueGreenDeploymentIdentifier) {
          const found = getBlueGreen(state, input.BlueGreenDeploymentIdentifier);
          if (found.region !== region) throw rdsErrors.blueGreenNotFound(input.BlueGreenDeploymentIdentifier);
          deployments = [found];
        }
        deployments = applyFilters(deployments, input.Filters, {
          'blue-green-deployment-identifier': (d) => [d.id],
          'blue-green-deployment-name': (d) => [d.name],
          source: (d) => [arns.cluster(state, region, d.sourceClusterId)],
          target: (d) => [arns.cluster(state, region, d.targetClusterId)],
        });
        const page = paginate(deployments, (d) => d.id, input.Marker, input.MaxRecords);
        return { Marker: page.marker, BlueGreenDeployments: page.items.map((d) => blueGreenView(state, d, now)) };
      },
    ),
  };
}

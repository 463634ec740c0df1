/**
 * The RDS reads of the live views, topology, fleet, cost and reconciliation, typed by the SDK: one
 * resource by id (a ResourceNotFoundError when AWS has none), or every item across the pages.
 */
import {
  BlueGreenDeploymentNotFoundFault,
  DBClusterNotFoundFault,
  DBInstanceNotFoundFault,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeGlobalClustersCommand,
  GlobalClusterNotFoundFault,
  RDSClient,
  paginateDescribeBlueGreenDeployments,
  paginateDescribeDBClusterParameterGroups,
  paginateDescribeDBClusterParameters,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeEvents,
  paginateDescribeGlobalClusters,
  type BlueGreenDeployment,
  type DBCluster,
  type DBInstance,
  type DescribeBlueGreenDeploymentsCommandInput,
  type DescribeDBClusterParametersCommandInput,
  type DescribeDBClustersCommandInput,
  type DescribeDBInstancesCommandInput,
  type DescribeEventsCommandInput,
  type GlobalCluster,
} from '@aws-sdk/client-rds';
import { allItems } from '../aws/all-items';
import { AwsCallError, type AwsReads } from '../aws/gateway';
import { ResourceNotFoundError, type ResourceKind } from './resource-not-found';

/** The SDK's fault for each kind: what AWS answers when there is no such resource. */
const NOT_FOUND_FAULTS: Record<ResourceKind, abstract new (...args: never[]) => Error> = {
  cluster: DBClusterNotFoundFault,
  instance: DBInstanceNotFoundFault,
  'global-cluster': GlobalClusterNotFoundFault,
  'blue-green': BlueGreenDeploymentNotFoundFault,
};

/** The one resource `read` returns; a ResourceNotFoundError when AWS answers with the kind's not-found fault or with none. */
async function one<T>(kind: ResourceKind, id: string, region: string, read: () => Promise<T[] | undefined>): Promise<T> {
  let found: T | undefined;
  try {
    [found] = (await read()) ?? [];
  } catch (error) {
    if (error instanceof AwsCallError && error.cause instanceof NOT_FOUND_FAULTS[kind]) {
      throw new ResourceNotFoundError(kind, id, region, { cause: error });
    }
    throw error;
  }
  if (!found) throw new ResourceNotFoundError(kind, id, region);
  return found;
}

const rds = (aws: AwsReads, region?: string) => aws.readClient(RDSClient, region);

export function describeCluster(aws: AwsReads, id: string, region: string = aws.region): Promise<DBCluster> {
  return one(
    'cluster',
    id,
    region,
    async () => (await rds(aws, region).send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters,
  );
}

export function describeInstance(aws: AwsReads, id: string, region: string = aws.region): Promise<DBInstance> {
  return one(
    'instance',
    id,
    region,
    async () => (await rds(aws, region).send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances,
  );
}

export function describeGlobalCluster(aws: AwsReads, id: string, region: string = aws.region): Promise<GlobalCluster> {
  return one(
    'global-cluster',
    id,
    region,
    async () => (await rds(aws, region).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: id }))).GlobalClusters,
  );
}

/** A deployment by id (`bgd-…`) or by name. */
export function describeBlueGreenDeployment(aws: AwsReads, idOrName: string, region: string = aws.region): Promise<BlueGreenDeployment> {
  const input: DescribeBlueGreenDeploymentsCommandInput = idOrName.startsWith('bgd-')
    ? { BlueGreenDeploymentIdentifier: idOrName }
    : { Filters: [{ Name: 'blue-green-deployment-name', Values: [idOrName] }] };
  return one(
    'blue-green',
    idOrName,
    region,
    async () => (await rds(aws, region).send(new DescribeBlueGreenDeploymentsCommand(input))).BlueGreenDeployments,
  );
}

export function listClusters(aws: AwsReads, region?: string, input: DescribeDBClustersCommandInput = {}): Promise<DBCluster[]> {
  return allItems(paginateDescribeDBClusters({ client: rds(aws, region) }, input), (page) => page.DBClusters);
}

export function listInstances(aws: AwsReads, region?: string, input: DescribeDBInstancesCommandInput = {}): Promise<DBInstance[]> {
  return allItems(paginateDescribeDBInstances({ client: rds(aws, region) }, input), (page) => page.DBInstances);
}

export function listBlueGreenDeployments(
  aws: AwsReads,
  region?: string,
  input: DescribeBlueGreenDeploymentsCommandInput = {},
): Promise<BlueGreenDeployment[]> {
  return allItems(paginateDescribeBlueGreenDeployments({ client: rds(aws, region) }, input), (page) => page.BlueGreenDeployments);
}

/** Every global database the account has (DescribeGlobalClusters is account-wide: any region lists them all). */
export function listGlobalClusters(aws: AwsReads, region?: string): Promise<GlobalCluster[]> {
  return allItems(paginateDescribeGlobalClusters({ client: rds(aws, region) }, {}), (page) => page.GlobalClusters);
}

export function listEvents(aws: AwsReads, region: string | undefined, input: DescribeEventsCommandInput) {
  return allItems(paginateDescribeEvents({ client: rds(aws, region) }, input), (page) => page.Events);
}

export function listClusterParameters(aws: AwsReads, region: string | undefined, input: DescribeDBClusterParametersCommandInput) {
  return allItems(paginateDescribeDBClusterParameters({ client: rds(aws, region) }, input), (page) => page.Parameters);
}

/** Every DB cluster parameter group of the region, with its family (DescribeDBClusterParameterGroups). */
export function listClusterParameterGroups(aws: AwsReads, region?: string) {
  return allItems(paginateDescribeDBClusterParameterGroups({ client: rds(aws, region) }, {}), (page) => page.DBClusterParameterGroups);
}

import { AwsError } from '../protocol/aws-error';

/** The RDS faults the model raises, named by their shapes in the RDS service model. */
export const rdsErrors = {
  clusterNotFound: (id: string) => new AwsError('DBClusterNotFoundFault', `DBCluster ${id} not found.`),
  instanceNotFound: (id: string) => new AwsError('DBInstanceNotFoundFault', `DBInstance ${id} not found.`),
  globalClusterNotFound: (id: string) => new AwsError('GlobalClusterNotFoundFault', `Global cluster ${id} not found.`),
  blueGreenNotFound: (id: string) =>
    new AwsError(
      'BlueGreenDeploymentNotFoundFault',
      `BlueGreenDeploymentIdentifier ${id} doesn't refer to an existing blue/green deployment.`,
    ),
  parameterGroupNotFound: (name: string) => new AwsError('DBParameterGroupNotFoundFault', `DBClusterParameterGroup not found: ${name}`),
  clusterParameterGroupNotFound: (name: string) =>
    new AwsError('DBClusterParameterGroupNotFoundFault', `DBClusterParameterGroup not found: ${name}`),
  invalidClusterState: (message: string) => new AwsError('InvalidDBClusterStateFault', message),
  invalidDBClusterStateForTarget: (id: string, status: string) =>
    new AwsError('InvalidDBClusterStateFault', `DB cluster ${id} is not in the available state (it is ${status}).`),
  invalidInstanceState: (message: string) => new AwsError('InvalidDBInstanceStateFault', message),
  invalidGlobalClusterState: (message: string) => new AwsError('InvalidGlobalClusterStateFault', message),
  invalidBlueGreenState: (message: string) => new AwsError('InvalidBlueGreenDeploymentStateFault', message),
  clusterAlreadyExists: (id: string) => new AwsError('DBClusterAlreadyExistsFault', `DB cluster already exists: ${id}`),
  instanceAlreadyExists: (id: string) => new AwsError('DBInstanceAlreadyExistsFault', `DB instance already exists: ${id}`),
  blueGreenAlreadyExists: (name: string) =>
    new AwsError('BlueGreenDeploymentAlreadyExistsFault', `A blue/green deployment with the name ${name} already exists.`),
  insufficientCapacity: (message: string) => new AwsError('InsufficientDBInstanceCapacityFault', message),
  sourceNotFound: (arn: string) => new AwsError('SourceClusterNotFoundFault', `The source cluster ${arn} could not be found.`),
};

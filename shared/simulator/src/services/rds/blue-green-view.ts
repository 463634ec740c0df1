import type { BlueGreenDeployment as BlueGreenShape, BlueGreenDeploymentTask } from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { findCluster, findInstance } from '../../model/lookup';
import type { BlueGreenDeployment, SimState } from '../../model/types';

/** Provisioning tasks in order, with the share of provisioning time after which each is done. */
const TASKS: { name: string; doneAt: number; upgradeOnly?: boolean }[] = [
  { name: 'CREATING_READ_REPLICA_OF_SOURCE', doneAt: 0.6 },
  { name: 'DB_ENGINE_VERSION_UPGRADE', doneAt: 0.85, upgradeOnly: true },
  { name: 'CONFIGURE_BACKUPS', doneAt: 0.95 },
  { name: 'CREATING_TOPOLOGY_OF_SOURCE', doneAt: 1 },
];

/** A blue/green deployment as DescribeBlueGreenDeployments returns it; task progress follows the clock. */
export function blueGreenView(state: SimState, deployment: BlueGreenDeployment, now: number): BlueGreenShape {
  const source = findCluster(state, deployment.region, deployment.sourceClusterId);
  const upgrade = source ? source.engineVersion !== deployment.targetEngineVersion : true;
  const span = Math.max(1, deployment.provisionedAt - deployment.createdAt);
  const progress = deployment.status === 'PROVISIONING' ? Math.min(0.999, (now - deployment.createdAt) / span) : 1;
  let previousDone = 0;
  const tasks: BlueGreenDeploymentTask[] = [];
  for (const task of TASKS.filter((t) => !t.upgradeOnly || upgrade)) {
    const status = progress >= task.doneAt ? 'COMPLETED' : progress >= previousDone ? 'IN_PROGRESS' : 'PENDING';
    tasks.push({ Name: task.name, Status: status });
    previousDone = task.doneAt;
  }
  return {
    BlueGreenDeploymentIdentifier: deployment.id,
    BlueGreenDeploymentName: deployment.name,
    Source: arns.cluster(state, deployment.region, deployment.sourceClusterId),
    Target: arns.cluster(state, deployment.region, deployment.targetClusterId),
    // Every member, in every region of a Global Database ("Using Blue/Green Deployments for Amazon
    // Aurora Global Database": green mirrors the primary and all secondary regions).
    SwitchoverDetails: deployment.members.map((pair) => {
      const region = pair.region ?? deployment.region;
      const arnOf = pair.kind === 'cluster' ? arns.cluster : arns.instance;
      const exists = pair.kind === 'cluster' ? findCluster(state, region, pair.target) : findInstance(state, region, pair.target);
      return {
        SourceMember: arnOf(state, region, pair.source),
        TargetMember: arnOf(state, region, pair.target),
        Status: exists ? memberStatus(deployment.status) : 'MISSING_TARGET',
      };
    }),
    Tasks: tasks,
    Status: deployment.status,
    StatusDetails: deployment.statusDetails,
    CreateTime: new Date(deployment.createdAt),
    TagList: deployment.tags,
  };
}

function memberStatus(status: BlueGreenDeployment['status']): string {
  switch (status) {
    case 'PROVISIONING':
    case 'SWITCHOVER_IN_PROGRESS':
    case 'SWITCHOVER_COMPLETED':
      return status;
    case 'SWITCHOVER_FAILED':
    case 'AVAILABLE':
    case 'DELETING':
    case 'INVALID_CONFIGURATION':
      return 'AVAILABLE';
  }
}

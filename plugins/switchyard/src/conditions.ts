import type { Entity } from '@backstage/catalog-model';

/** awslabs convention: the Aurora/RDS cluster an entity stands for. */
export const RDS_CLUSTER_ARN_ANNOTATION = 'aws.amazon.com/rds-cluster-arn';
/** Optional: the Global Database the cluster belongs to. */
export const RDS_GLOBAL_CLUSTER_ANNOTATION = 'aws.amazon.com/rds-global-cluster-id';

/** True for a `Resource` of `spec.type: database` that names its RDS cluster: show the Database tab. */
export function isSwitchyardAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'database' &&
    Boolean(entity.metadata.annotations?.[RDS_CLUSTER_ARN_ANNOTATION])
  );
}

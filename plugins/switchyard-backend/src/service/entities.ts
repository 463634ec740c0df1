/**
 * Database entities: catalog `kind: Resource, spec.type: database` entities linked to an Aurora
 * cluster by the `aws.amazon.com/rds-cluster-arn` annotation (awslabs convention).
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { parseRdsArn } from '@switchyard/core';

export const CLUSTER_ARN_ANNOTATION = 'aws.amazon.com/rds-cluster-arn';
export const GLOBAL_CLUSTER_ANNOTATION = 'aws.amazon.com/rds-global-cluster-id';

export interface DatabaseEntity {
  ref: string;
  title: string;
  /** Full entity ref of the owner (`group:default/payments`), or null. */
  owner: string | null;
  arn: string;
  account: string;
  region: string;
  clusterId: string;
}

/** The entity and its cluster; 404 when the entity is not in the catalog, 400 when it has no usable ARN. */
export async function loadDatabaseEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<DatabaseEntity> {
  let ref: string;
  try {
    ref = stringifyEntityRef(parseEntityRef(entityRef, { defaultKind: 'resource', defaultNamespace: 'default' }));
  } catch (error) {
    throw new InputError(`entityRef "${entityRef}" is not an entity reference like resource:default/prod-app`, error as Error);
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) throw new NotFoundError(`no entity ${ref} in the catalog (or you may not see it)`);
  const database = toDatabaseEntity(entity);
  if (!database) {
    throw new InputError(
      `${ref} is not linked to an Aurora cluster: it needs the annotation ${CLUSTER_ARN_ANNOTATION}: arn:aws:rds:<region>:<account>:cluster:<id>`,
    );
  }
  return database;
}

/** Every database entity the caller may see that carries a cluster ARN. */
export async function listDatabaseEntities(catalog: CatalogService, credentials: BackstageCredentials): Promise<DatabaseEntity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'Resource', 'spec.type': 'database' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.annotations', 'spec.owner'],
    },
    { credentials },
  );
  return items.flatMap((e) => {
    const database = toDatabaseEntity(e);
    return database ? [database] : [];
  });
}

export function toDatabaseEntity(entity: Entity): DatabaseEntity | undefined {
  const arn = entity.metadata.annotations?.[CLUSTER_ARN_ANNOTATION];
  const parsed = arn ? parseRdsArn(arn) : null;
  if (!arn || !parsed || parsed.resourceType !== 'cluster') return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  return {
    ref: stringifyEntityRef({ kind: entity.kind, namespace, name: entity.metadata.name }),
    title: entity.metadata.title ?? entity.metadata.name,
    owner: owner ? stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace })) : null,
    arn,
    account: parsed.account,
    region: parsed.region,
    clusterId: parsed.id,
  };
}

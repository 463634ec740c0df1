/**
 * Switchyard's permissions, checked by the backend on every mutating request against the catalog
 * entity (the database) the run is about. Policies see them as resource permissions of type
 * `catalog-entity`, so the catalog's conditions (e.g. `isEntityOwner`) apply to them.
 */
import { createPermission, type ResourcePermission } from '@backstage/plugin-permission-common';
import type { RunAction } from '@switchyard/core';

/** The catalog's resource type; Switchyard's permissions are decided per database entity. */
export const SWITCHYARD_RESOURCE_TYPE = 'catalog-entity';

/** Start a runbook on the entity's database (including dry runs). */
export const switchyardRunCreatePermission: ResourcePermission<'catalog-entity'> = createPermission({
  name: 'switchyard.run.create',
  attributes: { action: 'create' },
  resourceType: SWITCHYARD_RESOURCE_TYPE,
});

/** Approve or reject a step that waits for an approval. */
export const switchyardRunApprovePermission: ResourcePermission<'catalog-entity'> = createPermission({
  name: 'switchyard.run.approve',
  attributes: { action: 'update' },
  resourceType: SWITCHYARD_RESOURCE_TYPE,
});

/** Retry, skip, abort or roll back a run. */
export const switchyardRunControlPermission: ResourcePermission<'catalog-entity'> = createPermission({
  name: 'switchyard.run.control',
  attributes: { action: 'update' },
  resourceType: SWITCHYARD_RESOURCE_TYPE,
});

export const switchyardPermissions = [switchyardRunCreatePermission, switchyardRunApprovePermission, switchyardRunControlPermission];

/** The permission each run action needs: approve/reject are approvals, the rest control the run. */
export function permissionForAction(action: RunAction): ResourcePermission<'catalog-entity'> {
  return action === 'approve' || action === 'reject' ? switchyardRunApprovePermission : switchyardRunControlPermission;
}

/**
 * The permission a rollout control needs on each of the entities it touches: approving a wave is an
 * approval; pause, resume, abort, retry and skip control the clusters' runs.
 */
export function permissionForRolloutAction(
  action: 'pause' | 'resume' | 'abort' | 'retry' | 'skip' | 'approve',
): ResourcePermission<'catalog-entity'> {
  return action === 'approve' ? switchyardRunApprovePermission : switchyardRunControlPermission;
}

import type {
  AddTagsToResourceMessage,
  ListTagsForResourceMessage,
  RemoveTagsFromResourceMessage,
  TagListMessage,
} from '@aws-sdk/client-rds';
import { parseRdsArn } from '../../model/arn';
import { rdsErrors } from '../../model/errors';
import { findCluster, findClusterParameterGroup, findInstance } from '../../model/lookup';
import type { SimState, Tag } from '../../model/types';
import { AwsError, commonErrors } from '../../protocol/aws-error';

const NOT_FOUND_BY_KIND: Record<string, string> = {
  og: 'OptionGroupNotFoundFault',
  pg: 'DBParameterGroupNotFoundFault',
  snapshot: 'DBSnapshotNotFoundFault',
  'cluster-snapshot': 'DBClusterSnapshotNotFoundFault',
  subgrp: 'DBSubnetGroupNotFoundFault',
  es: 'SubscriptionNotFoundFault',
  ri: 'ReservedDBInstanceNotFoundFault',
  'db-proxy': 'DBProxyNotFoundFault',
  'cluster-endpoint': 'DBClusterEndpointNotFoundFault',
  secgrp: 'DBSecurityGroupNotFoundFault',
};
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';

/** The tag list of the resource an ARN names (in the request's region), or the kind's NotFound fault. */
export function taggable(state: SimState, region: string, arn: string): { tags: Tag[] } {
  const parsed = parseRdsArn(arn);
  if (!parsed)
    throw commonErrors.invalidParameterValue(`The specified resource name does not match an RDS resource in this region: ${arn}`);
  const id = parsed.id.toLowerCase();
  // An ARN names its account: another account's namesake is not the caller's resource (it is not
  // found among the caller's, whatever its name), so it is never tagged in its stead.
  const mine = parsed.account === state.accountId;
  const here = mine && parsed.region === region;
  switch (parsed.kind) {
    case 'cluster': {
      const found = here ? findCluster(state, region, id) : undefined;
      if (!found) throw rdsErrors.clusterNotFound(parsed.id);
      return found;
    }
    case 'db': {
      const found = here ? findInstance(state, region, id) : undefined;
      if (!found) throw rdsErrors.instanceNotFound(parsed.id);
      return found;
    }
    case 'global-cluster': {
      const found = mine ? state.globalClusters.find((g) => g.id === id) : undefined;
      if (!found) throw rdsErrors.globalClusterNotFound(parsed.id);
      return found;
    }
    case 'deployment': {
      const found = here ? state.blueGreenDeployments.find((d) => d.id === id && d.region === region) : undefined;
      if (!found) throw rdsErrors.blueGreenNotFound(parsed.id);
      return found;
    }
    case 'cluster-pg': {
      const found = here ? findClusterParameterGroup(state, region, id) : undefined;
      if (!found) throw rdsErrors.parameterGroupNotFound(parsed.id);
      return found;
    }
    default: {
      // The simulator holds no resources of other kinds, so they are not found, as AWS would say.
      const shape = NOT_FOUND_BY_KIND[parsed.kind];
      if (!shape)
        throw commonErrors.invalidParameterValue(`The specified resource name does not match an RDS resource in this region: ${arn}`);
      throw new AwsError(shape, `${parsed.kind} ${parsed.id} not found.`);
    }
  }
}

/** RDS tag keys and values: Unicode letters, digits, white space and `_ . : / = + - @` (the Tag shape's documented pattern). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Refuses tags RDS refuses, before any is applied (API reference, Tag: a key is 1–128 characters,
 * a value 0–256, neither prefixed with `aws:` or `rds:`, both in the pattern above). The messages are
 * AWS's own where they are on record (InvalidParameterValue, "Tag keys cannot start with the reserved
 * prefix "aws:"." and "Tag values may only contain unicode letters, …").
 */
export function checkTags(tags: Array<{ Key?: string; Value?: string }>): void {
  for (const { Key: key = '', Value: value = '' } of tags) {
    const reserved = /^(aws|rds):/i.exec(key)?.[1];
    if (reserved) throw commonErrors.invalidParameterValue(`Tag keys cannot start with the reserved prefix "${reserved.toLowerCase()}:".`);
    if (key.length < 1 || key.length > 128)
      throw commonErrors.invalidParameterValue(`Tag keys must be 1 to 128 characters long: "${key}".`);
    if (!TAG_TEXT.test(key))
      throw commonErrors.invalidParameterValue(
        'Tag keys may only contain unicode letters, digits, whitespace, or one of these symbols: _ . : / = + - @',
      );
    if (value.length > 256) throw commonErrors.invalidParameterValue(`Tag values must be at most 256 characters long (key "${key}").`);
    if (/^(aws|rds):/i.test(value))
      throw commonErrors.invalidParameterValue(`Tag values cannot start with the reserved prefix "${value.slice(0, 4).toLowerCase()}".`);
    if (!TAG_TEXT.test(value))
      throw commonErrors.invalidParameterValue(
        'Tag values may only contain unicode letters, digits, whitespace, or one of these symbols: _ . : / = + \\ - @',
      );
  }
}

/** Adds or overwrites tags (a key already there takes the new value), as AddTagsToResource and TagResources do; refused whole by `checkTags`. */
export function applyTags(resource: { tags: Tag[] }, tags: Array<{ Key?: string; Value?: string }>): void {
  checkTags(tags);
  for (const tag of tags) {
    const key = tag.Key ?? '';
    const existing = resource.tags.find((t) => t.Key === key);
    if (existing) existing.Value = tag.Value ?? '';
    else resource.tags.push({ Key: key, Value: tag.Value ?? '' });
  }
}

/** Removes tags by key; a key that is not there is no error (RemoveTagsFromResource, UntagResources). */
export function removeTags(resource: { tags: Tag[] }, keys: string[]): void {
  const remove = new Set(keys);
  resource.tags.splice(0, resource.tags.length, ...resource.tags.filter((t) => !remove.has(t.Key)));
}

/** Resource tags (clusters, instances, global clusters, blue/green deployments, parameter groups). */
export function tagOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    AddTagsToResource: handler((input: AddTagsToResourceMessage, { region }): Record<string, never> => {
      const { state } = world.context();
      applyTags(taggable(state, region, input.ResourceName!), input.Tags ?? []);
      return {};
    }),

    RemoveTagsFromResource: handler((input: RemoveTagsFromResourceMessage, { region }): Record<string, never> => {
      const { state } = world.context();
      removeTags(taggable(state, region, input.ResourceName!), input.TagKeys ?? []);
      return {};
    }),

    ListTagsForResource: handler((input: ListTagsForResourceMessage, { region }): TagListMessage => {
      const { state } = world.context();
      return { TagList: taggable(state, region, input.ResourceName!).tags.map((t) => ({ ...t })) };
    }),
  };
}

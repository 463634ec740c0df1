import { commonErrors } from '../protocol/aws-error';
import type { ModelContext } from './context';
import { ENGINE_VERSIONS } from './engine-catalog';
import { AwsError } from '../protocol/aws-error';
import { findClusterParameterGroup, instancesOf } from './lookup';
import { parametersOfFamily, type ParameterDefinition } from './parameter-catalog';
import type { ClusterParameterGroup, Tag } from './types';

/** ModifyDBClusterParameterGroup takes at most 20 parameters per call (API reference, Parameters). */
export const MAX_PARAMETERS_PER_MODIFY = 20;

const GROUP_NAME = /^[a-z](?:[a-z0-9]|-(?!-))*$/;

export interface NewClusterParameterGroup {
  region: string;
  name: string;
  family: string;
  description: string;
  tags?: Tag[];
}

export interface ParameterChange {
  name: string;
  value?: string;
  applyMethod?: string;
}

/**
 * CreateDBClusterParameterGroup: a group of a family the engine table knows, named as RDS requires
 * (1–255 letters, digits, hyphens; a letter first; no trailing or double hyphen), unique in the
 * region (`DBParameterGroupAlreadyExists`, botocore model). It starts with the family's defaults.
 */
export function createClusterParameterGroup(ctx: ModelContext, request: NewClusterParameterGroup): ClusterParameterGroup {
  const name = request.name.toLowerCase();
  if (name.length > 255 || !GROUP_NAME.test(name) || name.endsWith('-')) {
    throw commonErrors.invalidParameterValue(
      `The parameter DBClusterParameterGroupName is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  if (!ENGINE_VERSIONS.some((v) => v.family === request.family)) {
    throw commonErrors.invalidParameterValue(`ParameterGroupFamily ${request.family} is not a valid parameter group family.`);
  }
  if (!request.description) throw commonErrors.missingParameter('Description');
  if (findClusterParameterGroup(ctx.state, request.region, name)) {
    throw new AwsError('DBParameterGroupAlreadyExistsFault', `Parameter group ${name} already exists`);
  }
  const group: ClusterParameterGroup = {
    region: request.region,
    name,
    family: request.family,
    description: request.description,
    overrides: {},
    tags: request.tags ?? [],
  };
  ctx.state.clusterParameterGroups.push(group);
  return group;
}

/** The engine's default group of a family (`default.aurora-postgresql16`), created on first use as RDS does. */
export function defaultClusterParameterGroup(ctx: ModelContext, region: string, family: string): string {
  const name = `default.${family}`;
  if (!findClusterParameterGroup(ctx.state, region, name)) {
    ctx.state.clusterParameterGroups.push({
      region,
      name,
      family,
      description: `Default cluster parameter group for ${family}`,
      overrides: {},
      tags: [],
    });
  }
  return name;
}

/**
 * ModifyDBClusterParameterGroup. As RDS: default groups can't be modified; each parameter must exist
 * in the family, be modifiable and take an allowed value; a static parameter can only be applied
 * `pending-reboot` ("cannot use immediate apply method for static parameter"), a dynamic one either
 * way (RDS User Guide, USER_WorkingWithParamGroups: "When you change a dynamic parameter … applied
 * immediately … static parameter … after you reboot"). Members of clusters using the group show
 * `pending-reboot` until they reboot when a static parameter changed.
 */
export function modifyClusterParameterGroup(ctx: ModelContext, group: ClusterParameterGroup, changes: ParameterChange[]): void {
  if (changes.length === 0) throw commonErrors.missingParameter('Parameters');
  if (changes.length > MAX_PARAMETERS_PER_MODIFY) {
    throw commonErrors.invalidParameterValue(
      `You can modify up to ${MAX_PARAMETERS_PER_MODIFY} parameters in a single request; got ${changes.length}.`,
    );
  }
  if (group.name.startsWith('default.')) {
    throw commonErrors.invalidParameterValue(`The parameter group ${group.name} is a default parameter group and can't be modified.`);
  }
  const definitions = new Map(parametersOfFamily(group.family).map((d) => [d.name, d]));
  const checked = changes.map((change) => {
    const def = definitions.get(change.name);
    if (!def) throw commonErrors.invalidParameterValue(`Could not find parameter with name: ${change.name}`);
    if (!def.isModifiable) throw commonErrors.invalidParameterValue(`Parameter ${change.name} is not modifiable.`);
    if (change.value === undefined) throw commonErrors.invalidParameterValue(`A value is required for parameter ${change.name}.`);
    if (change.applyMethod !== 'immediate' && change.applyMethod !== 'pending-reboot') {
      throw commonErrors.invalidParameterValue(
        `Invalid ApplyMethod ${String(change.applyMethod)} for parameter ${change.name}. Valid values: immediate, pending-reboot.`,
      );
    }
    if (def.applyType === 'static' && change.applyMethod === 'immediate') {
      throw commonErrors.invalidParameterCombination('cannot use immediate apply method for static parameter');
    }
    if (!allowed(def, change.value)) {
      throw commonErrors.invalidParameterValue(
        `Invalid parameter value: ${change.value} for: ${change.name} allowed values are: ${def.allowedValues}`,
      );
    }
    return { def, value: change.value };
  });
  for (const { def, value } of checked) group.overrides[def.name] = value;
  if (checked.some((c) => c.def.applyType === 'static')) markPendingReboot(ctx, group);
}

/** Instances of the clusters using `group` need a reboot for it to take full effect. */
export function markPendingReboot(ctx: ModelContext, group: ClusterParameterGroup): void {
  for (const cluster of ctx.state.clusters.filter((c) => c.region === group.region && c.parameterGroup === group.name)) {
    for (const instance of instancesOf(ctx.state, cluster)) instance.parameterApplyStatus = 'pending-reboot';
  }
}

function allowed(def: ParameterDefinition, value: string): boolean {
  const spec = def.allowedValues;
  if (!spec) return true;
  if (def.dataType === 'integer') {
    const range = /^(-?\d+)-(-?\d+)$/.exec(spec);
    if (!/^-?\d+$/.test(value)) return false;
    return !range || (Number(value) >= Number(range[1]) && Number(value) <= Number(range[2]));
  }
  const options = spec.split(',');
  if (def.dataType === 'list') return value.split(',').every((v) => options.includes(v.trim()));
  return options.includes(value);
}

import type {
  CreateDBClusterParameterGroupMessage,
  CreateDBClusterParameterGroupResult,
  DBClusterParameterGroupNameMessage,
  ModifyDBClusterParameterGroupMessage,
  DBClusterParameterGroupDetails,
  DBClusterParameterGroupsMessage,
  DescribeDBClusterParameterGroupsMessage,
  DescribeDBClusterParametersMessage,
  Parameter,
} from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { getClusterParameterGroup } from '../../model/lookup';
import { parametersOfFamily } from '../../model/parameter-catalog';
import { createClusterParameterGroup, modifyClusterParameterGroup } from '../../model/parameter-groups';
import type { ClusterParameterGroup } from '../../model/types';
import { commonErrors } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { applyFilters } from './filters';
import { paginate } from './paging';

/** The effective parameters of a group: the family's definitions with the group's user values. */
export function effectiveParameters(group: ClusterParameterGroup): Parameter[] {
  return parametersOfFamily(group.family).map((def) => {
    const user = group.overrides[def.name];
    return {
      ParameterName: def.name,
      ParameterValue: user ?? def.defaultValue,
      Description: def.description,
      Source: user !== undefined ? 'user' : def.source,
      ApplyType: def.applyType,
      DataType: def.dataType,
      AllowedValues: def.allowedValues,
      IsModifiable: def.isModifiable,
      ApplyMethod: def.applyType === 'static' ? 'pending-reboot' : 'immediate',
      SupportedEngineModes: ['provisioned'],
    };
  });
}

/** Cluster parameter groups and their parameters (what a drift check between blue and green reads). */
export function parameterOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    CreateDBClusterParameterGroup: handler(
      (input: CreateDBClusterParameterGroupMessage, { region }): CreateDBClusterParameterGroupResult => {
        const ctx = world.context();
        const group = createClusterParameterGroup(ctx, {
          region,
          name: input.DBClusterParameterGroupName!,
          family: input.DBParameterGroupFamily!,
          description: input.Description!,
          tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
        });
        return {
          DBClusterParameterGroup: {
            DBClusterParameterGroupName: group.name,
            DBParameterGroupFamily: group.family,
            Description: group.description,
            DBClusterParameterGroupArn: arns.clusterParameterGroup(ctx.state, region, group.name),
          },
        };
      },
    ),

    ModifyDBClusterParameterGroup: handler(
      (input: ModifyDBClusterParameterGroupMessage, { region }): DBClusterParameterGroupNameMessage => {
        const ctx = world.context();
        const group = getClusterParameterGroup(ctx.state, region, input.DBClusterParameterGroupName!);
        modifyClusterParameterGroup(
          ctx,
          group,
          (input.Parameters ?? []).map((p) => ({ name: p.ParameterName ?? '', value: p.ParameterValue, applyMethod: p.ApplyMethod })),
        );
        return { DBClusterParameterGroupName: group.name };
      },
    ),

    DescribeDBClusterParameters: handler((input: DescribeDBClusterParametersMessage, { region }): DBClusterParameterGroupDetails => {
      const { state } = world.context();
      const group = getClusterParameterGroup(state, region, input.DBClusterParameterGroupName!);
      if (input.Source && !['engine-default', 'system', 'user'].includes(input.Source)) {
        throw commonErrors.invalidParameterValue(`Invalid value ${input.Source} for Source. Valid values: engine-default, system, user.`);
      }
      let parameters = effectiveParameters(group).filter((p) => !input.Source || p.Source === input.Source);
      parameters = applyFilters(parameters, input.Filters, { 'parameter-name': (p) => [p.ParameterName ?? ''] });
      const page = paginate(parameters, (p) => p.ParameterName ?? '', input.Marker, input.MaxRecords);
      return { Parameters: page.items, Marker: page.marker };
    }),

    DescribeDBClusterParameterGroups: handler(
      (input: DescribeDBClusterParameterGroupsMessage, { region }): DBClusterParameterGroupsMessage => {
        const { state } = world.context();
        const groups = input.DBClusterParameterGroupName
          ? [getClusterParameterGroup(state, region, input.DBClusterParameterGroupName)]
          : state.clusterParameterGroups.filter((g) => g.region === region);
        const page = paginate(groups, (g) => g.name, input.Marker, input.MaxRecords);
        return {
          Marker: page.marker,
          DBClusterParameterGroups: page.items.map((g) => ({
            DBClusterParameterGroupName: g.name,
            DBParameterGroupFamily: g.family,
            Description: g.description,
            DBClusterParameterGroupArn: arns.clusterParameterGroup(state, region, g.name),
          })),
        };
      },
    ),
  };
}

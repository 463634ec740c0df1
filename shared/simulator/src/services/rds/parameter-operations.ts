import type {
  DBClusterParameterGroupDetails,
  DBClusterParameterGroupsMessage,
  DescribeDBClusterParameterGroupsMessage,
  DescribeDBClusterParametersMessage,
  Parameter,
} from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { getClusterParameterGroup } from '../../model/lookup';
import { parametersOfFamily } from '../../model/parameter-catalog';
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

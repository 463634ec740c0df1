import type {
  DeleteGlobalClusterMessage,
  DeleteGlobalClusterResult,
  FailoverGlobalClusterMessage,
  FailoverGlobalClusterResult,
  RemoveFromGlobalClusterMessage,
  RemoveFromGlobalClusterResult,
  SwitchoverGlobalClusterMessage,
  SwitchoverGlobalClusterResult,
} from '@aws-sdk/client-rds';
import { deleteGlobalCluster, requestGlobalTransition, requestRemoveFromGlobal } from '../../model/global-database';
import { getGlobalCluster } from '../../model/lookup';
import { commonErrors } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { globalClusterView } from './global-cluster-view';

/** Global Database: planned switchover, unplanned failover (AllowDataLoss), detaching a member, deleting an empty one. */
export function globalOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    SwitchoverGlobalCluster: handler((input: SwitchoverGlobalClusterMessage): SwitchoverGlobalClusterResult => {
      const ctx = world.context();
      const global = getGlobalCluster(ctx.state, input.GlobalClusterIdentifier!);
      requestGlobalTransition(ctx, global, input.TargetDbClusterIdentifier!, false);
      return { GlobalCluster: globalClusterView(ctx.state, global) };
    }),

    FailoverGlobalCluster: handler((input: FailoverGlobalClusterMessage): FailoverGlobalClusterResult => {
      const ctx = world.context();
      if (input.AllowDataLoss && input.Switchover) {
        throw commonErrors.invalidParameterCombination('Specify either AllowDataLoss or Switchover, not both.');
      }
      const global = getGlobalCluster(ctx.state, input.GlobalClusterIdentifier!);
      requestGlobalTransition(ctx, global, input.TargetDbClusterIdentifier!, input.AllowDataLoss === true);
      return { GlobalCluster: globalClusterView(ctx.state, global) };
    }),

    RemoveFromGlobalCluster: handler((input: RemoveFromGlobalClusterMessage): RemoveFromGlobalClusterResult => {
      const ctx = world.context();
      const global = getGlobalCluster(ctx.state, input.GlobalClusterIdentifier!);
      requestRemoveFromGlobal(ctx, global, input.DbClusterIdentifier!);
      return { GlobalCluster: globalClusterView(ctx.state, global) };
    }),

    DeleteGlobalCluster: handler((input: DeleteGlobalClusterMessage): DeleteGlobalClusterResult => {
      const ctx = world.context();
      const global = getGlobalCluster(ctx.state, input.GlobalClusterIdentifier!);
      deleteGlobalCluster(ctx, global);
      return { GlobalCluster: globalClusterView(ctx.state, global) };
    }),
  };
}

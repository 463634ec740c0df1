import type {
  CreateBlueGreenDeploymentRequest,
  CreateBlueGreenDeploymentResponse,
  DeleteBlueGreenDeploymentRequest,
  DeleteBlueGreenDeploymentResponse,
  SwitchoverBlueGreenDeploymentRequest,
  SwitchoverBlueGreenDeploymentResponse,
} from '@aws-sdk/client-rds';
import { createBlueGreen, requestDeleteBlueGreen, requestSwitchover } from '../../model/blue-green';
import { rdsErrors } from '../../model/errors';
import { getBlueGreen } from '../../model/lookup';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { blueGreenView } from './blue-green-view';

/** Blue/Green deployments of Aurora clusters: create, switch over, delete. */
export function blueGreenOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  const inRegion = (id: string, region: string) => {
    const deployment = getBlueGreen(world.state, id);
    if (deployment.region !== region) throw rdsErrors.blueGreenNotFound(id);
    return deployment;
  };
  return {
    CreateBlueGreenDeployment: handler((input: CreateBlueGreenDeploymentRequest, { region }): CreateBlueGreenDeploymentResponse => {
      const ctx = world.context();
      const deployment = createBlueGreen(ctx, {
        region,
        name: input.BlueGreenDeploymentName!,
        sourceArn: input.Source!,
        targetEngineVersion: input.TargetEngineVersion,
        targetClusterParameterGroup: input.TargetDBClusterParameterGroupName,
        tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' })),
      });
      return { BlueGreenDeployment: blueGreenView(ctx.state, deployment, ctx.now) };
    }),

    SwitchoverBlueGreenDeployment: handler(
      (input: SwitchoverBlueGreenDeploymentRequest, { region }): SwitchoverBlueGreenDeploymentResponse => {
        const ctx = world.context();
        const deployment = inRegion(input.BlueGreenDeploymentIdentifier!, region);
        requestSwitchover(ctx, deployment, input.SwitchoverTimeout ?? 300);
        return { BlueGreenDeployment: blueGreenView(ctx.state, deployment, ctx.now) };
      },
    ),

    DeleteBlueGreenDeployment: handler((input: DeleteBlueGreenDeploymentRequest, { region }): DeleteBlueGreenDeploymentResponse => {
      const ctx = world.context();
      const deployment = inRegion(input.BlueGreenDeploymentIdentifier!, region);
      requestDeleteBlueGreen(ctx, deployment, input.DeleteTarget ?? false);
      return { BlueGreenDeployment: blueGreenView(ctx.state, deployment, ctx.now) };
    }),
  };
}

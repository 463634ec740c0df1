import { SdkAwsGateway } from '@switchyard/core';
import type { RunningSimulator } from '@switchyard/simulator';
import { ConfirmingAwsGateway } from '../aws/confirming-gateway';
import type { MutationRequest } from '../aws/mutation-request';
import type { Target } from '../targets/target';

/** A sandbox target to a test simulator through the real SDK, with a scripted confirmation. */
export function sandboxTarget(sim: RunningSimulator, confirm: (r: MutationRequest) => Promise<boolean>) {
  const sdk = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  const target: Target = {
    id: 'sandbox',
    kind: 'sandbox',
    label: 'Sandbox (demo fleet)',
    region: 'us-east-1',
    endpoint: sim.url,
    timeScale: sim.control.timeScale,
    gateway: new ConfirmingAwsGateway(sdk, { confirm, sandbox: true, operator: () => 'alice' }),
  };
  return { target, destroy: () => sdk.destroy() };
}

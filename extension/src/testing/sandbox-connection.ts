import { SdkAwsGateway } from '@switchyard/core';
import type { RunningSimulator } from '@switchyard/simulator';
import { ConfirmingAwsGateway } from '../aws/confirming-gateway';
import type { MutationRequest } from '../aws/mutation-request';
import type { Connection } from '../connections/connection';

/** A sandbox connection to a test simulator through the real SDK, with a scripted confirmation. */
export function sandboxConnection(sim: RunningSimulator, confirm: (r: MutationRequest) => Promise<boolean>) {
  const sdk = new SdkAwsGateway({ region: 'us-east-1', endpoint: sim.url });
  const connection: Connection = {
    id: 'sandbox',
    kind: 'sandbox',
    label: 'Sandbox (demo fleet)',
    region: 'us-east-1',
    endpoint: sim.url,
    timeScale: sim.control.timeScale,
    gateway: new ConfirmingAwsGateway(sdk, { confirm }),
  };
  return { connection, destroy: () => sdk.destroy() };
}

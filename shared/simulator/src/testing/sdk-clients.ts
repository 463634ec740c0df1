import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';
import type { RunningSimulator } from '../simulator';

// The SDK warns on every client under Node 20 (CI's version); the warning is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** The test credentials the simulator verifies signatures against. */
export const DUMMY_CREDENTIALS = SIMULATOR_CREDENTIALS;

type ClientConfig = { region?: string; maxAttempts?: number };

/** Real SDK v3 clients pointed at a running simulator. */
export function sdkClients(sim: RunningSimulator, config: ClientConfig = {}) {
  const common = {
    region: config.region ?? 'us-east-1',
    endpoint: sim.url,
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: config.maxAttempts ?? 1,
  };
  return {
    rds: new RDSClient(common),
    cloudwatch: new CloudWatchClient(common),
    ce: new CostExplorerClient(common),
    sts: new STSClient(common),
    tagging: new ResourceGroupsTaggingAPIClient(common),
  };
}

export type SdkClients = ReturnType<typeof sdkClients>;

export function destroyClients(clients: SdkClients): void {
  for (const client of Object.values(clients)) client.destroy();
}

/**
 * Retries an assertion until it passes or `timeoutMs` elapses (transitions finish on the simulator
 * clock). The deadline is generous: a loaded machine is slow. To assert a state that only lasts a
 * while, give the simulator a ManualClock instead (testing/manual-clock).
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** Runs `fn` and returns the error it throws (fails the test when it does not). */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

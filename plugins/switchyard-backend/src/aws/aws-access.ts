/**
 * Where the backend's AWS calls go: the simulator, or AWS with the credentials Backstage's
 * `aws.accounts` config gives for the account in the entity's ARN (@backstage/integration-aws-node).
 * One gateway per account and default region, reused.
 */
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { SdkAwsGateway, simulatorCredentials } from '@switchyard/core';
import type { SimulatorEndpoint } from './simulator-service';

export interface AwsAccess {
  /** Gateway whose default region is `region`, with the credentials of `account`. */
  gateway(account: string, region: string): Promise<SdkAwsGateway>;
  /** Engines divide waits by this (the simulator's time scale; 1 on AWS). */
  readonly timeScale: number;
  /** For logs and errors: `the AWS simulator at …` or `AWS`. */
  readonly description: string;
  destroy(): void;
}

abstract class CachedGateways implements AwsAccess {
  private readonly gateways = new Map<string, Promise<SdkAwsGateway>>();
  abstract readonly timeScale: number;
  abstract readonly description: string;
  protected abstract create(account: string, region: string): Promise<SdkAwsGateway>;

  gateway(account: string, region: string): Promise<SdkAwsGateway> {
    const key = `${account}:${region}`;
    let gateway = this.gateways.get(key);
    if (!gateway) {
      gateway = this.create(account, region);
      gateway.catch(() => this.gateways.delete(key)); // a failed lookup is tried again next time
      this.gateways.set(key, gateway);
    }
    return gateway;
  }

  destroy(): void {
    for (const gateway of this.gateways.values()) gateway.then((g) => g.destroy()).catch(() => undefined);
    this.gateways.clear();
  }
}

/** Every account is the simulator's. */
export class SimulatorAwsAccess extends CachedGateways {
  readonly timeScale: number;
  readonly description: string;

  constructor(private readonly simulator: SimulatorEndpoint) {
    super();
    this.timeScale = simulator.timeScale;
    this.description = `the AWS simulator at ${simulator.url}`;
  }

  protected async create(_account: string, region: string): Promise<SdkAwsGateway> {
    return new SdkAwsGateway({ region, endpoint: this.simulator.url, credentials: simulatorCredentials });
  }
}

/** Real AWS: credentials per account from `aws.accounts` (or the main account / default chain). */
export class CredentialsAwsAccess extends CachedGateways {
  readonly timeScale = 1;
  readonly description = 'AWS';
  private readonly credentials: DefaultAwsCredentialsManager;

  constructor(config: Config) {
    super();
    this.credentials = DefaultAwsCredentialsManager.fromConfig(config);
  }

  protected async create(account: string, region: string): Promise<SdkAwsGateway> {
    try {
      const { sdkCredentialProvider } = await this.credentials.getCredentialProvider({ accountId: account });
      return new SdkAwsGateway({ region, credentials: sdkCredentialProvider });
    } catch (error) {
      throw new Error(
        `no AWS credentials for account ${account}: add it under aws.accounts in app-config (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
}

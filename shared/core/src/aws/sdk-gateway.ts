import { NodeHttpHandler } from '@smithy/node-http-handler';
import { refuseChanges, throwAwsCallErrors, type StackedClient } from './client-middleware';
import {
  AwsCallError,
  type AwsCallOptions,
  type AwsGateway,
  type AwsServiceName,
  type ReadClient,
  type ReadClientClass,
  type ReadClientConfig,
} from './gateway';
import { loadServiceModule } from './service-modules';
import { SIMULATOR_CREDENTIALS } from './simulator-credentials';

export interface SdkAwsGatewayOptions {
  region: string;
  /** Custom endpoint, e.g. the simulator `http://127.0.0.1:4566`. Unset = real AWS. */
  endpoint?: string;
  /** Named profile from ~/.aws; unset = the default provider chain. */
  profile?: string;
  /** Credentials provider (e.g. from Backstage's aws.accounts); unset = profile or the default chain. */
  credentials?: AwsCredentialsProvider;
  /** Per-attempt timeout; a hung connection fails the attempt instead of the step hanging. */
  requestTimeoutMs?: number;
  /** Total attempts including retries (adaptive retry mode handles throttling). */
  maxAttempts?: number;
}

/** What the SDK accepts as `credentials`: a function resolving to keys (refreshed when they expire). */
export type AwsCredentialsProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

/** An SDK client as `call` uses it: any service's, chosen by name. */
interface SdkClient extends StackedClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
}

/** AwsGateway on the real AWS SDK v3 clients: adaptive retry, timeouts, custom endpoint. */
export class SdkAwsGateway implements AwsGateway {
  /** Clients of runbook `aws` lines, by service and region. */
  private readonly callClients = new Map<string, SdkClient>();
  /** Read-only clients, by class and region. */
  private readonly readClients = new Map<ReadClientClass<ReadClient>, Map<string, ReadClient>>();

  constructor(private readonly options: SdkAwsGatewayOptions) {}

  get region(): string {
    return this.options.region;
  }

  get target(): string {
    return this.options.endpoint ?? 'aws';
  }

  async call(
    service: AwsServiceName,
    operation: string,
    input: Record<string, unknown>,
    options: AwsCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const module = loadServiceModule(service);
    const Command = module[`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
    if (!Command) {
      const awsMessage = `${service} has no operation ${operation}; nothing was sent`;
      throw new AwsCallError({ service, operation, code: 'UnknownOperation', awsMessage, retryable: false, notApplied: true });
    }
    const region = options.region ?? this.options.region;
    const key = `${service}@${region}`;
    let client = this.callClients.get(key);
    if (!client) {
      client = this.create(module.client as new (config: ReadClientConfig) => SdkClient, region);
      this.callClients.set(key, client);
    }
    const { $metadata: _metadata, ...output } = await client.send(new Command(input), { abortSignal: options.signal });
    return output;
  }

  readClient<C extends ReadClient>(Client: ReadClientClass<C>, region: string = this.options.region): C {
    let byRegion = this.readClients.get(Client);
    if (!byRegion) this.readClients.set(Client, (byRegion = new Map()));
    let client = byRegion.get(region) as C | undefined;
    if (!client) {
      client = this.create(Client, region);
      refuseChanges(client);
      byRegion.set(region, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.callClients.values()) client.destroy();
    for (const byRegion of this.readClients.values()) for (const client of byRegion.values()) client.destroy();
    this.callClients.clear();
    this.readClients.clear();
  }

  /** A client with this gateway's endpoint, credentials, retries and timeouts; it fails with AwsCallErrors. */
  private create<C extends StackedClient>(Client: new (config: ReadClientConfig) => C, region: string): C {
    const { endpoint, profile, credentials } = this.options;
    const client = new Client({
      region,
      endpoint,
      profile,
      retryMode: 'adaptive',
      maxAttempts: this.options.maxAttempts ?? 5,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: 5_000,
        requestTimeout: this.options.requestTimeoutMs ?? 30_000,
        // Without this the handler only warns and the call can hang forever.
        throwOnRequestTimeout: true,
      }),
      // A custom endpoint without credentials of its own is the simulator, which verifies
      // signatures against its test credentials; real AWS uses the default provider chain.
      ...(credentials ? { credentials } : endpoint && !hasAwsCredentialsInEnv() && !profile ? { credentials: SIMULATOR_CREDENTIALS } : {}),
    });
    throwAwsCallErrors(client, this.target);
    return client;
  }
}

function hasAwsCredentialsInEnv(): boolean {
  return Boolean(process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE);
}

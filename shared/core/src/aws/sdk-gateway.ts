import { failedResourcesError } from './failed-resources';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { limitRate, refuseChanges, throwAwsCallErrors, type StackedClient } from './client-middleware';
import { TokenBucket } from './token-bucket';
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
  /**
   * Requests per second this gateway sends to each service in each region, shared by every run
   * using it (a host keeps one gateway per account and region): calls wait for their turn instead
   * of being throttled by AWS. Defaults: DEFAULT_RATE_LIMITS; `0` sends without a limit.
   */
  rateLimits?: Partial<Record<AwsServiceName, number>>;
  /** Runs' `observe:` reads batched and shared (live/observer.ts); default true. */
  shareObservations?: boolean;
}

/**
 * Client-side rates per service (requests per second) where AWS throttles per account and region:
 * RDS at the 20 req/s a fleet rollout meets (issue 15); CloudWatch at GetMetricData's default
 * quota of 50 transactions per second (Amazon CloudWatch User Guide, "CloudWatch service quotas").
 * Other services: no client-side limit (the SDK's adaptive retry still backs off on throttling).
 */
export const DEFAULT_RATE_LIMITS: Partial<Record<AwsServiceName, number>> = { rds: 20, cloudwatch: 50 };

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
  /** One token bucket per service and region, shared by the call and read clients. */
  private readonly buckets = new Map<string, TokenBucket>();
  readonly sharedObservations: boolean;

  constructor(private readonly options: SdkAwsGatewayOptions) {
    this.sharedObservations = options.shareObservations ?? true;
  }

  /** The rate limit of `service` in `region` (undefined: none), e.g. to show how long calls waited for their turn. */
  bucket(service: AwsServiceName, region: string = this.options.region): TokenBucket | undefined {
    const rate = this.options.rateLimits?.[service] ?? DEFAULT_RATE_LIMITS[service];
    if (rate === undefined || !(rate > 0)) return undefined;
    const key = `${service}@${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(rate)));
    return bucket;
  }

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
    const failed = failedResourcesError(service, operation, output);
    if (failed) throw failed;
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
    limitRate(client, (service) => this.bucket(service, region));
    return client;
  }
}

function hasAwsCredentialsInEnv(): boolean {
  return Boolean(process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE);
}

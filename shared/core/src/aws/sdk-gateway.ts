import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCallOptions, AwsGateway, AwsServiceName } from './gateway';
import { AwsCallError } from './gateway';
import { loadServiceModule } from './service-modules';

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

interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
}

/** AwsGateway on the real AWS SDK v3 clients: adaptive retry, timeouts, custom endpoint. */
export class SdkAwsGateway implements AwsGateway {
  private readonly clients = new Map<string, SdkClient>();

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
    if (!Command) throw new AwsCallError(service, operation, 'UnknownOperation', `no such ${service} operation`, false);
    const client = this.client(service, options.region ?? this.options.region);
    try {
      const output = await client.send(new Command(input), { abortSignal: options.signal });
      const { $metadata: _metadata, ...rest } = output;
      return rest;
    } catch (error) {
      throw toAwsCallError(service, operation, error);
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(service: AwsServiceName, region: string): SdkClient {
    const key = `${service}@${region}`;
    let client = this.clients.get(key);
    if (!client) {
      const module = loadServiceModule(service);
      const ClientClass = module.client as new (config: Record<string, unknown>) => SdkClient;
      const { endpoint, profile, credentials } = this.options;
      client = new ClientClass({
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
        // The simulator accepts any signature; real AWS uses the default provider chain.
        ...(credentials
          ? { credentials }
          : endpoint && !hasAwsCredentialsInEnv() && !profile
            ? { credentials: { accessKeyId: 'switchyard', secretAccessKey: 'switchyard' } }
            : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

function hasAwsCredentialsInEnv(): boolean {
  return Boolean(process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE);
}

function toAwsCallError(service: AwsServiceName, operation: string, error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = error as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  const code = e.Code ?? e.name ?? e.code ?? 'Unknown';
  const message = e.message ?? String(error);
  const status = e.$metadata?.httpStatusCode;
  const retryable = Boolean(e.$retryable) || code === 'Throttling' || code === 'ThrottlingException' || (status ?? 0) >= 500;
  return new AwsCallError(service, operation, code, message, retryable, status);
}

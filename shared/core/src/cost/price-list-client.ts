/**
 * The AWS Price List API (`@aws-sdk/client-pricing`, GetProducts) as the cost model uses it. The
 * service answers only in us-east-1, ap-south-1 and eu-central-1; Switchyard asks us-east-1 whatever
 * region the fleet is in (prices of every region are listed there).
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SIMULATOR_CREDENTIALS } from '../aws/simulator-credentials';

export const PRICING_REGION = 'us-east-1';

export interface PriceListFilter {
  Type: 'TERM_MATCH';
  Field: string;
  Value: string;
}

export interface GetProductsInput {
  ServiceCode: string;
  Filters: PriceListFilter[];
  FormatVersion: 'aws_v1';
  MaxResults?: number;
  NextToken?: string;
}

export interface GetProductsOutput {
  /** Price List documents, as JSON strings (the SDK may hand them over as string-like objects). */
  PriceList?: unknown;
  NextToken?: string;
}

export interface PriceListClient {
  /** Where prices come from: `aws`, or the custom endpoint (the simulator). Part of cache keys. */
  readonly target: string;
  getProducts(input: GetProductsInput): Promise<GetProductsOutput>;
  destroy(): void;
}

export interface SdkPriceListOptions {
  /** Custom endpoint, e.g. the simulator; unset = the real Price List API. */
  endpoint?: string;
  /** Named profile; unset = the default provider chain. */
  profile?: string;
  requestTimeoutMs?: number;
}

interface PricingSdk {
  PricingClient: new (config: Record<string, unknown>) => { send(command: unknown): Promise<Record<string, unknown>>; destroy(): void };
  GetProductsCommand: new (input: GetProductsInput) => unknown;
}

/** A Price List client on the real SDK (loaded when first used: the client package is large). */
export function sdkPriceListClient(options: SdkPriceListOptions = {}): PriceListClient {
  let client: ReturnType<typeof create> | undefined;
  const sdk = (): PricingSdk => require('@aws-sdk/client-pricing') as PricingSdk; // eslint-disable-line @typescript-eslint/no-require-imports
  function create() {
    const { PricingClient } = sdk();
    const simulator = Boolean(options.endpoint) && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE && !options.profile;
    return new PricingClient({
      region: PRICING_REGION,
      endpoint: options.endpoint,
      profile: options.profile,
      // Prices are a nicety next to the estimate: fail fast to the bundled snapshot rather than hang.
      maxAttempts: 2,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: 3_000,
        requestTimeout: options.requestTimeoutMs ?? 15_000,
        throwOnRequestTimeout: true,
      }),
      ...(simulator ? { credentials: SIMULATOR_CREDENTIALS } : {}),
    });
  }
  return {
    target: options.endpoint ?? 'aws',
    async getProducts(input) {
      client ??= create();
      const { $metadata: _metadata, ...output } = await client.send(new (sdk().GetProductsCommand)(input));
      return output as GetProductsOutput;
    },
    destroy() {
      client?.destroy();
      client = undefined;
    },
  };
}

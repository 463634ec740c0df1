import { SdkAwsGateway, type AwsGateway, simulatorCredentials, type SdkAwsGatewayOptions } from '@switchyard/core';
import { awsTargetSpec, type AwsSettings, type Target } from './target';

export const SANDBOX_ID = 'sandbox';

/** Wraps a target's SDK gateway (mutating calls ask first); told which target it is for. */
type GatewayWrapper = (gateway: AwsGateway, target: { id: string; kind: Target['kind'] }) => AwsGateway;

/**
 * The targets the window has: the sandbox while it runs, and the AWS target the settings
 * describe. Each gets its own SDK gateway (standard credential chain, or the named profile),
 * wrapped so mutating calls ask first.
 */
export class TargetRegistry {
  private sandbox?: Target;
  private aws?: Target;
  private readonly listeners = new Set<() => void>();
  private readonly sdkGateways = new Map<string, SdkAwsGateway>();

  constructor(private readonly wrap: GatewayWrapper) {}

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(): Target[] {
    return [this.sandbox, this.aws].filter((c): c is Target => c !== undefined);
  }

  get(id: string): Target | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** The sandbox started (url) or stopped (undefined). */
  setSandbox(url: string | undefined, timeScale: number, region = 'us-east-1'): Target | undefined {
    this.release(SANDBOX_ID);
    this.sandbox = url
      ? {
          id: SANDBOX_ID,
          kind: 'sandbox',
          label: 'Sandbox (demo fleet)',
          region,
          endpoint: url,
          timeScale,
          gateway: this.gateway(SANDBOX_ID, { region, endpoint: url, credentials: simulatorCredentials }),
        }
      : undefined;
    this.changed();
    return this.sandbox;
  }

  /** The switchyard.aws settings changed; returns the target they now describe. */
  setAwsSettings(settings: AwsSettings): Target | undefined {
    const spec = awsTargetSpec(settings);
    if (spec && this.aws?.id === spec.id) return this.aws;
    if (this.aws) this.release(this.aws.id);
    this.aws = spec
      ? { ...spec, gateway: this.gateway(spec.id, { region: spec.region, endpoint: spec.endpoint, profile: spec.profile }) }
      : undefined;
    this.changed();
    return this.aws;
  }

  dispose(): void {
    for (const id of [...this.sdkGateways.keys()]) this.release(id);
  }

  private gateway(id: string, options: SdkAwsGatewayOptions): AwsGateway {
    const sdk = new SdkAwsGateway(options);
    this.sdkGateways.set(id, sdk);
    return this.wrap(sdk, { id, kind: id === SANDBOX_ID ? 'sandbox' : 'aws' });
  }

  private release(id: string): void {
    this.sdkGateways.get(id)?.destroy();
    this.sdkGateways.delete(id);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

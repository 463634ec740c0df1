import type { AwsGateway } from '@switchyard/core';

/** Where the Fleet view and runs talk to: the embedded sandbox, or AWS with a profile and region. */
export interface Target {
  /** `sandbox`, or `aws:<profile>@<region>`. */
  id: string;
  kind: 'sandbox' | 'aws';
  label: string;
  region: string;
  /** Custom endpoint (the sandbox URL, or switchyard.aws.endpoint); unset = real AWS. */
  endpoint?: string;
  profile?: string;
  /** Divides wait timeouts and intervals (the sandbox runs AWS time faster). */
  timeScale: number;
  /** Every AWS call of this target goes through here; mutating calls ask for confirmation. */
  gateway: AwsGateway;
}

/** The AWS settings as the user typed them. */
export interface AwsSettings {
  profile: string;
  region: string;
  endpoint: string;
}

/** The AWS target the settings describe, or undefined when none is configured (the sandbox still works). */
export function awsTargetSpec(settings: AwsSettings): Omit<Target, 'gateway'> | undefined {
  const profile = settings.profile.trim();
  const endpoint = settings.endpoint.trim();
  const region = settings.region.trim() || (profile || endpoint ? 'us-east-1' : '');
  if (!region) return undefined;
  return {
    id: `aws:${profile || 'default'}@${region}${endpoint ? `@${endpoint}` : ''}`,
    kind: 'aws',
    label: `AWS ${profile || 'default credentials'}`,
    region,
    endpoint: endpoint || undefined,
    profile: profile || undefined,
    timeScale: 1,
  };
}

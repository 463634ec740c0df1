import type { Entity } from '@backstage/catalog-model';
import { isSwitchyardAvailable } from './conditions';

const entity = (kind: string, type: string, annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'prod-app', annotations },
  spec: { type },
});
const ARN = { 'aws.amazon.com/rds-cluster-arn': 'arn:aws:rds:us-east-1:123456789012:cluster:prod-app' };

describe('isSwitchyardAvailable', () => {
  it('is true for a database Resource that names its RDS cluster', () => {
    expect(isSwitchyardAvailable(entity('Resource', 'database', ARN))).toBe(true);
  });

  it('is false without the annotation, for another type, or another kind', () => {
    expect(isSwitchyardAvailable(entity('Resource', 'database'))).toBe(false);
    expect(isSwitchyardAvailable(entity('Resource', 's3-bucket', ARN))).toBe(false);
    expect(isSwitchyardAvailable(entity('Component', 'database', ARN))).toBe(false);
  });
});

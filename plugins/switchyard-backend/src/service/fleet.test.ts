import type { RunSummary } from '@switchyard/core';
import type { AwsAccess } from '../aws/aws-access';
import type { DatabaseEntity } from './entities';
import { buildFleet } from './fleet';

const PROD_APP: DatabaseEntity = {
  ref: 'resource:default/prod-app',
  title: 'prod-app',
  owner: 'group:default/payments',
  arn: 'arn:aws:rds:us-east-1:111111111111:cluster:prod-app',
  account: '111111111111',
  region: 'us-east-1',
  clusterId: 'prod-app',
};

const openRun = (id: string, account: string, region: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  title: 'Fail over',
  file: 'failover.md',
  status: 'waiting-approval',
  phase: 'forward',
  startedBy: 'user:default/mallory',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  dryRun: false,
  locks: [`rds-cluster:prod-app@${account}/${region}`],
  params: { cluster: 'prod-app' },
  target: { key: `${account}:${region}`, endpoint: 'aws', region, account },
  ...extra,
});

const noAws = { description: 'no AWS in this test', gateway: async () => Promise.reject(new Error('no AWS')) } as unknown as AwsAccess;

it("lists on a database the open runs about its cluster in its account and region only, not a namesake's elsewhere", async () => {
  const runs = [
    openRun('here', '111111111111', 'us-east-1'),
    openRun('from-the-entity', '111111111111', 'us-east-1', { params: {}, locks: [], entityRef: PROD_APP.ref }),
    openRun('other-account', '222222222222', 'us-east-1', { entityRef: 'resource:other-team/prod-app' }),
    openRun('other-region', '111111111111', 'eu-west-1'),
  ];
  const fleet = await buildFleet(noAws, [PROD_APP], runs, []);
  expect(fleet.entities[0].activeRuns.map((r) => r.id)).toEqual(['here', 'from-the-entity']);
});

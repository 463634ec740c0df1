import {
  environmentLabels,
  lifecycleStageOf,
  productionNameOfCopy,
  productionNameOfGreen,
  productionNameOfOld,
} from './blue-green-lifecycle';
import { isRunbookOffered, pageShapeOf, runbookAppliesTo, runbookNeedsWriter, runbookStages } from './runbook-offer';

const switchover = {
  appliesTo: runbookAppliesTo([{ type: 'blue-green-deployment' }]),
  stages: runbookStages(['blue-green', 'switchover']),
};
const rollbackAndCleanup = {
  appliesTo: runbookAppliesTo([{ type: 'blue-green-deployment' }, { type: 'string' }]),
  stages: runbookStages(['blue-green', 'rollback', 'cleanup', 'cost']),
};
const failover = {
  appliesTo: runbookAppliesTo([{ type: 'rds-cluster' }]),
  stages: runbookStages(['failover']),
  needsWriter: runbookNeedsWriter(['failover', 'aurora']),
};
const promote = {
  appliesTo: runbookAppliesTo([{ type: 'global-cluster' }, { type: 'rds-cluster' }]),
  stages: undefined,
  needsWriter: runbookNeedsWriter(['global-database', 'region']),
};
const detect = { appliesTo: runbookAppliesTo([]), stages: undefined };

const page = (...statuses: string[]) => pageShapeOf({ global: null, blueGreen: statuses.map((status) => ({ deployment: { status } })) });
const offered = (shape: ReturnType<typeof page>) =>
  Object.entries({ switchover, rollbackAndCleanup, failover, promote, detect })
    .filter(([, r]) => isRunbookOffered(r, shape))
    .map(([name]) => name);

it('reads the stage of a deployment from its RDS status', () => {
  expect(['PROVISIONING', 'AVAILABLE', 'SWITCHOVER_FAILED', 'INVALID_CONFIGURATION'].map(lifecycleStageOf)).toEqual([
    'before',
    'before',
    'before',
    'before',
  ]);
  expect(lifecycleStageOf('SWITCHOVER_IN_PROGRESS')).toBe('switching');
  expect(lifecycleStageOf('SWITCHOVER_COMPLETED')).toBe('watch-window');
  expect(lifecycleStageOf('DELETING')).toBe('after');
});

it('offers the runbooks that fit each stage of the lifecycle', () => {
  expect(offered(page())).toEqual(['failover', 'detect']);
  expect(offered(page('AVAILABLE'))).toEqual(['switchover', 'failover', 'detect']);
  // Mid-switchover neither switching again nor cleaning up makes sense.
  expect(offered(page('SWITCHOVER_IN_PROGRESS'))).toEqual(['failover', 'detect']);
  // The watch window is exactly when rollback and cleanup are needed; switching over again is not on offer.
  expect(offered(page('SWITCHOVER_COMPLETED'))).toEqual(['rollbackAndCleanup', 'failover', 'detect']);
  // AWS rolled a failed switchover back: it can be tried again, there is nothing to roll back.
  expect(offered(page('SWITCHOVER_FAILED'))).toEqual(['switchover', 'failover', 'detect']);
  expect(offered(pageShapeOf({ global: { id: 'g' }, blueGreen: [] }))).toEqual(['failover', 'promote', 'detect']);
});

it('offers a Global Database secondary its promotion, not a failover (it has no writer to move)', () => {
  const global = { id: 'prod-app-global' };
  const secondary = pageShapeOf({ global, blueGreen: [], cluster: { globalClusterId: 'prod-app-global', writer: null } });
  expect(secondary.globalRole).toBe('secondary');
  expect(offered(secondary)).toEqual(['promote', 'detect']);
  const primary = pageShapeOf({ global, blueGreen: [], cluster: { globalClusterId: 'prod-app-global', writer: 'prod-app-0' } });
  expect(offered(primary)).toEqual(['failover', 'promote', 'detect']);
  // A cluster with no writer outside a Global Database is mid-failover, not a secondary: failover stays.
  expect(offered(pageShapeOf({ global: null, blueGreen: [], cluster: { globalClusterId: null, writer: null } }))).toEqual([
    'failover',
    'detect',
  ]);
});

it('a Blue/Green runbook without stage tags is offered whenever there is a deployment', () => {
  const custom = { appliesTo: ['blue-green'], stages: runbookStages(['blue-green']) };
  expect(custom.stages).toBeUndefined();
  expect(isRunbookOffered(custom, page('SWITCHOVER_COMPLETED'))).toBe(true);
  expect(isRunbookOffered(custom, page())).toBe(false);
});

it('names the environments for what they are at each stage', () => {
  expect(environmentLabels('before')).toEqual({ source: 'Blue (current production)', target: 'Green (new)' });
  expect(environmentLabels('watch-window')).toEqual({ source: 'Old environment (rollback window)', target: 'Production (new)' });
});

it('knows the production name an old environment had, and nothing else', () => {
  expect(productionNameOfOld('prod-app-old1')).toBe('prod-app');
  expect(productionNameOfOld('prod-app-old12')).toBe('prod-app');
  expect(productionNameOfOld('prod-app')).toBeUndefined();
  expect(productionNameOfOld('bold1')).toBeUndefined();
  expect(productionNameOfOld('prod-app-older')).toBeUndefined();
});

it('reads the production name of a green copy and of any parallel environment', () => {
  expect(productionNameOfGreen('prod-app-green-abc123')).toBe('prod-app');
  expect(productionNameOfGreen('prod-app-eu-green-x1y2z3')).toBe('prod-app-eu');
  expect(productionNameOfGreen('prod-app')).toBeUndefined();
  expect(productionNameOfGreen('prod-app-green')).toBeUndefined();
  expect(productionNameOfGreen('prod-app-green-blue')).toBeUndefined();
  expect(productionNameOfGreen('prod-app-green-ABC123')).toBeUndefined();
  expect(productionNameOfCopy('prod-app-eu-old1')).toBe('prod-app-eu');
  expect(productionNameOfCopy('prod-app-eu-green-abc123')).toBe('prod-app-eu');
  expect(productionNameOfCopy('prod-app-eu')).toBeUndefined();
});

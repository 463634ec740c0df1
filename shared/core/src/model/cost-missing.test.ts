import { missingFigureText, partialLabel, type MissingFigure } from './cost-missing';

const figure = (extra: Partial<MissingFigure> = {}): MissingFigure => ({
  figure: 'storage',
  clusterId: 'prod-app-green-1',
  region: 'us-east-1',
  migration: 'prod-app-pg16',
  reason: 'throttled',
  detail: 'CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimated',
  ...extra,
});

it('says how many figures are missing, from a list or a count, and nothing when none is', () => {
  expect(partialLabel([figure()])).toBe('partial: 1 figure missing');
  expect(partialLabel([figure(), figure({ figure: 'io' })])).toBe('partial: 2 figures missing');
  expect(partialLabel(87)).toBe('partial: 87 figures missing');
  expect(partialLabel([])).toBeNull();
  expect(partialLabel(0)).toBeNull();
  // A report made before `missing` existed.
  expect(partialLabel(undefined)).toBeNull();
});

it('names the figure, the cluster (or the instance, for ACUs), the region and what happened', () => {
  expect(missingFigureText(figure())).toBe(
    'storage of prod-app-green-1 (us-east-1): CloudWatch throttled GetMetricData through 3 tries (Rate exceeded); not estimated',
  );
  expect(missingFigureText(figure({ figure: 'io', reason: 'no-datapoints', detail: 'no datapoints' }))).toBe(
    'I/O of prod-app-green-1 (us-east-1): no datapoints',
  );
  expect(missingFigureText(figure({ figure: 'acu', instanceId: 'prod-app-green-1-sv2', detail: 'x' }))).toBe(
    'ACUs of prod-app-green-1-sv2 (us-east-1): x',
  );
});

/**
 * DescribeEvents over HTTP with the real SDK: RDS keeps events 14 days, not a number of them, and
 * the time window follows StartTime/EndTime, else Duration (event-operations.ts cites the sources).
 */
import { DescribeEventsCommand, type DescribeEventsCommandInput } from '@aws-sdk/client-rds';
import type { RdsEvent } from '../../model/types';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { destroyClients, errorOf, sdkClients, type SdkClients } from '../../testing/sdk-clients';

const MINUTE = 60_000;
const DAY = 86_400_000;

let sim: RunningSimulator;
let aws: SdkClients;
let eu: SdkClients;
/** The simulator's clock, frozen so event ages are exact (kept at the real time: SigV4 allows 15 min of skew). */
const T = Date.now();

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo', clock: { now: () => T } });
  aws = sdkClients(sim);
  eu = sdkClients(sim, { region: 'eu-west-1' });
});

afterAll(async () => {
  destroyClients(aws);
  destroyClients(eu);
  await sim.stop();
});

let seq = 1_000_000;
function event(sourceId: string, ageMs: number, extra: Partial<RdsEvent> = {}): RdsEvent {
  return {
    seq: seq++,
    region: 'us-east-1',
    sourceType: 'db-cluster',
    sourceId,
    sourceArn: `arn:aws:rds:us-east-1:123456789012:cluster:${sourceId}`,
    message: `${sourceId} ${ageMs / MINUTE} min ago`,
    categories: ['notification'],
    date: T - ageMs,
    ...extra,
  };
}

/** The demo fleet with exactly these events. */
function withEvents(events: RdsEvent[]): void {
  const state = sim.control.saveState();
  state.events = events;
  sim.control.loadState(state);
}

async function messages(input: DescribeEventsCommandInput, clients = aws): Promise<string[]> {
  const out: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await clients.rds.send(new DescribeEventsCommand({ ...input, Marker }));
    out.push(...page.Events!.map((e) => e.Message!));
    Marker = page.Marker;
  } while (Marker);
  return out;
}

describe('DescribeEvents retention', () => {
  it('keeps events by age, not by number: the first of 12,000 events is still there, 14 days are, 15 days are not', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => event(`orders-${i}`, 30 * MINUTE));
    withEvents([event('old', 15 * DAY), event('kept', 13 * DAY), ...many]);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'orders-0' })).toEqual(['orders-0 30 min ago']);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'orders-11999' })).toEqual(['orders-11999 30 min ago']);
    const start = new Date(T - 20 * DAY);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'kept', StartTime: start })).toEqual([
      `kept ${(13 * DAY) / MINUTE} min ago`,
    ]);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'old', StartTime: start })).toEqual([]);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'old', Duration: (20 * DAY) / MINUTE })).toEqual([]);
  });
});

describe('DescribeEvents time window', () => {
  beforeAll(() =>
    withEvents([
      event('prod-app', 3 * 60 * MINUTE),
      event('prod-app', 90 * MINUTE),
      event('prod-app', 59 * MINUTE),
      event('prod-app', 10 * MINUTE),
      event('prod-app', 0),
    ]),
  );
  const source = { SourceType: 'db-cluster' as const, SourceIdentifier: 'prod-app' };

  it('defaults to the past hour, now included', async () => {
    expect(await messages(source)).toEqual(['prod-app 59 min ago', 'prod-app 10 min ago', 'prod-app 0 min ago']);
  });

  it('Duration: the past N minutes', async () => {
    expect(await messages({ ...source, Duration: 120 })).toEqual([
      'prod-app 90 min ago',
      'prod-app 59 min ago',
      'prod-app 10 min ago',
      'prod-app 0 min ago',
    ]);
    expect(await messages({ ...source, Duration: 5 })).toEqual(['prod-app 0 min ago']);
  });

  it('StartTime alone: from it to now, Duration ignored', async () => {
    const StartTime = new Date(T - 100 * MINUTE);
    const expected = ['prod-app 90 min ago', 'prod-app 59 min ago', 'prod-app 10 min ago', 'prod-app 0 min ago'];
    expect(await messages({ ...source, StartTime })).toEqual(expected);
    expect(await messages({ ...source, StartTime, Duration: 5 })).toEqual(expected);
  });

  it('EndTime alone: the hour before it (both ends included), Duration ignored', async () => {
    const EndTime = new Date(T - 30 * MINUTE);
    expect(await messages({ ...source, EndTime })).toEqual(['prod-app 90 min ago', 'prod-app 59 min ago']);
    expect(await messages({ ...source, EndTime, Duration: 600 })).toEqual(['prod-app 90 min ago', 'prod-app 59 min ago']);
  });

  it('StartTime and EndTime: both ends included; a start after the end finds nothing', async () => {
    const window = { StartTime: new Date(T - 90 * MINUTE), EndTime: new Date(T - 10 * MINUTE) };
    expect(await messages({ ...source, ...window })).toEqual(['prod-app 90 min ago', 'prod-app 59 min ago', 'prod-app 10 min ago']);
    expect(await messages({ ...source, StartTime: window.EndTime, EndTime: window.StartTime })).toEqual([]);
  });
});

describe('DescribeEvents by source', () => {
  beforeAll(() =>
    withEvents([
      event('prod-app', MINUTE),
      event('prod-app', MINUTE, { sourceType: 'db-instance', message: 'an instance named prod-app' }),
      event('prod-app', MINUTE, { region: 'eu-west-1', message: 'prod-app in eu-west-1' }),
      event('prod-app-0', MINUTE, { sourceType: 'db-instance' }),
      event('billing-db', MINUTE),
    ]),
  );

  it('one source: its type, its region, its identifier in any case, not a prefix', async () => {
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'PROD-APP' })).toEqual(['prod-app 1 min ago']);
    expect(await messages({ SourceType: 'db-instance', SourceIdentifier: 'prod-app' })).toEqual(['an instance named prod-app']);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'prod-app' }, eu)).toEqual(['prod-app in eu-west-1']);
    expect(await messages({ SourceType: 'db-cluster', SourceIdentifier: 'prod' })).toEqual([]);
    expect(await messages({ SourceType: 'db-parameter-group', SourceIdentifier: 'prod-app' })).toEqual([]);
  });

  it('a source type alone: every source of it; nothing: every source of the region', async () => {
    expect(await messages({ SourceType: 'db-instance' })).toEqual(['an instance named prod-app', 'prod-app-0 1 min ago']);
    expect(await messages({})).toEqual([
      'prod-app 1 min ago',
      'an instance named prod-app',
      'prod-app-0 1 min ago',
      'billing-db 1 min ago',
    ]);
  });

  it('refuses an identifier without a type and an unknown type, as RDS does', async () => {
    expect((await errorOf(() => aws.rds.send(new DescribeEventsCommand({ SourceIdentifier: 'prod-app' })))).name).toBe(
      'InvalidParameterCombination',
    );
    expect((await errorOf(() => aws.rds.send(new DescribeEventsCommand({ SourceType: 'cluster' as never })))).name).toBe(
      'InvalidParameterValue',
    );
  });
});

import type { DescribeEventsMessage, EventsMessage } from '@aws-sdk/client-rds';
import { EVENT_RETENTION_MS, eventsOf } from '../../model/events';
import type { EventSourceType } from '../../model/types';
import { commonErrors } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { paginate } from './paging';

const SOURCE_TYPES = [
  'db-instance',
  'db-parameter-group',
  'db-security-group',
  'db-snapshot',
  'db-cluster',
  'db-cluster-snapshot',
  'custom-engine-version',
  'db-proxy',
  'blue-green-deployment',
  'db-shard-group',
  'zero-etl',
];
const DEFAULT_MINUTES = 60;

/**
 * DescribeEvents: filtered by source, time window and category, oldest first, never older than the
 * 14 days RDS keeps. The window, as AWS's RDS command line tools document it (rds-describe-events:
 * `--duration` "is ignored if --start-time or --end-time is specified"; an end time without a
 * start time means "60 minutes prior to the end time and the end time"): StartTime (default: 60
 * minutes before the end) to EndTime (default: now) when either is given, else the last Duration
 * minutes (default 60: "By default, RDS returns events that were generated in the past hour",
 * API reference).
 */
export function eventOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    DescribeEvents: handler((input: DescribeEventsMessage, { region }): EventsMessage => {
      const { state, now } = world.context();
      if (input.SourceType && !SOURCE_TYPES.includes(input.SourceType)) {
        throw commonErrors.invalidParameterValue(`Invalid source type: ${input.SourceType}`);
      }
      if (input.SourceIdentifier && !input.SourceType) {
        throw commonErrors.invalidParameterCombination('Cannot specify a source identifier without a source type.');
      }
      const window = input.StartTime !== undefined || input.EndTime !== undefined;
      const end = input.EndTime?.getTime() ?? now;
      const minutes = window ? DEFAULT_MINUTES : (input.Duration ?? DEFAULT_MINUTES);
      const start = Math.max(input.StartTime?.getTime() ?? end - minutes * 60_000, now - EVENT_RETENTION_MS);
      const categories = input.EventCategories ?? [];
      const sourceType = input.SourceType as EventSourceType | undefined;
      // Event sources the simulator records are indexed: one source's events are read without a scan.
      const candidates = eventsOf(state, region, sourceType, input.SourceIdentifier);
      const events = candidates.filter(
        (e) =>
          e.region === region &&
          e.date >= start &&
          e.date <= end &&
          (!sourceType || e.sourceType === sourceType) &&
          (!input.SourceIdentifier || e.sourceId === input.SourceIdentifier.toLowerCase()) &&
          (categories.length === 0 || e.categories.some((c) => categories.includes(c))),
      );
      const page = paginate(events, (e) => String(e.seq).padStart(12, '0'), input.Marker, input.MaxRecords);
      return {
        Marker: page.marker,
        Events: page.items.map((e) => ({
          SourceIdentifier: e.sourceId,
          SourceType: e.sourceType,
          Message: e.message,
          EventCategories: e.categories,
          Date: new Date(e.date),
          SourceArn: e.sourceArn,
        })),
      };
    }),
  };
}

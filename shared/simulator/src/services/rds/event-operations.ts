import type { DescribeEventsMessage, EventsMessage } from '@aws-sdk/client-rds';
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
const RETENTION_MS = 14 * 86_400_000;

/** DescribeEvents: last 60 minutes by default, filtered by source, time window and category, oldest first. */
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
      const end = input.EndTime?.getTime() ?? now;
      const start = input.StartTime?.getTime() ?? (input.Duration !== undefined ? end - input.Duration * 60_000 : end - 60 * 60_000);
      const categories = input.EventCategories ?? [];
      const sourceId = input.SourceIdentifier?.toLowerCase();
      const events = state.events.filter(
        (e) =>
          e.region === region &&
          e.date >= Math.max(start, now - RETENTION_MS) &&
          e.date <= end &&
          (!input.SourceType || e.sourceType === (input.SourceType as EventSourceType)) &&
          (!sourceId || e.sourceId === sourceId) &&
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

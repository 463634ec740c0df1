import type { Filter } from '@aws-sdk/client-rds';
import { commonErrors } from '../../protocol/aws-error';
import { idFromIdOrArn } from '../../model/lookup';

/** How a filter name reads the values it matches on from an item. */
export type FilterFields<T> = Record<string, (item: T) => string[]>;

/**
 * Applies RDS `Filters` (AND across filters, OR within a filter's values). Unknown filter names
 * are rejected as RDS does. Identifier filters accept identifiers or ARNs.
 */
export function applyFilters<T>(items: T[], filters: Filter[] | undefined, fields: FilterFields<T>, identifierFilters: string[] = []): T[] {
  let out = items;
  for (const filter of filters ?? []) {
    const name = filter.Name ?? '';
    const read = fields[name];
    if (!read) throw commonErrors.invalidParameterValue(`Unrecognized filter name: ${name}.`);
    const values = (filter.Values ?? []).map((v) => (identifierFilters.includes(name) ? idFromIdOrArn(v) : v));
    out = out.filter((item) => read(item).some((v) => values.includes(v)));
  }
  return out;
}

/**
 * Listing rollouts a page at a time, newest first: the query, the cursor and the order every
 * RolloutStore shares, so the CLI, the Backstage backend and VS Code page the same way.
 *
 * The order is `createdAt` descending, then `id` descending (two rollouts started in the same
 * millisecond). A cursor names the last rollout of a page (`<createdAt>~<id>`); the next page is
 * what comes after it in that order, so rollouts started meanwhile never shift a page. Free of Node
 * imports (the browser entry exports it).
 */
import { RolloutListQueryError } from './errors';
import { ROLLOUT_ID_PATTERN, type RolloutSummary } from './rollout';

export interface RolloutListQuery {
  /** At most this many (1–ROLLOUT_PAGE_MAX); default ROLLOUT_PAGE_DEFAULT. */
  limit?: number;
  /** The `next` of the previous page: list what comes after it. */
  cursor?: string;
}

export interface RolloutList {
  rollouts: RolloutSummary[];
  /** The cursor of the next page; absent on the last page. */
  next?: string;
}

export const ROLLOUT_PAGE_DEFAULT = 50;
export const ROLLOUT_PAGE_MAX = 500;

/** Where a page starts: after the rollout created at `createdAt` with id `id`. */
export interface RolloutListPosition {
  createdAt: string;
  id: string;
}

/** A query, checked: the limit is a whole number in range, the cursor one a list gave out. */
export interface RolloutListPage {
  limit: number;
  after?: RolloutListPosition;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** The cursor that lists what comes after `summary`. */
export function rolloutCursor(summary: Pick<RolloutSummary, 'createdAt' | 'id'>): string {
  return `${summary.createdAt}~${summary.id}`;
}

/** Checks a query; throws RolloutListQueryError (naming the field and the fix) before any store is read. */
export function rolloutListPage(query: RolloutListQuery = {}): RolloutListPage {
  const limit = query.limit ?? ROLLOUT_PAGE_DEFAULT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > ROLLOUT_PAGE_MAX) {
    throw new RolloutListQueryError('limit', String(query.limit), `give a whole number from 1 to ${ROLLOUT_PAGE_MAX}`);
  }
  if (query.cursor === undefined) return { limit };
  return { limit, after: parseRolloutCursor(query.cursor) };
}

export function parseRolloutCursor(cursor: string): RolloutListPosition {
  const at = cursor.indexOf('~');
  const createdAt = cursor.slice(0, at);
  const id = cursor.slice(at + 1);
  if (at < 0 || !ISO_INSTANT.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || !ROLLOUT_ID_PATTERN.test(id)) {
    throw new RolloutListQueryError(
      'cursor',
      cursor,
      'pass the `next` value a rollout list returned, unchanged (e.g. 2026-12-05T09:30:00.000Z~ro-20261205093000-1a2b3c), or leave it out for the newest rollouts',
    );
  }
  return { createdAt, id };
}

/** Newest first: negative when `a` comes before `b` in a list. */
export function compareRolloutsNewestFirst(a: RolloutListPosition, b: RolloutListPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** Whether `s` comes after the cursor's position in a list (is on a later page). */
export function isAfterPosition(s: RolloutListPosition, after: RolloutListPosition | undefined): boolean {
  return !after || compareRolloutsNewestFirst(s, after) > 0;
}

/** One page of summaries held in memory (a store that has them all at hand). */
export function pageOfSummaries(summaries: readonly RolloutSummary[], page: RolloutListPage): RolloutList {
  const rest = summaries.filter((s) => isAfterPosition(s, page.after)).sort(compareRolloutsNewestFirst);
  const rollouts = rest.slice(0, page.limit);
  return rest.length > page.limit ? { rollouts, next: rolloutCursor(rollouts[rollouts.length - 1]) } : { rollouts };
}

/** Every rollout of a store, newest first, read a page at a time (the backend's sweep). */
export async function* allRollouts(
  store: { listRollouts(query?: RolloutListQuery): Promise<RolloutList> },
  limit = ROLLOUT_PAGE_MAX,
): AsyncGenerator<RolloutSummary> {
  let cursor: string | undefined;
  do {
    const page = await store.listRollouts({ limit, cursor });
    yield* page.rollouts;
    cursor = page.next;
  } while (cursor);
}

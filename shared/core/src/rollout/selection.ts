/**
 * Which clusters a rollout covers, from one line an operator types (`--select`):
 *
 * - a word without `=` names a cluster: its id (any case, as RDS identifiers are) or its ARN;
 * - `engine=aurora-postgresql`, `version=15.4` (or `version=15.*`, a prefix), `region=us-east-1`;
 * - any other `key=value` is a tag (`team=payments`); `tag:engine=x` forces a tag named like a keyword;
 * - `a|b` in a value means either; terms are separated by commas and all must hold;
 * - `*` alone selects every cluster (so an empty selection never means "the whole fleet" by accident).
 *
 * Named clusters must exist (a typo is an error, not a smaller rollout); one cluster named twice,
 * however spelled (`prod-app`, `PROD-APP`, its ARN), is one cluster.
 */
import { parseRdsArn } from '../live/views';
import type { ClusterFacts } from './rollout';

export interface Selection {
  /** Named clusters: `{ id, region?, account? }` (lowercased; an ARN gives its region and account), in the order given. */
  clusters: Array<{ id: string; region?: string; account?: string; as: string }>;
  all: boolean;
  engines: string[];
  versions: string[];
  regions: string[];
  tags: Array<{ key: string; values: string[] }>;
}

export function parseSelection(text: string): { selection: Selection; problems: string[] } {
  const selection: Selection = { clusters: [], all: false, engines: [], versions: [], regions: [], tags: [] };
  const problems: string[] = [];
  const terms = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!terms.length) problems.push('the selection is empty: name clusters, filter by tag/engine/version, or give * for every cluster');
  for (const term of terms) {
    if (term === '*') {
      selection.all = true;
      continue;
    }
    const eq = term.indexOf('=');
    if (eq < 0) {
      const arn = term.startsWith('arn:') ? parseRdsArn(term) : null;
      if (term.startsWith('arn:') && (!arn || arn.resourceType !== 'cluster')) {
        problems.push(`"${term}" is not the ARN of an RDS cluster (arn:aws:rds:<region>:<account>:cluster:<id>)`);
        continue;
      }
      const id = (arn ? arn.id : term).toLowerCase();
      if (!/^[a-z][a-z0-9-]*$/.test(id)) {
        problems.push(`"${term}" is not a cluster identifier (letters, digits and hyphens, starting with a letter)`);
        continue;
      }
      selection.clusters.push({ id, ...(arn ? { region: arn.region, account: arn.account } : {}), as: term });
      continue;
    }
    const key = term.slice(0, eq).trim();
    const values = term
      .slice(eq + 1)
      .split('|')
      .map((v) => v.trim());
    if (!key || values.some((v) => v === '')) {
      problems.push(`"${term}" needs a name and a value on each side of "=" (e.g. team=payments)`);
      continue;
    }
    if (key === 'engine') selection.engines.push(...values);
    else if (key === 'version') selection.versions.push(...values);
    else if (key === 'region') selection.regions.push(...values);
    else if (key === 'cluster') problems.push(`name clusters without "cluster=": --select ${values.join(',')}`);
    else selection.tags.push({ key: key.startsWith('tag:') ? key.slice(4) : key, values });
  }
  if (selection.all && selection.clusters.length) problems.push('"*" selects every cluster: do not also name clusters');
  return { selection, problems };
}

export interface ResolvedSelection {
  clusters: ClusterFacts[];
  /** Named clusters that are not in the fleet. */
  missing: string[];
  /** Named clusters given more than once (the later spellings, dropped). */
  duplicates: string[];
  /** Named clusters left out by the filters (a named cluster the filters exclude is said, not silently dropped). */
  excluded: Array<{ cluster: string; why: string }>;
}

/**
 * The clusters a selection covers, in a stable order: named clusters in the order given, otherwise
 * by region and id. Filters apply to named clusters too (all terms must hold).
 */
export function resolveSelection(selection: Selection, fleet: readonly ClusterFacts[]): ResolvedSelection {
  const missing: string[] = [];
  const duplicates: string[] = [];
  const excluded: ResolvedSelection['excluded'] = [];
  const byId = new Map<string, ClusterFacts[]>();
  for (const c of fleet) byId.set(c.id.toLowerCase(), [...(byId.get(c.id.toLowerCase()) ?? []), c]);
  let candidates: ClusterFacts[];
  if (selection.clusters.length) {
    const seen = new Set<string>();
    candidates = [];
    for (const named of selection.clusters) {
      // An ARN names one cluster: its region and its account must match too (a namesake elsewhere is another cluster).
      const matches = (byId.get(named.id) ?? []).filter(
        (c) => (!named.region || c.region === named.region) && (!named.account || parseRdsArn(c.arn)?.account === named.account),
      );
      if (!matches.length) {
        missing.push(named.as);
        continue;
      }
      for (const c of matches) {
        const key = `${c.region}/${c.id}`;
        if (seen.has(key)) {
          duplicates.push(named.as);
          continue;
        }
        seen.add(key);
        candidates.push(c);
      }
    }
  } else {
    candidates = [...fleet].sort((a, b) => a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
  }
  const clusters: ClusterFacts[] = [];
  for (const c of candidates) {
    const why = filteredOut(selection, c);
    if (!why) clusters.push(c);
    else if (selection.clusters.length) excluded.push({ cluster: c.id, why });
  }
  return { clusters, missing, duplicates, excluded };
}

/** Why the filters leave `c` out, or undefined when it passes them all. */
function filteredOut(selection: Selection, c: ClusterFacts): string | undefined {
  if (selection.engines.length && !selection.engines.includes(c.engine)) return `engine ${c.engine}`;
  if (selection.versions.length && !selection.versions.some((v) => versionMatches(v, c.engineVersion))) return `version ${c.engineVersion}`;
  if (selection.regions.length && !selection.regions.includes(c.region)) return `region ${c.region}`;
  for (const tag of selection.tags) {
    const value = c.tags[tag.key];
    if (value === undefined || !tag.values.includes(value)) return `tag ${tag.key}=${value ?? '(none)'}`;
  }
  return undefined;
}

/** `15.4` matches exactly; `15.*` (or `15*`) matches by prefix (`15.` then anything). */
export function versionMatches(pattern: string, version: string): boolean {
  if (pattern.endsWith('*')) return version.startsWith(pattern.slice(0, -1));
  return version === pattern;
}

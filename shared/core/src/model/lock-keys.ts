/**
 * Lock keys name a resource canonically, so one cluster is one lock however a runbook spells it:
 * `prod-app`, `PROD-APP` and `arn:aws:rds:us-east-1:123456789012:cluster:prod-app` are the same
 * `rds-cluster:prod-app@123456789012/us-east-1`. RDS identifiers are case-insensitive (AWS stores
 * them in lower case: RDS API reference, CreateDBCluster, DBClusterIdentifier), an ARN names its own
 * account and region, and a key carries both, so same-named clusters of two accounts or regions
 * neither block nor see each other's runs. Global databases are global: their keys carry the account only.
 */

/** Where a run's AWS calls go, for the resources its lock keys and params name without an ARN. */
export interface ResourcePlace {
  account: string;
  region: string;
}

/** The lock kinds that name RDS resources, and the ARN resource types each accepts. */
const RDS_KINDS: Record<string, { arnTypes: string[]; global?: boolean }> = {
  'rds-cluster': { arnTypes: ['cluster'] },
  'rds-instance': { arnTypes: ['db'] },
  'global-cluster': { arnTypes: ['global-cluster'], global: true },
  'blue-green': { arnTypes: ['deployment'] },
};

export interface CanonicalLock {
  key: string;
  /** Set when the key cannot be made canonical (the run is refused). */
  problem?: string;
}

/** The canonical form of a rendered lock key (`kind:value`); kinds Switchyard does not know are kept as written. */
export function canonicalLockKey(rendered: string, place: ResourcePlace): CanonicalLock {
  const text = rendered.trim();
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  const spec = RDS_KINDS[kind];
  if (!spec) return { key: text };
  const value = text.slice(colon + 1).trim();
  const ref = resourceRef(value, place);
  if (!ref) return { key: text, problem: `lock "${text}" names no resource: its value is empty` };
  if (ref.arnType && !spec.arnTypes.includes(ref.arnType)) {
    return { key: text, problem: `lock "${text}" is a ${kind} lock but the ARN names a ${ref.arnType}` };
  }
  return { key: `${kind}:${ref.id}@${spec.global ? ref.account : `${ref.account}/${ref.region}`}` };
}

/** Whether making this rendered key canonical needs the run's account: an RDS kind named by id, not by ARN. */
export function lockNeedsAccount(rendered: string): boolean {
  const text = rendered.trim();
  const colon = text.indexOf(':');
  if (colon <= 0 || !RDS_KINDS[text.slice(0, colon).toLowerCase()]) return false;
  return !text
    .slice(colon + 1)
    .trim()
    .startsWith('arn:');
}

export interface ResourceRef {
  id: string;
  account: string;
  region: string;
  /** The ARN's resource type (`cluster`, `db`, …) when the value was an ARN. */
  arnType?: string;
}

/** An RDS id or ARN as one resource: lower-case id, the ARN's account and region or else the run's. */
export function resourceRef(value: string, place: ResourcePlace): ResourceRef | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const parts = text.split(':');
  if (parts.length >= 7 && parts[0] === 'arn' && parts[2] === 'rds') {
    return { id: parts.slice(6).join(':').toLowerCase(), account: parts[4], region: parts[3], arnType: parts[5] };
  }
  return { id: text.toLowerCase(), account: place.account, region: place.region };
}

/** `id@account/region`: how run lists and history find the runs about one resource. */
export function resourceRefKey(ref: Pick<ResourceRef, 'id' | 'account' | 'region'>): string {
  return `${ref.id}@${ref.account}/${ref.region}`;
}

/** The parts of an `id@account/region` (or `id@account`) ref; an empty account or region is unknown. */
export function parseResourceRefKey(key: string): Pick<ResourceRef, 'id' | 'account' | 'region'> {
  const at = key.lastIndexOf('@');
  if (at < 0) return { id: key, account: '', region: '' };
  const [account, region = ''] = key.slice(at + 1).split('/');
  return { id: key.slice(0, at), account, region };
}

/**
 * Whether a run is about a resource given as an id or an ARN: same id, and the same account and
 * region where both sides know them (runs recorded before they carried their account match any).
 */
export function runConcerns(run: Parameters<typeof resourceRefsOf>[0], resource: string): boolean {
  const want = resourceRef(resource, { account: '', region: '' });
  if (!want) return false;
  const same = (a: string, b: string) => !a || !b || a === b;
  return resourceRefsOf(run)
    .map(parseResourceRefKey)
    .some((have) => have.id === want.id && same(have.account, want.account) && same(have.region, want.region));
}

/** Longest value indexed as a resource (longer param values are prose, SQL …). */
const MAX_RESOURCE = 255;

/**
 * The resources a run is about, as `id@account/region` (global databases `id@account`): its
 * identifier-like string params, placed in the run's account and region unless they are ARNs,
 * and its locks. Run lists and history match on these, never on a bare id.
 */
export function resourceRefsOf(run: {
  params: Record<string, unknown>;
  locks: readonly string[];
  target: { account?: string; region: string };
}): string[] {
  const place = { account: run.target.account ?? '', region: run.target.region };
  const refs = new Set<string>();
  for (const value of Object.values(run.params)) {
    if (typeof value !== 'string' || !value || value.length > MAX_RESOURCE || /\s/.test(value)) continue;
    const ref = resourceRef(value, place);
    if (ref) refs.add(resourceRefKey(ref));
  }
  for (const key of run.locks) {
    const colon = key.indexOf(':');
    if (colon > 0 && key.includes('@', colon)) refs.add(key.slice(colon + 1));
  }
  return [...refs];
}

/**
 * The demo organisation published with the simulated databases (dev and e2e only): who owns which
 * database decides who may run, approve and control runbooks on it under the default policy.
 */
import type { Entity } from '@backstage/catalog-model';

export interface DemoGroup {
  name: string;
  title: string;
  members: string[];
}

export const DEMO_GROUPS: DemoGroup[] = [
  // guest, whom anyone is before picking a user, is in no group: it owns nothing, so it may look but
  // not start, approve or control runs (a second pair of eyes must be someone's).
  { name: 'payments', title: 'Payments', members: ['alice', 'bob'] },
  { name: 'analytics', title: 'Analytics', members: ['carol'] },
  { name: 'platform', title: 'Platform', members: [] },
];

export const DEMO_USERS = ['alice', 'bob', 'carol', 'guest'];

/**
 * The simulated clusters' `team` tags (the cost model rolls up by them) → the owning group.
 * The demo tags prod-app `checkout`, billing-db `billing`, analytics-db `data`; the generated
 * fleet's other teams, and untagged clusters, belong to platform.
 */
export const DEFAULT_TEAM_OWNERS: Record<string, string> = { checkout: 'payments', billing: 'payments', data: 'analytics' };
export const DEFAULT_OWNER = 'platform';

export function demoPeopleEntities(location: string): Entity[] {
  const annotations = { 'backstage.io/managed-by-location': location, 'backstage.io/managed-by-origin-location': location };
  const groups: Entity[] = DEMO_GROUPS.map((g) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: g.name, title: g.title, description: `Demo team ${g.title}`, annotations },
    spec: { type: 'team', children: [] },
  }));
  const users: Entity[] = DEMO_USERS.map((name) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, annotations },
    spec: {
      profile: { displayName: name === 'guest' ? 'Guest' : name[0].toUpperCase() + name.slice(1), email: `${name}@example.com` },
      memberOf: DEMO_GROUPS.filter((g) => g.members.includes(name)).map((g) => g.name),
    },
  }));
  return [...groups, ...users];
}

/**
 * The signed-in user as the run rules see them. In Backstage a runbook's `approvers:` entries are
 * catalog entity refs, compared whole with the refs the user owns through (their own and their
 * groups'): `group:default/sre-leads` admits that group's members, not a user named sre-leads nor
 * a group sre-leads in another namespace. Short forms: no kind means a group (`sre-leads`,
 * `ops/sre-leads`), no namespace means `default` (`user:bob` is user:default/bob). Refs compare
 * case-insensitively, as the catalog compares them.
 */
import type { BackstageCredentials, BackstageUserPrincipal, UserInfoService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Actor } from '@switchyard/core';

/** The entity an `approvers:` entry names, as a full ref; undefined when the entry is not an entity ref. */
export function approverRef(entry: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(entry.trim(), { defaultKind: 'group', defaultNamespace: 'default' }));
  } catch {
    return undefined;
  }
}

/** The user's ref (audit trail, four eyes) and every ref they own through, normalised like the entries. */
export async function actorOf(userInfo: UserInfoService, credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<Actor> {
  const name = credentials.principal.userEntityRef;
  const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
  const owned = [name, ...ownershipEntityRefs].map((ref) => stringifyEntityRef(parseEntityRef(ref)));
  return { name, groups: [...new Set(owned)], approverRef };
}

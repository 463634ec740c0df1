/**
 * A Backstage test backend with the real catalog (fed by the simulator entity provider), the real
 * permission backend with Switchyard's default policy, and the plugin on the embedded simulator.
 * Identities come from mock tokens; `ownershipEntityRefs` are the demo group memberships, as the
 * auth backend would put them in a real token from the catalog.
 */
import { coreServices, createServiceFactory, type BackendFeature } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { Request, Response } from 'express';
import request from 'supertest';
import { DEMO_GROUPS } from '../catalog/demo-people';
import { catalogModuleSwitchyardSimulator } from '../catalog/module';
import { switchyardPermissionPolicyModule } from '../permissions/module';
import { switchyardPlugin } from '../plugin';
import { closingDatabaseServiceFactory } from './closing-database';
import { eventually } from './eventually';

export { eventually, closingDatabaseServiceFactory };

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

/** Full group refs by user name: the demo organisation's memberships. */
export function demoMemberships(name: string): string[] {
  return DEMO_GROUPS.filter((g) => g.members.includes(name)).map((g) => `group:default/${g.name}`);
}

/** User info as the auth backend would give it: the user's ref and the groups `memberships` names. */
export function userInfoFactory(memberships: (name: string) => string[]) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const principal = credentials.principal as { type: string; userEntityRef?: string };
        if (principal.type !== 'user' || !principal.userEntityRef) throw new Error('user info is only for users');
        const groups = memberships(parseEntityRef(principal.userEntityRef).name);
        return { userEntityRef: principal.userEntityRef, ownershipEntityRefs: [principal.userEntityRef, ...groups] };
      },
    }),
  });
}

export const demoUserInfo = userInfoFactory(demoMemberships);

/**
 * The mock HTTP auth, except that a plugin's token on behalf of a user authenticates as that user
 * *with the plugin as actor*, as real Backstage tokens do (the mock drops the actor, and the
 * permission backend then refuses the catalog's conditional read checks as "direct user requests").
 */
export const oboAwareMockHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      credentials: (async (req: Request, options?: Parameters<typeof inner.credentials>[1]) => {
        const credentials = await inner.credentials(req, options);
        const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const principal = credentials.principal as { type: string };
        if (!token.startsWith(SERVICE_TOKEN_PREFIX) || principal.type !== 'user') return credentials;
        const { sub } = JSON.parse(token.slice(SERVICE_TOKEN_PREFIX.length)) as { sub?: string };
        return { ...credentials, principal: { ...principal, actor: { type: 'service', subject: sub ?? 'plugin:test' } } };
      }) as typeof inner.credentials,
      issueUserCookie: (res: Response, options?: Parameters<typeof inner.issueUserCookie>[1]) => inner.issueUserCookie(res, options),
    };
  },
});
const SERVICE_TOKEN_PREFIX = 'mock-service-token:';

export const CATALOG_RULES = [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'User', 'Group'] }];

export interface FullBackendOptions {
  /** The permission backend's policy module (default: Switchyard's default policy). */
  policy?: BackendFeature;
  /** Full group refs by user name (default: the demo organisation's). */
  memberships?: (name: string) => string[];
  /** Backend features added to the stack (test modules). */
  features?: BackendFeature[];
}

/** The full stack: catalog + permissions + plugin, simulator embedded (time ×20). */
export async function startFullBackend(switchyard: JsonObject = {}, options: FullBackendOptions = {}): Promise<TestBackend> {
  return startTestBackend({
    features: [
      import('@backstage/plugin-catalog-backend'),
      catalogModuleSwitchyardSimulator,
      import('@backstage/plugin-permission-backend'),
      options.policy ?? switchyardPermissionPolicyModule,
      switchyardPlugin,
      options.memberships ? userInfoFactory(options.memberships) : demoUserInfo,
      ...(options.features ?? []),
      oboAwareMockHttpAuth,
      closingDatabaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          catalog: { rules: CATALOG_RULES },
          switchyard: { simulator: { fleet: 'demo', timeScale: 20, catalog: true }, sweepSeconds: 1, ...switchyard },
        },
      }),
    ],
  });
}

export function tokenOf(user: string): string {
  return `Bearer ${mockCredentials.user.token(`user:default/${user}`)}`;
}

/** GET as a user, expecting 200. */
export async function getAs<T>(backend: TestBackend, user: string, path: string): Promise<T> {
  const res = await request(backend.server).get(path).set('Authorization', tokenOf(user));
  if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Waits until the catalog has processed an entity with a relation (ownedBy: what isEntityOwner reads). */
export async function waitForEntity(backend: TestBackend, ref: string, relation = 'ownedBy'): Promise<void> {
  const { kind, namespace, name } = parseEntityRef(ref);
  await eventually(`${ref} in the catalog with its ${relation} relation`, async () => {
    const res = await request(backend.server)
      .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
      .set('Authorization', tokenOf('alice'));
    const relations: Array<{ type: string }> = res.body?.relations ?? [];
    return res.status === 200 && relations.some((r) => r.type === relation) ? true : undefined;
  });
}

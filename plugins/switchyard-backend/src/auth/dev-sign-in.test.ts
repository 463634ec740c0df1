import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { catalogModuleSwitchyardSimulator } from '../catalog/module';
import {
  CATALOG_RULES,
  closingDatabaseServiceFactory,
  oboAwareMockHttpAuth,
  waitForEntity,
  type TestBackend,
} from '../testing/test-backend';
import { switchyardDevSignInModule } from './dev-sign-in';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({
    features: [
      import('@backstage/plugin-auth-backend'),
      switchyardDevSignInModule,
      import('@backstage/plugin-catalog-backend'),
      catalogModuleSwitchyardSimulator,
      oboAwareMockHttpAuth,
      closingDatabaseServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          // Jest runs with NODE_ENV=test; the provider refuses outside development unless told.
          auth: { providers: { 'switchyard-dev': { dangerouslyAllowOutsideDevelopment: true } } },
          catalog: { rules: CATALOG_RULES },
          switchyard: { simulator: { fleet: 'demo', catalog: true } },
        },
      }),
    ],
  });
  await waitForEntity(backend, 'user:default/bob', 'memberOf');
}, 120_000);
afterAll(() => backend?.stop());

const signIn = (headers: Record<string, string>) =>
  request(backend.server)
    .get('/api/auth/switchyard-dev/refresh')
    .set({ 'X-Requested-With': 'XMLHttpRequest', ...headers });
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

it('signs in as the user the header names, with the groups the catalog gives them', async () => {
  const res = await signIn({ 'x-switchyard-user': 'bob' });
  expect(res.status).toBe(200);
  expect(res.body.backstageIdentity.identity).toMatchObject({
    userEntityRef: 'user:default/bob',
    ownershipEntityRefs: expect.arrayContaining(['user:default/bob', 'group:default/payments']),
  });
  expect(claims(res.body.backstageIdentity.token)).toMatchObject({ sub: 'user:default/bob' });
});

it('falls back to the switchyard-user cookie, then to guest, who owns nothing and is in no group', async () => {
  const byCookie = await signIn({ cookie: 'other=1; switchyard-user=carol' });
  expect(byCookie.body.backstageIdentity.identity.ownershipEntityRefs).toEqual(
    expect.arrayContaining(['user:default/carol', 'group:default/analytics']),
  );
  const anonymous = await signIn({});
  expect(anonymous.body.backstageIdentity.identity).toEqual({
    type: 'user',
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  });
});

it('refuses names that are not catalog users', async () => {
  const unknown = await signIn({ 'x-switchyard-user': 'mallory' });
  expect(unknown.status).toBe(403);
  expect(unknown.body.error.message).toContain('no user:default/mallory in the catalog');
  const bad = await signIn({ 'x-switchyard-user': '../admin' });
  expect(bad.status).toBe(400);
});

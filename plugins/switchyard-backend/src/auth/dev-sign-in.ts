/**
 * DEV sign-in provider `switchyard-dev` (dev backend and e2e only): signs in as the user named by
 * the `x-switchyard-user` request header, else the `switchyard-user` cookie, else `guest` — as
 * `user:default/<name>` from the catalog, with its group memberships (so ownership works). The
 * frontend uses `<ProxiedSignInPage provider="switchyard-dev" />`; Playwright sets the header per
 * browser context. Like the guest provider it refuses to work outside NODE_ENV=development unless
 * `auth.providers.switchyard-dev.dangerouslyAllowOutsideDevelopment` is set.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { authProvidersExtensionPoint, createProxyAuthenticator, createProxyAuthProviderFactory } from '@backstage/plugin-auth-node';
import type { Request } from 'express';

export const DEV_USER_HEADER = 'x-switchyard-user';
export const DEV_USER_COOKIE = 'switchyard-user';
const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

export function devUserName(req: Request): string {
  const header = req.get(DEV_USER_HEADER)?.trim();
  const cookie = (req.headers.cookie ?? '')
    .split(/;\s*/)
    .find((c) => c.startsWith(`${DEV_USER_COOKIE}=`))
    ?.slice(DEV_USER_COOKIE.length + 1);
  const name = header || (cookie ? decodeURIComponent(cookie).trim() : '') || 'guest';
  if (!NAME.test(name)) throw new InputError(`"${name}" is not a user name (letters, digits, . _ -)`);
  return name;
}

const devAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async (result: { userName: string }) => ({ profile: { displayName: result.userName } }),
  initialize: ({ config }) => ({
    disabled: process.env.NODE_ENV !== 'development' && config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') !== true,
  }),
  async authenticate({ req }, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        "the switchyard-dev sign-in picks users from a header and is for development only; set 'auth.providers.switchyard-dev.dangerouslyAllowOutsideDevelopment' to use it elsewhere",
      );
    }
    return { result: { userName: devUserName(req) } };
  },
});

export const switchyardDevSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'switchyard-dev-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'switchyard-dev',
          factory: createProxyAuthProviderFactory({
            authenticator: devAuthenticator,
            async signInResolver({ result }, ctx) {
              try {
                return await ctx.signInWithCatalogUser({ entityRef: { name: result.userName } });
              } catch (error) {
                throw new NotAllowedError(
                  `cannot sign in as ${result.userName}: there is no user:default/${result.userName} in the catalog (${error instanceof Error ? error.message : String(error)})`,
                );
              }
            },
          }),
        });
      },
    });
  },
});

/** The dev backend's demo users (catalog: alice and bob own prod-app through group payments, carol is in analytics, guest in no group). */
export const DEV_USERS = ['alice', 'bob', 'carol', 'guest'] as const;

/** The cookie the dev backend's `switchyard-dev` sign-in provider reads when no `x-switchyard-user` header is sent. */
export const USER_COOKIE = 'switchyard-user';

export function cookieUser(cookie: string): string | undefined {
  const match = cookie.split(/;\s*/).find((c) => c.startsWith(`${USER_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(USER_COOKIE.length + 1)) : undefined;
}

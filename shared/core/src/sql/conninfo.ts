import type { ConnectionConfig } from './connections';
import { MissingPasswordError } from './credentials';

/**
 * A libpq connection string for a connection configured on this host, for a database server to
 * connect with — the `connection '…'` of `create subscription`, where the old environment
 * subscribes to the new production (reverse replication, docs/blue-green.md).
 *
 * `text` is what is sent; `display` is the same with the password replaced, for logs, dry-run
 * previews and errors. PostgreSQL stores the whole string in `pg_subscription.subconninfo`
 * (readable by superusers only): that is where the password lives afterwards, as with any
 * subscription.
 */
export interface Conninfo {
  text: string;
  display: string;
}

export class ConninfoError extends Error {
  constructor(
    readonly connection: string,
    readonly reason: 'iam' | 'unknown-connection',
    message: string,
  ) {
    super(message);
    this.name = 'ConninfoError';
  }
}

const REDACTED = '********';

export function renderConninfo(c: ConnectionConfig, env: NodeJS.ProcessEnv): Conninfo {
  if (c.iam) {
    throw new ConninfoError(
      c.name,
      'iam',
      `connection "${c.name}" logs in with RDS IAM tokens, which expire after 15 minutes: a database server cannot keep ` +
        'subscribing with one. Give the connection a password (`password-env`) for a role with the REPLICATION attribute (rds_replication on RDS)',
    );
  }
  const password = c.passwordEnv === undefined ? undefined : env[c.passwordEnv];
  if (c.passwordEnv !== undefined && password === undefined) throw new MissingPasswordError(c.name, c.passwordEnv);
  const pairs: Array<[string, string]> = [
    ['host', c.host],
    ['port', String(c.port)],
    ['dbname', c.database],
    ['user', c.user],
    ['sslmode', c.ssl],
    // No application_name: a subscription's walsender then carries the subscription's name, which
    // pg_stat_replication shows and the pg-lag guard looks for.
  ];
  const render = (secret: string | undefined) =>
    [...pairs, ...(secret === undefined ? [] : ([['password', secret]] as Array<[string, string]>))]
      .map(([k, v]) => `${k}=${conninfoValue(v)}`)
      .join(' ');
  return { text: render(password), display: render(password === undefined ? undefined : REDACTED) };
}

/** libpq quotes a value in single quotes, with `\` escaping `'` and `\` (libpq docs, "Keyword/Value Connection Strings"). */
export function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

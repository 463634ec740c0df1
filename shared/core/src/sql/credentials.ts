import type { ConnectionConfig } from './connections';

/** Makes an RDS IAM auth token (a presigned `connect` URL, valid 15 minutes). */
export type IamTokenSource = (c: ConnectionConfig) => Promise<string>;

export class MissingPasswordError extends Error {
  constructor(connection: string, variable: string) {
    super(`connection "${connection}": the environment variable ${variable} that should hold its password is not set`);
    this.name = 'MissingPasswordError';
  }
}

/**
 * How node-postgres gets the password of a connection: read from the environment, or signed for
 * RDS IAM, at every new physical connection (tokens expire), so the secret is never kept in
 * configuration, logs or run records. Undefined leaves libpq's own sources (PGPASSWORD, ~/.pgpass).
 */
export function passwordSource(
  c: ConnectionConfig,
  env: NodeJS.ProcessEnv,
  iamToken: IamTokenSource = rdsIamToken,
): (() => Promise<string>) | undefined {
  if (c.iam) return () => iamToken(c);
  const variable = c.passwordEnv;
  if (!variable) return undefined;
  return async () => {
    const password = env[variable];
    if (password === undefined) throw new MissingPasswordError(c.name, variable);
    return password;
  };
}

/** The default IAM token source: `@aws-sdk/rds-signer` with the default credential chain (or the configured profile). */
export const rdsIamToken: IamTokenSource = async (c) => {
  const { Signer } = await import('@aws-sdk/rds-signer');
  const signer = new Signer({
    hostname: c.host,
    port: c.port,
    username: c.user,
    ...(c.iam?.region ? { region: c.iam.region } : {}),
    ...(c.iam?.profile ? { profile: c.iam.profile } : {}),
  });
  return signer.getAuthToken();
};

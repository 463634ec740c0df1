import { parse as parseYaml } from 'yaml';

/**
 * Named database connections, configured per environment (never in a runbook): a runbook says
 * `connection: blue`, the host's connections file says where blue is and how to log in.
 */
export interface ConnectionConfig {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** The environment variable that holds the password (read when connecting, never logged). */
  passwordEnv?: string;
  /** RDS IAM authentication: a 15-minute token from `@aws-sdk/rds-signer` instead of a password. */
  iam?: { region?: string; profile?: string };
  /** `disable` (loopback default), `require` (encrypted; the default elsewhere), `verify-full` (also checks the certificate). */
  ssl: SslMode;
  /** CA bundle for `verify-full` (for RDS: the global bundle from the RDS docs). */
  caFile?: string;
}

export const SSL_MODES = ['disable', 'require', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

const CONNECTION_KEYS = ['host', 'port', 'database', 'user', 'password-env', 'iam', 'ssl', 'ca-file'];

export class ConnectionConfigError extends Error {
  readonly hint =
    'see "Connections" in docs/runbook-format.md: `connections: { blue: { host, port, database, user, password-env | iam } }`';

  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ConnectionConfigError';
  }
}

/** Reads a connections file (YAML or JSON); reports every problem at once. */
export function parseConnections(text: string, file: string): ConnectionConfig[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new ConnectionConfigError(file, [`not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]);
  }
  const problems: string[] = [];
  const root = isRecord(doc) ? doc.connections : undefined;
  if (!isRecord(root)) throw new ConnectionConfigError(file, ['expected a map `connections:` of names to connections']);
  const connections: ConnectionConfig[] = [];
  for (const [name, value] of Object.entries(root)) {
    const connection = readConnection(name, value, (p) => problems.push(`connection \`${name}\`: ${p}`));
    if (connection) connections.push(connection);
  }
  if (problems.length) throw new ConnectionConfigError(file, problems);
  return connections;
}

function readConnection(name: string, value: unknown, problem: (text: string) => void): ConnectionConfig | undefined {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) problem('names are letters, digits, `_`, `-` and `.`');
  if (!isRecord(value)) {
    problem('must be a map with host, port, database, user');
    return undefined;
  }
  for (const key of Object.keys(value))
    if (!CONNECTION_KEYS.includes(key)) problem(`unknown key \`${key}\` (allowed: ${CONNECTION_KEYS.join(', ')})`);
  const text = (key: string, required: boolean): string | undefined => {
    const v = value[key];
    if (v === undefined || v === null) {
      if (required) problem(`\`${key}\` is required`);
      return undefined;
    }
    if (typeof v !== 'string' || !v) problem(`\`${key}\` must be a non-empty string`);
    return typeof v === 'string' ? v : undefined;
  };
  const host = text('host', true);
  const database = text('database', true);
  const user = text('user', true);
  const passwordEnv = text('password-env', false);
  const caFile = text('ca-file', false);
  const port = value.port === undefined ? 5432 : Number(value.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) problem('`port` must be a port number');
  const iam = readIam(value.iam, problem);
  if (iam && passwordEnv) problem('use either `password-env` or `iam`, not both');
  const sslValue = value.ssl ?? (host && isLoopback(host) ? 'disable' : 'require');
  if (!(SSL_MODES as readonly unknown[]).includes(sslValue)) problem(`\`ssl\` must be one of ${SSL_MODES.join(', ')}`);
  if (iam && sslValue === 'disable') problem('RDS IAM authentication needs `ssl: require` or `verify-full`');
  if (!host || !database || !user) return undefined;
  return {
    name,
    host,
    port,
    database,
    user,
    ...(passwordEnv ? { passwordEnv } : {}),
    ...(iam ? { iam } : {}),
    ssl: sslValue as SslMode,
    ...(caFile ? { caFile } : {}),
  };
}

function readIam(value: unknown, problem: (text: string) => void): ConnectionConfig['iam'] {
  if (value === undefined || value === false || value === null) return undefined;
  if (value === true) return {};
  if (!isRecord(value)) {
    problem('`iam` is `true` or `{ region, profile }`');
    return undefined;
  }
  const iam: NonNullable<ConnectionConfig['iam']> = {};
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'region' || key === 'profile') && typeof v === 'string') iam[key] = v;
    else problem(`\`iam.${key}\` is not a known string option (region, profile)`);
  }
  return iam;
}

/** `user@host:port/database (password from $ENV)`: how a connection is named in messages; never a secret. */
export function describeConnection(c: ConnectionConfig): string {
  const auth = c.iam ? 'RDS IAM token' : c.passwordEnv ? `password from $${c.passwordEnv}` : 'no password configured';
  return `${c.user}@${c.host}:${c.port}/${c.database} (${auth}, ssl ${c.ssl})`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1' || host.startsWith('/');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

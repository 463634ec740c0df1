import { ConnectionConfigError, describeConnection, parseConnections } from './connections';
import { MissingPasswordError, passwordSource, rdsIamToken } from './credentials';

const FILE = `
connections:
  blue:
    host: prod.cluster-abc.eu-west-1.rds.amazonaws.com
    database: app
    user: switchyard_ro
    password-env: BLUE_PGPASSWORD
  green:
    host: prod-green.cluster-def.eu-west-1.rds.amazonaws.com
    port: 5433
    database: app
    user: switchyard_ro
    iam: { region: eu-west-1 }
    ssl: verify-full
    ca-file: /etc/ssl/rds-global-bundle.pem
  local: { host: 127.0.0.1, database: app, user: me }
`;

describe('connections file', () => {
  it('reads named connections with defaults: port 5432, TLS except on loopback', () => {
    expect(parseConnections(FILE, 'connections.yaml')).toEqual([
      {
        name: 'blue',
        host: 'prod.cluster-abc.eu-west-1.rds.amazonaws.com',
        port: 5432,
        database: 'app',
        user: 'switchyard_ro',
        passwordEnv: 'BLUE_PGPASSWORD',
        ssl: 'require',
      },
      {
        name: 'green',
        host: 'prod-green.cluster-def.eu-west-1.rds.amazonaws.com',
        port: 5433,
        database: 'app',
        user: 'switchyard_ro',
        iam: { region: 'eu-west-1' },
        ssl: 'verify-full',
        caFile: '/etc/ssl/rds-global-bundle.pem',
      },
      { name: 'local', host: '127.0.0.1', port: 5432, database: 'app', user: 'me', ssl: 'disable' },
    ]);
  });

  it('reports every problem at once, naming the connection', () => {
    const bad = `connections:
  a: { host: h, database: d, user: u, password: secret }
  b: { host: h, user: u, port: 99999, iam: true, password-env: X, ssl: disable }
`;
    const error = (() => {
      try {
        parseConnections(bad, 'c.yaml');
      } catch (e) {
        return e as ConnectionConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConnectionConfigError);
    expect(error!.problems).toEqual([
      'connection `a`: unknown key `password` (allowed: host, port, database, user, password-env, iam, ssl, ca-file)',
      'connection `b`: `database` is required',
      'connection `b`: `port` must be a port number',
      'connection `b`: use either `password-env` or `iam`, not both',
      'connection `b`: RDS IAM authentication needs `ssl: require` or `verify-full`',
    ]);
    expect(() => parseConnections('blue: {}', 'c.yaml')).toThrow('c.yaml: expected a map `connections:` of names to connections');
  });

  it('describes a connection without any secret', () => {
    const [blue, green] = parseConnections(FILE, 'connections.yaml');
    expect(describeConnection(blue)).toBe(
      'switchyard_ro@prod.cluster-abc.eu-west-1.rds.amazonaws.com:5432/app (password from $BLUE_PGPASSWORD, ssl require)',
    );
    expect(describeConnection(green)).toContain('(RDS IAM token, ssl verify-full)');
  });
});

describe('passwords', () => {
  const [blue, green, local] = parseConnections(FILE, 'connections.yaml');

  it('reads the named environment variable when connecting, and says which one is missing', async () => {
    await expect(passwordSource(blue, { BLUE_PGPASSWORD: 's3cret' })!()).resolves.toBe('s3cret');
    await expect(passwordSource(blue, {})!()).rejects.toBeInstanceOf(MissingPasswordError);
    expect(passwordSource(local, {})).toBeUndefined();
  });

  it('signs an RDS IAM token for the connection’s host, port and user', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: '' });
    delete process.env.AWS_PROFILE;
    try {
      const token = await passwordSource(green, {})!();
      expect(token).toMatch(
        /^prod-green\.cluster-def\.eu-west-1\.rds\.amazonaws\.com:5433\/\?Action=connect&DBUser=switchyard_ro&X-Amz-Algorithm=AWS4-HMAC-SHA256/,
      );
      expect(token).toContain('eu-west-1%2Frds-db%2Faws4_request');
      const fake = jest.fn(async () => 'token');
      await passwordSource(green, {}, fake)!();
      expect(fake).toHaveBeenCalledWith(green);
      expect(rdsIamToken).toBeInstanceOf(Function);
    } finally {
      process.env = saved;
    }
  });
});

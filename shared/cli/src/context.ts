import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConnectionConfigError,
  Engine,
  FileRunStore,
  NodeShellGateway,
  parseConnections,
  PgSqlGateway,
  SdkAwsGateway,
} from '@switchyard/core';
import { UsageError } from './args';

/** Flags of the commands that drive runs (run, runs --resume, the controls): what this host may do. */
export const ENGINE_FLAGS = {
  'trust-shell': { type: 'boolean' },
  connections: { type: 'string' },
  'allow-sql-writes': { type: 'boolean' },
} as const;

/** Connection and identity settings every command shares; flags win over environment. */
export interface CliSettings {
  endpoint?: string;
  region: string;
  profile?: string;
  storeDir: string;
  actor: string;
  timeScale: number;
  trustShell: boolean;
  /** A YAML file of named database connections (`--connections`, SWITCHYARD_CONNECTIONS). */
  connectionsFile?: string;
  /** `sql` blocks with `write: true` may run (`--allow-sql-writes`). */
  allowSqlWrites: boolean;
}

export function settingsFrom(flags: Record<string, string | boolean | string[] | undefined>): CliSettings {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  return {
    endpoint: str(flags.endpoint) ?? str(process.env.SWITCHYARD_ENDPOINT),
    region: str(flags.region) ?? str(process.env.AWS_REGION) ?? str(process.env.AWS_DEFAULT_REGION) ?? 'us-east-1',
    profile: str(flags.profile) ?? undefined,
    storeDir: path.resolve(str(flags.store) ?? str(process.env.SWITCHYARD_STORE) ?? '.switchyard'),
    actor: str(flags.as) ?? str(process.env.SWITCHYARD_USER) ?? os.userInfo().username,
    timeScale: Number(str(flags['time-scale']) ?? process.env.SWITCHYARD_TIME_SCALE ?? 1) || 1,
    trustShell: flags['trust-shell'] === true,
    connectionsFile: str(flags.connections) ?? str(process.env.SWITCHYARD_CONNECTIONS),
    allowSqlWrites: flags['allow-sql-writes'] === true,
  };
}

export interface CliEngine {
  engine: Engine;
  aws: SdkAwsGateway;
  store: FileRunStore;
  /** Releases the AWS client and the database pools. */
  dispose(): Promise<void>;
}

export function createEngine(settings: CliSettings): CliEngine {
  const sql = settings.connectionsFile
    ? new PgSqlGateway({ connections: readConnections(settings.connectionsFile), allowWrites: settings.allowSqlWrites })
    : undefined;
  const aws = new SdkAwsGateway({ region: settings.region, endpoint: settings.endpoint, profile: settings.profile });
  const store = new FileRunStore(settings.storeDir);
  const engine = new Engine({
    store,
    aws,
    sql,
    shell: new NodeShellGateway(),
    allowShell: settings.trustShell,
    timeScale: settings.timeScale,
  });
  return {
    engine,
    aws,
    store,
    dispose: async () => {
      aws.destroy();
      await sql?.close();
    },
  };
}

function readConnections(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the connections file ${file}: ${(error as Error).message}`);
  }
  try {
    return parseConnections(text, file);
  } catch (error) {
    throw new UsageError(error instanceof ConnectionConfigError ? `${error.message}\n${error.hint}` : String(error));
  }
}

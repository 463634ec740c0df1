import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConnectionConfigError,
  environmentSecrets,
  FileRunStore,
  NodeHttpGateway,
  NodeShellGateway,
  parseConnections,
  PgSqlGateway,
  RunHost,
  SdkAwsGateway,
  type Actor,
  type HttpStartPolicy,
} from '@switchyard/core';
import { UsageError } from './args';

/** Flags of the commands that drive runs (run, runs --resume, the controls): what this host may do. */
export const ENGINE_FLAGS = {
  'trust-shell': { type: 'boolean' },
  'trust-http': { type: 'boolean' },
  connections: { type: 'string' },
  'allow-sql-writes': { type: 'boolean' },
} as const;

/** Connection and identity settings every command shares; flags win over environment. */
export interface CliSettings {
  endpoint?: string;
  region: string;
  profile?: string;
  storeDir: string;
  /** Who you are (`--as`, SWITCHYARD_USER, the OS user) and your groups for runbook `approvers:` (`--groups`, SWITCHYARD_GROUPS). Honour system: the CLI cannot check either. */
  actor: Actor;
  timeScale: number;
  trustShell: boolean;
  /** `http` blocks may send requests (`--trust-http`), to any host, with secrets from `SWITCHYARD_SECRET_<NAME>`. */
  trustHttp: boolean;
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
    actor: {
      name: str(flags.as) ?? str(process.env.SWITCHYARD_USER) ?? os.userInfo().username,
      groups: splitList(str(flags.groups) ?? str(process.env.SWITCHYARD_GROUPS)),
    },
    timeScale: Number(str(flags['time-scale']) ?? process.env.SWITCHYARD_TIME_SCALE ?? 1) || 1,
    trustShell: flags['trust-shell'] === true,
    trustHttp: flags['trust-http'] === true,
    connectionsFile: str(flags.connections) ?? str(process.env.SWITCHYARD_CONNECTIONS),
    allowSqlWrites: flags['allow-sql-writes'] === true,
  };
}

/** The AWS gateway the flags describe (`--endpoint`, `--region`, `--profile`). */
export function createAwsGateway(settings: CliSettings): SdkAwsGateway {
  return new SdkAwsGateway({ region: settings.region, endpoint: settings.endpoint, profile: settings.profile });
}

/** The CLI's name for the AWS target its flags describe, recorded on the runs it starts. */
export function cliTargetKey(settings: CliSettings): string {
  return `${settings.endpoint ?? 'aws'}@${settings.region}`;
}

export interface CliHost {
  host: RunHost;
  /** The store the host keeps runs in (rollouts live there too). */
  store: FileRunStore;
  /** The target key of the runs this invocation starts. */
  target: string;
  /** Releases the AWS client and the database pools. */
  dispose(): Promise<void>;
}

/**
 * The run host of one CLI invocation, on the file store. Every run it touches — whatever target it
 * was started on — is driven with the AWS target, connections and trust this invocation's flags
 * give (the operator at the terminal decides where a resumed run's calls go).
 */
export function createRunHost(settings: CliSettings): CliHost {
  const sql = settings.connectionsFile
    ? new PgSqlGateway({ connections: readConnections(settings.connectionsFile), allowWrites: settings.allowSqlWrites })
    : undefined;
  const aws = createAwsGateway(settings);
  const services = {
    aws,
    sql,
    shell: new NodeShellGateway(),
    allowShell: settings.trustShell,
    http: cliHttpGateway(),
    allowHttp: settings.trustHttp,
    timeScale: settings.timeScale,
  };
  const store = new FileRunStore(settings.storeDir);
  const host = new RunHost({ store, kind: 'cli', target: () => services });
  return {
    host,
    store,
    target: cliTargetKey(settings),
    dispose: async () => {
      await host.shutdown();
      aws.destroy();
      await sql?.close();
    },
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
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

/** Trusted like sh: the operator at the terminal vouches for the runbook, so any host; secrets from the environment. */
function cliHttpGateway(): NodeHttpGateway {
  return new NodeHttpGateway({ secrets: environmentSecrets() });
}

/** Where http blocks may send from this CLI, as a run's start checks it (`--trust-http`; any host): also what a rollout's plan checks. */
export function cliHttpPolicy(settings: Pick<CliSettings, 'trustHttp'>): HttpStartPolicy {
  const http = cliHttpGateway();
  return { allowed: settings.trustHttp, host: 'cli', refusal: (url) => http.refusal(url) };
}

import * as os from 'node:os';
import * as path from 'node:path';
import { Engine, FileRunStore, NodeShellGateway, SdkAwsGateway } from '@switchyard/core';

/** Connection and identity settings every command shares; flags win over environment. */
export interface CliSettings {
  endpoint?: string;
  region: string;
  profile?: string;
  storeDir: string;
  actor: string;
  timeScale: number;
  trustShell: boolean;
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
  };
}

export function createEngine(settings: CliSettings): { engine: Engine; aws: SdkAwsGateway; store: FileRunStore } {
  const aws = new SdkAwsGateway({ region: settings.region, endpoint: settings.endpoint, profile: settings.profile });
  const store = new FileRunStore(settings.storeDir);
  const engine = new Engine({
    store,
    aws,
    shell: new NodeShellGateway(),
    allowShell: settings.trustShell,
    timeScale: settings.timeScale,
  });
  return { engine, aws, store };
}

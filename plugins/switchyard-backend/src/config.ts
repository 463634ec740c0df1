/** The `switchyard` section of app-config, read once with defaults and checked. */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Config } from '@backstage/config';
import { hostAllowList } from '@switchyard/core';

export interface SimulatorSettings {
  url?: string;
  fleet: 'demo' | number;
  extraClusters: number;
  timeScale: number;
  seed?: number;
  port?: number;
  catalog: boolean;
}

export interface SwitchyardSettings {
  runbookDirs: string[];
  allowShell: boolean;
  allowSqlWrites: boolean;
  connectionsFile?: string;
  /** `http` blocks: the hosts they may reach (none: every request is refused) and the secrets their headers may name. */
  http: { allowedHosts: string[]; secrets: Record<string, string> };
  requireFourEyes: boolean;
  leaseMs: number;
  sweepMs: number;
  regions: string[];
  cost: { prices: 'api' | 'snapshot'; actuals: boolean };
  simulator?: SimulatorSettings;
}

export function readSwitchyardSettings(root: Config): SwitchyardSettings {
  const config = root.getOptionalConfig('switchyard');
  const prices = config?.getOptionalString('cost.prices') ?? 'api';
  if (prices !== 'api' && prices !== 'snapshot') throw new Error(`switchyard.cost.prices must be "api" or "snapshot", not "${prices}"`);
  const connectionsFile = config?.getOptionalString('connectionsFile');
  return {
    runbookDirs: (config?.getOptionalStringArray('runbookDirs') ?? [DEFAULT_RUNBOOKS]).map(resolveDir),
    allowShell: config?.getOptionalBoolean('allowShell') ?? false,
    allowSqlWrites: config?.getOptionalBoolean('allowSqlWrites') ?? false,
    connectionsFile: connectionsFile ? resolveExisting(connectionsFile, 'switchyard.connectionsFile', 'file') : undefined,
    http: readHttp(config?.getOptionalConfig('http')),
    requireFourEyes: config?.getOptionalBoolean('requireFourEyes') ?? true,
    leaseMs: positive(config?.getOptionalNumber('leaseSeconds') ?? 60, 'switchyard.leaseSeconds') * 1000,
    sweepMs: positive(config?.getOptionalNumber('sweepSeconds') ?? 15, 'switchyard.sweepSeconds') * 1000,
    regions: config?.getOptionalStringArray('regions') ?? [],
    cost: { prices, actuals: config?.getOptionalBoolean('cost.actuals') ?? true },
    simulator: readSimulator(config?.getOptionalConfig('simulator')),
  };
}

function readHttp(config: Config | undefined): SwitchyardSettings['http'] {
  const allowedHosts = config?.getOptionalStringArray('allowedHosts') ?? [];
  // Checked here so a malformed entry stops the backend at start, not a run at its http step.
  hostAllowList(allowedHosts, 'switchyard.http.allowedHosts');
  const secretsConfig = config?.getOptionalConfig('secrets');
  const secrets = Object.fromEntries((secretsConfig?.keys() ?? []).map((name) => [name, secretsConfig!.getString(name)]));
  return { allowedHosts, secrets };
}

/** Only the part the catalog module needs (it must not fail on the rest). */
export function readSimulatorSettings(root: Config): SimulatorSettings | undefined {
  return readSimulator(root.getOptionalConfig('switchyard.simulator'));
}

function readSimulator(config: Config | undefined): SimulatorSettings | undefined {
  if (!config) return undefined;
  const fleet = config.getOptional<string | number>('fleet') ?? 'demo';
  if (fleet !== 'demo' && !(Number(fleet) > 0))
    throw new Error(`switchyard.simulator.fleet must be "demo" or a number of clusters, not "${fleet}"`);
  return {
    url: config.getOptionalString('url'),
    fleet: fleet === 'demo' ? 'demo' : Number(fleet),
    extraClusters: config.getOptionalNumber('extraClusters') ?? 0,
    timeScale: positive(config.getOptionalNumber('timeScale') ?? 1, 'switchyard.simulator.timeScale'),
    seed: config.getOptionalNumber('seed'),
    port: config.getOptionalNumber('port'),
    catalog: config.getOptionalBoolean('catalog') ?? false,
  };
}

function positive(value: number, key: string): number {
  if (!(value > 0)) throw new Error(`${key} must be a positive number, not ${value}`);
  return value;
}

const DEFAULT_RUNBOOKS = 'runbooks';

/**
 * A relative directory is looked up from the working directory and its parents, then from this
 * package's directory upwards (the repository's `runbooks/` whether the backend runs from the
 * repository root, the plugin's directory or its build output; in an installed package, the
 * runbooks it ships).
 */
function resolveDir(dir: string): string {
  return resolveExisting(dir, 'switchyard.runbookDirs', 'directory');
}

function resolveExisting(p: string, key: string, kind: 'file' | 'directory'): string {
  const fits = (candidate: string) =>
    existsSync(candidate) && (kind === 'file' ? statSync(candidate).isFile() : statSync(candidate).isDirectory());
  if (path.isAbsolute(p)) {
    if (fits(p)) return p;
    throw new Error(`${key}: ${p} is not an existing ${kind}`);
  }
  // From the package's root, not __dirname: a built package has dist/runbooks/ (the compiled runbook
  // library), and the runbooks it ships sit beside dist/ (`files` in package.json).
  const starts = [process.cwd(), path.dirname(__dirname)];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, p);
      if (fits(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`${key}: no ${kind} ${p} in ${process.cwd()} or any parent directory; give an absolute path`);
}

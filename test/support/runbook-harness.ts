/**
 * End-to-end harness for the shipped runbooks: a fresh simulator, a run store, the built CLI as a
 * child process (`switchyard run … --json`), and the real RDS SDK to read the AWS end state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CreateBlueGreenDeploymentCommand,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeGlobalClustersCommand,
  RDSClient,
  SwitchoverBlueGreenDeploymentCommand,
  type BlueGreenDeployment,
  type DBCluster,
} from '@aws-sdk/client-rds';
import { startSimulator, type RequestLogEntry, type RunningSimulator } from '@switchyard/simulator';
import { cli, runCli, type CliResult } from './cli';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core';

/** One line of `switchyard run --json`. */
export interface RunEventLine {
  type: string;
  runId: string;
  stepId?: string;
  phase?: string;
  status?: string;
  output?: Record<string, unknown>;
  line?: { level: string; text: string };
}

export interface RunbookResult extends CliResult {
  events: RunEventLine[];
  runId?: string;
  /** Output of each step that produced one, by step id (the last one wins). */
  outputs: Record<string, Record<string, unknown>>;
  /** Every log line of the run, joined. */
  log: string;
}

export interface RunOptions {
  region?: string;
  /**
   * Approve approvals as this person (`--approve --approver`, default bob); `'starter'` passes
   * only `--approve` (the starter cannot pass a four-eyes approval); `false` leaves them open.
   */
  approver?: string | false;
  /** Called with each event as it arrives (e.g. to inject a fault at a given step). */
  onEvent?: (event: RunEventLine) => void;
  /** More CLI flags (e.g. `--connections file`) and environment for the run. */
  extraArgs?: string[];
  env?: Record<string, string>;
}

export interface InstanceState {
  id: string;
  az: string;
  tier: number;
  status: string;
  isWriter: boolean;
  cluster?: string;
  class?: string;
}

/** A fresh simulator and run store per test; `close()` in afterEach. */
export class RunbookHarness {
  private readonly clients = new Map<string, RDSClient>();
  /** Where the CLI sends AWS calls (default: the simulator); e.g. a proxy in front of it. */
  endpoint?: string;

  private constructor(
    readonly sim: RunningSimulator,
    readonly store: string,
    readonly timeScale: number,
  ) {}

  static async start(timeScale: number): Promise<RunbookHarness> {
    const sim = await startSimulator({ port: 0, fleet: 'demo', timeScale });
    return new RunbookHarness(sim, mkdtempSync(path.join(tmpdir(), 'switchyard-runbook-')), timeScale);
  }

  async close(): Promise<void> {
    for (const client of this.clients.values()) client.destroy();
    await this.sim.stop();
    rmSync(this.store, { recursive: true, force: true });
  }

  /** Connection flags every CLI call of this harness uses. */
  common(region = 'us-east-1'): string[] {
    return ['--endpoint', this.endpoint ?? this.sim.url, '--region', region, '--store', this.store, '--time-scale', String(this.timeScale)];
  }

  /** `switchyard run runbooks/<file> --param k=v … --json`, followed to its end. */
  async run(file: string, params: Record<string, string>, options: RunOptions = {}): Promise<RunbookResult> {
    const args = ['run', `runbooks/${file}`, ...Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`])];
    const approver = options.approver ?? 'bob';
    if (approver === 'starter') args.push('--approve');
    else if (approver !== false) args.push('--approve', '--approver', approver);
    const { child, done } = runCli([...args, ...this.common(options.region), ...(options.extraArgs ?? []), '--json'], options.env);
    if (options.onEvent) {
      let pending = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) options.onEvent!(JSON.parse(line) as RunEventLine);
      });
    }
    return parseRunEvents(await done);
  }

  /** Another person answers the approval a run waits for, from another process. */
  async approve(runId: string, as: string, region?: string, options: Pick<RunOptions, 'extraArgs' | 'env'> = {}): Promise<RunbookResult> {
    return parseRunEvents(
      await cli(['approve', runId, '--as', as, ...this.common(region), ...(options.extraArgs ?? []), '--json'], options.env),
    );
  }

  rds(region = 'us-east-1'): RDSClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new RDSClient({ region, endpoint: this.sim.url, credentials: SIMULATOR_CREDENTIALS, maxAttempts: 1 });
      this.clients.set(region, client);
    }
    return client;
  }

  async cluster(id: string, region = 'us-east-1'): Promise<DBCluster | undefined> {
    const out = await this.rds(region).send(new DescribeDBClustersCommand({ Filters: [{ Name: 'db-cluster-id', Values: [id] }] }));
    return out.DBClusters?.[0];
  }

  async clusterIds(region = 'us-east-1'): Promise<string[]> {
    const out = await this.rds(region).send(new DescribeDBClustersCommand({}));
    return (out.DBClusters ?? []).map((c) => c.DBClusterIdentifier!);
  }

  /** The instances of a cluster as AWS reports them: AZ, tier, status, writer or not. */
  async instances(clusterId: string, region = 'us-east-1'): Promise<InstanceState[]> {
    const cluster = await this.cluster(clusterId, region);
    const writers = new Set((cluster?.DBClusterMembers ?? []).filter((m) => m.IsClusterWriter).map((m) => m.DBInstanceIdentifier));
    const out = await this.rds(region).send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: [clusterId] }] }));
    return (out.DBInstances ?? [])
      .map((i) => ({
        id: i.DBInstanceIdentifier!,
        az: i.AvailabilityZone!,
        tier: i.PromotionTier!,
        status: i.DBInstanceStatus!,
        isWriter: writers.has(i.DBInstanceIdentifier),
        cluster: i.DBClusterIdentifier,
        class: i.DBInstanceClass,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async writer(clusterId: string, region = 'us-east-1'): Promise<string | undefined> {
    return (await this.instances(clusterId, region)).find((i) => i.isWriter)?.id;
  }

  async globalCluster(id: string, region = 'us-east-1') {
    const out = await this.rds(region).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: id }));
    return out.GlobalClusters![0];
  }

  async deployments(): Promise<BlueGreenDeployment[]> {
    return (await this.rds().send(new DescribeBlueGreenDeploymentsCommand({}))).BlueGreenDeployments ?? [];
  }

  async deployment(name: string): Promise<BlueGreenDeployment | undefined> {
    return (await this.deployments()).find((d) => d.BlueGreenDeploymentName === name);
  }

  /**
   * Creates a Blue/Green deployment of `clusterId` and waits until AWS has provisioned green
   * (~25 minutes of AWS time, divided by the time scale). The request log is cleared afterwards:
   * it then shows only what the runbook sends.
   */
  async createDeployment(name: string, clusterId: string, targetVersion: string, targetGroup: string): Promise<BlueGreenDeployment> {
    const source = (await this.cluster(clusterId))!.DBClusterArn!;
    await this.rds().send(
      new CreateBlueGreenDeploymentCommand({
        BlueGreenDeploymentName: name,
        Source: source,
        TargetEngineVersion: targetVersion,
        TargetDBClusterParameterGroupName: targetGroup,
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const deployment = await this.deployment(name);
      if (deployment?.Status === 'AVAILABLE') {
        this.sim.control.clearRequests();
        return deployment;
      }
      if (Date.now() > deadline) throw new Error(`deployment ${name} still ${deployment?.Status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Switches a deployment over directly through the API (as a finished switchover run would have). */
  async switchOver(name: string): Promise<BlueGreenDeployment> {
    const id = (await this.deployment(name))!.BlueGreenDeploymentIdentifier!;
    await this.rds().send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const deployment = (await this.deployment(name))!;
      if (deployment.Status === 'SWITCHOVER_COMPLETED') {
        this.sim.control.clearRequests();
        return deployment;
      }
      if (Date.now() > deadline) throw new Error(`deployment ${name} still ${deployment.Status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The requests AWS received that change something (anything but Describe*, List*, Get*). */
  mutations(since = 0): RequestLogEntry[] {
    return this.sim.control
      .requests()
      .slice(since)
      .filter((r) => !/^(Describe|List|Get)/.test(r.operation));
  }

  requestCount(): number {
    return this.sim.control.requests().length;
  }
}

/** The events, run id, outputs and log of a `switchyard run --json`. */
export function parseRunEvents(result: CliResult): RunbookResult {
  const events = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as RunEventLine);
  const outputs: Record<string, Record<string, unknown>> = {};
  for (const e of events) if (e.type === 'step' && e.stepId && e.output) outputs[e.stepId] = e.output;
  const log = events
    .filter((e) => e.type === 'log' && e.line)
    .map((e) => e.line!.text)
    .join('\n');
  return { ...result, events, runId: events.find((e) => e.runId)?.runId, outputs, log };
}

/** Waits until `check` passes (AWS transitions finish on the simulator clock); generous, as machines are slow. */
export async function eventually(check: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

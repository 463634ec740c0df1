import { advance } from '../model/advance';
import { createBlueGreen, finishProvisioning } from '../model/blue-green';
import type { ModelContext } from '../model/context';
import { emptyFaults } from '../model/faults';
import { newIds } from '../model/ids';
import { arns } from '../model/arn';
import { familyOf } from '../model/parameter-catalog';
import { DEFAULT_TIMINGS, type MetricAlarm, type SimState, type Tag } from '../model/types';

export interface InstanceSpec {
  id: string;
  instanceClass: string;
  availabilityZone: string;
  promotionTier: number;
  status?: 'available' | 'creating';
}

export interface ClusterSpec {
  region: string;
  id: string;
  engineVersion: string;
  parameterGroup?: string;
  /** Writer instance id; absent for a global secondary. */
  writer?: string;
  instances: InstanceSpec[];
  tags?: Tag[];
  createdDaysAgo?: number;
}

export const DEFAULT_ACCOUNT = '123456789012';
const ENGINE = 'aurora-postgresql';

/** Builds a consistent fleet through the same model functions the API uses. */
export class FleetBuilder {
  readonly state: SimState;

  constructor(
    seed: number,
    readonly now: number,
    /** Time scale of the simulator that will run the fleet: in-flight transitions finish scaled. */
    readonly timeScale = 1,
  ) {
    this.state = {
      formatVersion: 1,
      accountId: DEFAULT_ACCOUNT,
      seed,
      nextId: 1,
      timings: { ...DEFAULT_TIMINGS },
      clusters: [],
      instances: [],
      globalClusters: [],
      blueGreenDeployments: [],
      clusterParameterGroups: [],
      events: [],
      alarms: [],
      clientNames: [],
      jobs: [],
      faults: emptyFaults(),
    };
  }

  context(now = this.now): ModelContext {
    return { state: this.state, now, timeScale: 1 };
  }

  parameterGroup(region: string, name: string, family: string, description: string, overrides: Record<string, string> = {}): this {
    if (!this.state.clusterParameterGroups.some((g) => g.region === region && g.name === name)) {
      this.state.clusterParameterGroups.push({ region, name, family, description, overrides, tags: [] });
    }
    return this;
  }

  cluster(spec: ClusterSpec): this {
    const createdAt = this.now - (spec.createdDaysAgo ?? 200) * 86_400_000;
    const family = familyOf(ENGINE, spec.engineVersion);
    const group = spec.parameterGroup ?? `default.${family}`;
    this.parameterGroup(
      spec.region,
      group,
      family,
      group.startsWith('default.') ? `Default cluster parameter group for ${family}` : `${spec.id} cluster parameters`,
    );
    this.state.clusters.push({
      region: spec.region,
      id: spec.id,
      resourceId: newIds.clusterResourceId(this.state),
      engine: ENGINE,
      engineVersion: spec.engineVersion,
      status: 'available',
      parameterGroup: group,
      writerId: spec.writer,
      createdAt,
      port: 5432,
      masterUsername: 'postgres',
      deletionProtection: false,
      tags: spec.tags ?? [],
    });
    this.state.clientNames.push(`${spec.region}:${spec.id}`);
    for (const instance of spec.instances) {
      this.state.instances.push({
        region: spec.region,
        id: instance.id,
        clusterId: spec.id,
        instanceClass: instance.instanceClass,
        availabilityZone: instance.availabilityZone,
        promotionTier: instance.promotionTier,
        status: instance.status ?? 'available',
        resourceId: newIds.instanceResourceId(this.state),
        engine: ENGINE,
        engineVersion: spec.engineVersion,
        createdAt,
        tags: spec.tags ? spec.tags.map((t) => ({ ...t })) : [],
      });
      if (instance.status === 'creating') {
        this.state.jobs.push({
          kind: 'instance-available',
          region: spec.region,
          instanceId: instance.id,
          event: 'created',
          id: this.state.nextId++,
          dueAt: this.now + (5 * 60_000) / this.timeScale,
        });
      }
    }
    return this;
  }

  globalCluster(
    id: string,
    primary: { region: string; clusterId: string },
    secondaries: { region: string; clusterId: string }[],
    engineVersion: string,
  ): this {
    this.state.globalClusters.push({
      id,
      resourceId: newIds.clusterResourceId(this.state),
      engine: ENGINE,
      engineVersion,
      status: 'available',
      members: [
        { ...primary, isWriter: true, synchronizationStatus: 'connected' },
        ...secondaries.map((s) => ({ ...s, isWriter: false, synchronizationStatus: 'connected' as const })),
      ],
      deletionProtection: false,
      createdAt: this.now - 150 * 86_400_000,
      tags: [],
    });
    return this;
  }

  /** A blue/green deployment created `startedMinutesAgo`; AVAILABLE once provisioning time has passed. */
  blueGreen(
    region: string,
    name: string,
    clusterId: string,
    targetEngineVersion: string,
    targetGroup: string | undefined,
    startedMinutesAgo: number,
    tags: Tag[] = [],
  ): this {
    const ctx = this.context(this.now - startedMinutesAgo * 60_000);
    const deployment = createBlueGreen(ctx, {
      region,
      name,
      sourceArn: arns.cluster(this.state, region, clusterId),
      targetEngineVersion,
      targetClusterParameterGroup: targetGroup,
      tags,
    });
    // As Switchyard's blue/green runbook does: tag what the deployment created, for cost allocation.
    // Green spans every region of a Global Database.
    const greenTag = { Key: 'switchyard:deployment', Value: name };
    for (const pair of deployment.members.filter((p) => p.kind === 'cluster')) {
      const greenRegion = pair.region ?? region;
      for (const c of this.state.clusters) if (c.region === greenRegion && c.id === pair.target) c.tags.push({ ...greenTag });
      for (const i of this.state.instances) if (i.region === greenRegion && i.clusterId === pair.target) i.tags.push({ ...greenTag });
    }
    advance(this.context());
    if (deployment.status === 'PROVISIONING' && deployment.provisionedAt <= this.now) finishProvisioning(this.context(), deployment);
    return this;
  }

  alarm(
    alarm: Omit<MetricAlarm, 'state' | 'stateReason' | 'stateUpdatedAt' | 'namespace' | 'evaluationPeriods' | 'periodSec'> &
      Partial<MetricAlarm>,
  ): this {
    this.state.alarms.push({
      namespace: 'AWS/RDS',
      evaluationPeriods: 1,
      periodSec: 60,
      state: 'OK',
      stateReason: 'Threshold Crossed: no datapoints were breaching the threshold.',
      stateUpdatedAt: this.now - 86_400_000,
      ...alarm,
    });
    return this;
  }

  build(): SimState {
    return this.state;
  }
}

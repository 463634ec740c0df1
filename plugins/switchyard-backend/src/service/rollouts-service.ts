/**
 * The backend's rollouts: one runbook over many clusters in waves (core rollout/), planned against
 * the catalog's databases, each cluster's run an ordinary run of the backend's RunHost (started
 * from the cluster's entity, on its account and region), and driven here by the core's
 * RolloutDriver under the rollout's lease in the knex store: whichever replica holds the lease
 * drives it, the others leave it; a sweep drives rollouts whose driver has gone (and those left
 * at startup). The router parses, authorizes and audits; this plans, records and drives.
 */
import { randomBytes } from 'node:crypto';
import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  switchyardRunCreatePermission,
  type RolloutPlanRequest,
  type RolloutPlanResponse,
  type RolloutView,
} from '@switchyard/backstage-plugin-switchyard-common';
import {
  allRollouts,
  clusterControlEffects,
  rolloutCursor,
  rolloutListPage,
  fetchClusterFacts,
  fetchTopology,
  planRollout,
  ROLLOUT_ENDED,
  RolloutDriver,
  RolloutLeaseHeldError,
  RolloutNotFoundError,
  rolloutControlEffects,
  rolloutFromPlan,
  rolloutProgress,
  switchoverHistory,
  type Actor,
  type ClusterFacts,
  type Rollout,
  type RolloutControl,
  type RolloutPlan,
  type RolloutList,
  type RolloutListQuery,
  type RolloutSummary,
  mapLimit,
  rolloutHttpProblems,
} from '@switchyard/core';
import type { AwsAccess } from '../aws/aws-access';
import type { SwitchyardSettings } from '../config';
import type { RunbookLibrary } from '../runbooks/runbook-library';
import type { KnexRunStore } from '../store/knex-run-store';
import { authorizeOnEntities } from './authorize';
import { listDatabaseEntities, type DatabaseEntity } from './entities';
import { runParams } from './run-params';
import { targetKey, type RunsService } from './runs-service';

export interface RolloutsServiceOptions {
  store: KnexRunStore;
  runs: RunsService;
  access: AwsAccess;
  runbooks: RunbookLibrary;
  catalog: CatalogService;
  permissions: PermissionsService;
  settings: SwitchyardSettings;
  logger: LoggerService;
  /** How often runs in progress are looked at while a rollout is driven (default 1 s). */
  pollMs?: number;
}

type User = BackstageCredentials<BackstageUserPrincipal>;
type Reader = BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>;

/** Topology reads at once while a plan checks each cluster's params against its own database. */
const TOPOLOGY_CONCURRENCY = 8;

/** Runs the driver aborts or retries for a rollout are controlled in the rollout's name (the rollout's audit names the person). */
const DRIVER_ACTOR: Actor = { name: 'switchyard:rollout', groups: [] };

export class RolloutsService {
  private readonly driver: RolloutDriver;
  /** Rollouts this replica drives now; `again` when a change came in while it was finishing. */
  private readonly driving = new Map<string, { again: boolean }>();
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: RolloutsServiceOptions) {
    this.driver = new RolloutDriver({
      host: options.runs.host,
      store: options.store,
      actor: DRIVER_ACTOR,
      leaseMs: options.settings.leaseMs,
      pollMs: options.pollMs ?? 1000,
    });
    // A rollout's run changed (an approval given on its page, a run ended): drive its rollout on at once, not at the next sweep.
    this.unsubscribe = options.runs.subscribe((event, run) => {
      if (event.type === 'run' && run.rollout) this.kick(run.rollout.id);
    });
  }

  /** The plan a start would record, with each cluster's params resolved; refused whole when any cluster is not the user's to run on. */
  async plan(request: RolloutPlanRequest, credentials: User): Promise<RolloutPlanResponse> {
    const { plan, runbook, warnings } = await this.planFor(request, credentials);
    return {
      runbook: { id: runbook.detail.id, title: runbook.detail.title },
      clusters: plan.clusters,
      waves: plan.waves,
      spec: plan.spec,
      budget: plan.budget,
      notes: plan.notes,
      warnings,
    };
  }

  /** Plans again (nothing the client sends is taken as planned), records the rollout and drives it here. */
  async start(request: RolloutPlanRequest, credentials: User): Promise<Rollout> {
    const { plan, runbook } = await this.planFor(request, credentials);
    const rollout = rolloutFromPlan({
      plan,
      runbook: { file: runbook.detail.id, title: runbook.detail.title, source: runbook.detail.source },
      selection: request.selection,
      // Every cluster carries its own account and region; this names them for people.
      target: [...new Set(plan.clusters.map((c) => c.target))].join(','),
      startedBy: credentials.principal.userEntityRef,
      now: new Date(),
      suffix: randomBytes(3).toString('hex'),
      title: request.title?.trim() || undefined,
    });
    await this.options.store.createRollout(rollout);
    this.options.logger.info('Switchyard rollout started', {
      rolloutId: rollout.id,
      actor: rollout.startedBy,
      runbook: runbook.detail.id,
      clusters: rollout.clusters.length,
      waves: plan.waves.join(','),
    });
    this.kick(rollout.id);
    return rollout;
  }

  /**
   * A page, newest first, of the rollouts whose every cluster the caller may see: store pages of
   * summaries and their clusters' entity refs (never the records), one catalog request per store
   * page, until `limit` are visible or the store has no more.
   */
  async list(credentials: Reader, query: RolloutListQuery = {}): Promise<RolloutList> {
    const { limit } = rolloutListPage(query);
    const rollouts: RolloutSummary[] = [];
    let cursor = query.cursor;
    for (;;) {
      const page = await this.options.store.listRollouts({ limit, cursor });
      const access = await this.options.store.rolloutAccess(page.rollouts.map((s) => s.id));
      const visible = await this.visibleRefs(
        [...access.values()].flatMap((a) => a.entityRefs),
        credentials,
      );
      for (const summary of page.rollouts) {
        const a = access.get(summary.id);
        const readable = a && (a.withoutEntity ? credentials.principal.type === 'service' : a.entityRefs.every((r) => visible.has(r)));
        if (!readable) continue;
        rollouts.push(summary);
        if (rollouts.length === limit) {
          const more = summary !== page.rollouts[page.rollouts.length - 1] || page.next !== undefined;
          return more ? { rollouts, next: rolloutCursor(summary) } : { rollouts };
        }
      }
      if (!page.next) return { rollouts };
      cursor = page.next;
    }
  }

  /** The rollout; 404 when there is none or the caller may not see one of its clusters (it does not confirm it exists). */
  async get(id: string, credentials: Reader): Promise<Rollout> {
    const rollout = await this.options.store.getRollout(id);
    if (!rollout || !(await this.mayRead(rollout, credentials))) throw new NotFoundError(`no rollout with id ${id}`);
    return rollout;
  }

  /** The rollout for its page: progress, switchover KPIs of its runs, the controls that apply now. */
  async view(rollout: Rollout): Promise<RolloutView> {
    // The switchover figures count finished runs only: the clusters whose part is over.
    const finished = rollout.clusters.filter((c) => c.runId && c.endedAt);
    const runs = (await Promise.all(finished.map((c) => this.options.runs.host.get(c.runId!)))).filter((r) => r !== undefined);
    return {
      rollout,
      progress: rolloutProgress(rollout, new Date()),
      // Every run of the rollout counts, whatever its runbook: the rollout is the switchover being measured.
      switchover: switchoverHistory(runs, { runbooks: [rollout.runbook.file] }),
      controls: rolloutControlEffects(rollout),
      clusterControls: Object.fromEntries(rollout.clusters.map((c) => [c.id, clusterControlEffects(rollout, c)])),
    };
  }

  /** The database entities of the rollout's clusters (those the caller may see). */
  async entitiesOf(rollout: Rollout, credentials: Reader): Promise<DatabaseEntity[]> {
    const refs = new Set(rollout.clusters.flatMap((c) => (c.entityRef ? [c.entityRef] : [])));
    return (await listDatabaseEntities(this.options.catalog, credentials)).filter((e) => refs.has(e.ref));
  }

  /** Applies one control (the core's transition, compare-and-set) and drives the rollout on here if no replica does. */
  async control(id: string, control: RolloutControl, actor: Actor): Promise<Rollout> {
    const rollout = await this.driver.control(id, control, actor);
    this.options.logger.info('Switchyard rollout control', {
      rolloutId: id,
      actor: actor.name,
      action: control.action,
      reason: control.reason ?? null,
      status: rollout.status,
    });
    this.kick(id);
    return rollout;
  }

  /** Drives every rollout that is not over (a replica that holds one's lease keeps it); then every `intervalMs`. */
  startSweeper(intervalMs: number): void {
    const sweep = () => {
      if (this.sweeping || this.stopped) return;
      this.sweeping = this.sweep()
        .catch((error) => this.options.logger.warn('Switchyard: looking for rollouts to drive failed', { error: String(error) }))
        .finally(() => (this.sweeping = undefined));
    };
    sweep();
    this.sweeper = setInterval(sweep, intervalMs);
    this.sweeper.unref();
  }

  /** Stops driving; every rollout stays as recorded, and another replica (or this one's next start) drives it on. */
  async shutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.sweeper) clearInterval(this.sweeper);
    this.driver.stop();
    await this.sweeping;
    const deadline = Date.now() + 10_000;
    while (this.driving.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private async sweep(): Promise<void> {
    for await (const summary of allRollouts(this.options.store)) {
      // An ended rollout is still driven while runs of it move (an abort lets them finish, or aborts them).
      const moving = summary.counts.starting + summary.counts.running > 0;
      if (!ROLLOUT_ENDED.includes(summary.status) || moving) this.kick(summary.id);
    }
  }

  /** Drives the rollout here unless this replica already does (then once more after, for what changed meanwhile). */
  private kick(id: string): void {
    if (this.stopped) return;
    const current = this.driving.get(id);
    if (current) {
      current.again = true;
      return;
    }
    const state = { again: false };
    this.driving.set(id, state);
    void this.driver
      .drive(id)
      .then((result) => this.options.logger.debug('Switchyard rollout rests', { rolloutId: id, rests: result.rests }))
      .catch((error) => {
        // Another replica drives it: its controls still reach it through the store.
        if (error instanceof RolloutLeaseHeldError) return;
        if (error instanceof RolloutNotFoundError) return;
        this.options.logger.warn('Switchyard could not drive a rollout', { rolloutId: id, error: String(error) });
      })
      .finally(() => {
        this.driving.delete(id);
        if (state.again) this.kick(id);
      });
  }

  /** Whoever may see every cluster's database entity in the catalog; a rollout with a cluster of no entity, services only. */
  private async mayRead(rollout: Rollout, credentials: Reader): Promise<boolean> {
    const visible = await this.visibleRefs(
      rollout.clusters.flatMap((c) => (c.entityRef ? [c.entityRef] : [])),
      credentials,
    );
    return this.allVisible(rollout, visible, credentials);
  }

  private allVisible(rollout: Rollout, visible: Set<string>, credentials: Reader): boolean {
    if (rollout.clusters.some((c) => !c.entityRef)) return credentials.principal.type === 'service';
    return rollout.clusters.every((c) => visible.has(c.entityRef!));
  }

  /** The refs among `refs` the caller may see in the catalog. */
  private async visibleRefs(refs: string[], credentials: Reader): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (!unique.length) return new Set();
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    return new Set(unique.filter((_, i) => items[i] !== undefined && items[i] !== null));
  }

  /** The plan over the clusters of the databases the user may see, refused whole unless the user may run on every one. */
  private async planFor(
    request: RolloutPlanRequest,
    credentials: User,
  ): Promise<{ plan: RolloutPlan; runbook: Awaited<ReturnType<RunbookLibrary['get']>>; warnings: string[] }> {
    const runbook = await this.options.runbooks.get(request.runbook);
    this.options.runs.refuseUntrusted(runbook.runbook, runbook.detail.id);
    const entities = await listDatabaseEntities(this.options.catalog, credentials);
    const { facts, warnings } = await this.fleetFacts(entities);
    const entityByArn = new Map(entities.map((e) => [e.arn, e]));
    const plan = planRollout({
      runbook: runbook.runbook,
      fleet: facts,
      selection: request.selection,
      template: request.params ?? {},
      waves: request.waves,
      maxConcurrency: request.maxConcurrency,
      gate: request.gate ?? { kind: 'none' },
      maxFailures: request.maxFailures,
      maxGuardStops: request.maxGuardStops,
    });
    const clusters = plan.clusters.map((c) => ({ cluster: c, entity: entityByArn.get(c.arn)! }));
    // Refused whole, naming every cluster the user may not run on: nothing is started for anyone.
    await authorizeOnEntities(
      this.options.permissions,
      credentials,
      switchyardRunCreatePermission,
      clusters.map(({ cluster, entity }) => ({ cluster: cluster.id, entityRef: entity.ref })),
    );
    // Each cluster's run is started from its entity: its params may only name that database's resources (as a run's do).
    const problems: string[] = [];
    const resolved = await mapLimit(clusters, TOPOLOGY_CONCURRENCY, async ({ cluster, entity }) => {
      try {
        const topology = await fetchTopology(await this.options.access.gateway(entity.account, entity.region), entity.arn);
        const params = runParams(runbook.runbook, cluster.params, topology, entity.ref);
        return { ...cluster, params, entityRef: entity.ref, target: targetKey(entity.account, entity.region) };
      } catch (error) {
        problems.push(`${cluster.id}: ${error instanceof Error ? error.message : String(error)}`);
        return cluster;
      }
    });
    // Each cluster's run as its start would check its http blocks, on the params resolved above: a refused one fails now, not in its wave.
    problems.push(
      ...rolloutHttpProblems({
        file: runbook.detail.id,
        runbook: runbook.runbook,
        clusters: resolved.filter((c) => !problems.some((p) => p.startsWith(`${c.id}: `))),
        policy: this.options.runs.httpStartPolicy(),
        startedBy: credentials.principal.userEntityRef,
      }),
    );
    if (problems.length) throw new InputError(`rollout not planned:\n  ${problems.join('\n  ')}`);
    return { plan: { ...plan, clusters: resolved }, runbook, warnings };
  }

  /** The facts of every cluster a visible database entity names, read per account (a few paginated calls each, nothing per cluster). */
  private async fleetFacts(entities: DatabaseEntity[]): Promise<{ facts: ClusterFacts[]; warnings: string[] }> {
    const byAccount = new Map<string, Set<string>>();
    for (const e of entities) byAccount.set(e.account, (byAccount.get(e.account) ?? new Set(this.options.settings.regions)).add(e.region));
    const arns = new Set(entities.map((e) => e.arn));
    const facts: ClusterFacts[] = [];
    const warnings: string[] = [];
    await Promise.all(
      [...byAccount].map(async ([account, regionSet]) => {
        const regions = [...regionSet].sort();
        try {
          const read = await fetchClusterFacts(await this.options.access.gateway(account, regions[0]), regions);
          // Only clusters a database entity the user may see names: a run is started from its entity.
          facts.push(...read.clusters.filter((c) => arns.has(c.arn)));
          warnings.push(...read.warnings);
        } catch (error) {
          warnings.push(`account ${account} could not be read: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
    );
    return { facts, warnings };
  }
}

/**
 * An in-memory SwitchyardApi for component tests: answers from fixtures, records what the UI
 * asked for, and lets a test push run snapshots down the "stream" as the server would.
 */
import type {
  CostReport,
  CreateRunRequest,
  EntityPermissions,
  FleetResponse,
  PendingApproval,
  Run,
  RunActionRequest,
  RunbookSummary,
  RunSummary,
  RolloutActionRequest,
  RolloutPlanRequest,
  RolloutPlanResponse,
  RolloutSummary,
  RolloutView,
  SwitchoverHistory,
  Topology,
} from '@switchyard/backstage-plugin-switchyard-common';
import type { RunStreamHandlers, SwitchyardApi } from '../api/SwitchyardApi';
import { emptyHistory } from './fixtures';

export interface TestData {
  topology?: Topology;
  runbooks?: RunbookSummary[];
  permissions?: EntityPermissions;
  runs?: RunSummary[];
  cost?: CostReport;
  history?: SwitchoverHistory;
  fleet?: FleetResponse;
  /** Runs waiting for the user's approval (all databases; filtered by entity like the server). */
  approvals?: PendingApproval[];
  /** What `createRun` answers. */
  created?: Run;
  /** What `runAction` does: answer a run, or throw (e.g. a 403 from the server). */
  action?: (id: string, request: RunActionRequest) => Run;
  rollouts?: RolloutSummary[];
  /** Rollouts per page (as the backend's `limit`); default: all on one page. */
  rolloutPage?: number;
  /** What `planRollout` answers, or throws. */
  plan?: (request: RolloutPlanRequest) => RolloutPlanResponse;
  /** What `startRollout` answers. */
  startedRollout?: RolloutView;
  /** What `getRollout` answers. */
  rollout?: RolloutView;
}

export class TestSwitchyardApi implements SwitchyardApi {
  readonly created: CreateRunRequest[] = [];
  readonly actions: Array<{ id: string } & RunActionRequest> = [];
  readonly topologyRequests: string[] = [];
  readonly plans: RolloutPlanRequest[] = [];
  readonly rolloutsStarted: RolloutPlanRequest[] = [];
  readonly rolloutActions: Array<{ id: string; request: RolloutActionRequest }> = [];
  private readonly watchers = new Map<string, RunStreamHandlers>();

  constructor(public data: TestData) {}

  private answer<T>(value: T | undefined, what: string): Promise<T> {
    return value === undefined ? Promise.reject(new Error(`the test gave no ${what}`)) : Promise.resolve(value);
  }

  /** Set to make the backend "gone": every health check fails with this error. */
  down?: Error;
  health = () => (this.down ? Promise.reject(this.down) : Promise.resolve());
  listRunbooks = () => this.answer(this.data.runbooks, 'runbooks');
  getRunbook = (id: string) =>
    this.answer(
      this.data.runbooks?.map((r) => ({ ...r, source: '' })).find((r) => r.id === id),
      `runbook ${id}`,
    );
  getTopology = (entityRef: string) => {
    this.topologyRequests.push(entityRef);
    return this.answer(this.data.topology, 'topology');
  };
  getFleet = () => this.answer(this.data.fleet, 'fleet');
  getCost = () => this.answer(this.data.cost, 'cost');
  getHistory = () => Promise.resolve(this.data.history ?? emptyHistory);
  listRuns = () => Promise.resolve(this.data.runs ?? []);
  getRun = (id: string) => this.answer(this.data.created?.id === id ? this.data.created : undefined, `run ${id}`);
  getPermissions = () => this.answer(this.data.permissions, 'permissions');
  listPendingApprovals = (entityRef?: string) =>
    Promise.resolve((this.data.approvals ?? []).filter((a) => !entityRef || a.entityRef === entityRef));

  createRun = (request: CreateRunRequest) => {
    this.created.push(request);
    return this.answer(this.data.created, 'created run');
  };

  runAction = async (id: string, request: RunActionRequest) => {
    this.actions.push({ id, ...request });
    if (!this.data.action) throw new Error('the test gave no action answer');
    return this.data.action(id, request);
  };

  planRollout = async (request: RolloutPlanRequest) => {
    this.plans.push(request);
    if (!this.data.plan) throw new Error('the test gave no plan answer');
    return this.data.plan(request);
  };

  startRollout = (request: RolloutPlanRequest) => {
    this.rolloutsStarted.push(request);
    return this.answer(this.data.startedRollout, 'started rollout');
  };

  /** Pages as the backend does: `next` is the cursor (here: the index) of the following page. */
  listRollouts = (query: { cursor?: string } = {}) => {
    const all = this.data.rollouts ?? [];
    const from = Number(query.cursor ?? 0);
    const to = from + (this.data.rolloutPage ?? all.length);
    return Promise.resolve(to < all.length ? { rollouts: all.slice(from, to), next: String(to) } : { rollouts: all.slice(from) });
  };
  getRollout = (id: string) => this.answer(this.data.rollout?.rollout.id === id ? this.data.rollout : undefined, `rollout ${id}`);
  getRolloutCost = () => this.answer(this.data.cost, 'cost');

  rolloutAction = async (id: string, request: RolloutActionRequest) => {
    this.rolloutActions.push({ id, request });
    return this.answer(this.data.rollout, 'rollout after the action');
  };

  watchRun(id: string, handlers: RunStreamHandlers): () => void {
    this.watchers.set(id, handlers);
    return () => this.watchers.delete(id);
  }

  /** The server sends a snapshot of run `run.id` to whoever follows it. */
  push(run: Run): void {
    const watcher = this.watchers.get(run.id);
    if (!watcher) throw new Error(`nobody follows run ${run.id}`);
    watcher.onRun(run);
  }

  isWatching(id: string): boolean {
    return this.watchers.has(id);
  }
}

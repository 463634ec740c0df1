import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CostReport,
  CreateRunRequest,
  EntityPermissions,
  FleetResponse,
  PendingApproval,
  Run,
  RunActionRequest,
  RunbookDetail,
  RunbookSummary,
  RunSummary,
  RolloutActionRequest,
  RolloutPlanRequest,
  RolloutPlanResponse,
  RolloutList,
  RolloutView,
  SwitchoverHistory,
  Topology,
} from '@switchyard/backstage-plugin-switchyard-common';
import type { RunEvent } from '@switchyard/core';

/** What a run watcher is told; `run` carries the full snapshot (on connect and after every change). */
export interface RunStreamHandlers {
  onRun(run: Run): void;
  onLog?(event: RunEvent): void;
  /** The stream is (re)connecting after a drop; `attempt` counts from 1. */
  onReconnecting?(attempt: number, cause: Error): void;
  /** A failure that reconnecting will not fix (403, 404, …); the watcher has stopped. */
  onError?(error: Error): void;
}

/** The Switchyard backend (`/api/switchyard`) as the frontend sees it. */
export interface SwitchyardApi {
  /** Resolves when the backend answers its health check; rejects when it is unreachable or unwell. */
  health(): Promise<void>;
  listRunbooks(): Promise<RunbookSummary[]>;
  getRunbook(id: string): Promise<RunbookDetail>;
  getTopology(entityRef: string): Promise<Topology>;
  getFleet(): Promise<FleetResponse>;
  /** Without an entity: the whole fleet. */
  getCost(entityRef?: string): Promise<CostReport>;
  getHistory(entityRef?: string): Promise<SwitchoverHistory>;
  listRuns(entityRef: string): Promise<RunSummary[]>;
  getRun(id: string): Promise<Run>;
  createRun(request: CreateRunRequest): Promise<Run>;
  runAction(id: string, request: RunActionRequest): Promise<Run>;
  getPermissions(entityRef: string): Promise<EntityPermissions>;
  /** Runs waiting for an approval the signed-in user may give: all of them, or one database's. */
  listPendingApprovals(entityRef?: string): Promise<PendingApproval[]>;
  /** A rollout's plan, each cluster resolved; nothing is recorded or started. */
  planRollout(request: RolloutPlanRequest): Promise<RolloutPlanResponse>;
  /** Plans again on the server, records the rollout and starts driving it. */
  startRollout(request: RolloutPlanRequest): Promise<RolloutView>;
  /** A page of rollouts, newest first; pass the page's `next` as `cursor` for the following one. */
  listRollouts(query?: { limit?: number; cursor?: string }): Promise<RolloutList>;
  getRollout(id: string): Promise<RolloutView>;
  /** The parallel environments of the rollout's clusters: cost so far and burn. */
  getRolloutCost(id: string): Promise<CostReport>;
  rolloutAction(id: string, request: RolloutActionRequest): Promise<RolloutView>;
  /** Follows a run over server-sent events, reconnecting after drops; returns a function that stops it. */
  watchRun(id: string, handlers: RunStreamHandlers): () => void;
}

export const switchyardApiRef = createApiRef<SwitchyardApi>({ id: 'plugin.switchyard.service' });

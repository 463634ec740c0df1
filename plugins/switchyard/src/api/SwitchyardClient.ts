import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
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
import { errorFromResponse } from './errors';
import { followRun, type FollowOptions } from './run-stream';
import type { RunStreamHandlers, SwitchyardApi } from './SwitchyardApi';

/** Talks to `/api/switchyard` through Backstage's discovery and (token-carrying) fetch APIs. */
export class SwitchyardClient implements SwitchyardApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly followOptions: FollowOptions;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi; followOptions?: FollowOptions }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.followOptions = options.followOptions ?? {};
  }

  listRunbooks(): Promise<RunbookSummary[]> {
    return this.get('/runbooks', 'listing runbooks');
  }

  getRunbook(id: string): Promise<RunbookDetail> {
    return this.get(`/runbooks/${encodeURIComponent(id)}`, `reading runbook ${id}`);
  }

  getTopology(entityRef: string): Promise<Topology> {
    return this.get(`/topology${query({ entityRef })}`, `reading the topology of ${entityRef}`);
  }

  getFleet(): Promise<FleetResponse> {
    return this.get('/fleet', 'reading the fleet');
  }

  getCost(entityRef?: string): Promise<CostReport> {
    return this.get(`/cost${query({ entityRef })}`, entityRef ? `reading the cost of ${entityRef}` : 'reading the fleet cost');
  }

  getHistory(entityRef?: string): Promise<SwitchoverHistory> {
    return this.get(`/history${query({ entityRef })}`, 'reading the switchover history');
  }

  listRuns(entityRef: string): Promise<RunSummary[]> {
    return this.get(`/runs${query({ entityRef })}`, `listing the runs of ${entityRef}`);
  }

  getRun(id: string): Promise<Run> {
    return this.get(`/runs/${encodeURIComponent(id)}`, `reading run ${id}`);
  }

  createRun(request: CreateRunRequest): Promise<Run> {
    return this.send('POST', '/runs', request, `starting ${request.runbook} on ${request.entityRef}`);
  }

  runAction(id: string, request: RunActionRequest): Promise<Run> {
    return this.send('POST', `/runs/${encodeURIComponent(id)}/actions`, request, `${request.action} on run ${id}`);
  }

  getPermissions(entityRef: string): Promise<EntityPermissions> {
    return this.get(`/permissions${query({ entityRef })}`, `reading your permissions on ${entityRef}`);
  }

  planRollout(request: RolloutPlanRequest): Promise<RolloutPlanResponse> {
    return this.send('POST', '/rollouts/plan', request, `planning a rollout of ${request.runbook}`);
  }

  startRollout(request: RolloutPlanRequest): Promise<RolloutView> {
    return this.send('POST', '/rollouts', request, `starting a rollout of ${request.runbook}`);
  }

  listRollouts(query: { limit?: number; cursor?: string } = {}): Promise<RolloutList> {
    const params = new URLSearchParams();
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    const qs = params.toString();
    return this.get(`/rollouts${qs ? `?${qs}` : ''}`, 'listing rollouts');
  }

  getRollout(id: string): Promise<RolloutView> {
    return this.get(`/rollouts/${encodeURIComponent(id)}`, `reading rollout ${id}`);
  }

  getRolloutCost(id: string): Promise<CostReport> {
    return this.get(`/rollouts/${encodeURIComponent(id)}/cost`, `reading the cost of rollout ${id}`);
  }

  rolloutAction(id: string, request: RolloutActionRequest): Promise<RolloutView> {
    return this.send('POST', `/rollouts/${encodeURIComponent(id)}/actions`, request, `${request.action} on rollout ${id}`);
  }

  async health(): Promise<void> {
    await this.get<{ status: string }>('/health', 'checking that the Switchyard backend answers');
  }

  listPendingApprovals(entityRef?: string): Promise<PendingApproval[]> {
    return this.get(`/approvals${entityRef ? query({ entityRef }) : ''}`, 'reading the runs waiting for your approval');
  }

  watchRun(id: string, handlers: RunStreamHandlers): () => void {
    const open = async (signal: AbortSignal) =>
      this.fetchApi.fetch(`${await this.baseUrl()}/runs/${encodeURIComponent(id)}/events`, {
        headers: { Accept: 'text/event-stream' },
        signal,
      });
    return followRun(id, open, handlers, this.followOptions);
  }

  private baseUrl(): Promise<string> {
    return this.discoveryApi.getBaseUrl('switchyard');
  }

  private async get<T>(path: string, what: string): Promise<T> {
    const response = await this.fetchApi.fetch(`${await this.baseUrl()}${path}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw await errorFromResponse(response, what);
    return (await response.json()) as T;
  }

  private async send<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    const response = await this.fetchApi.fetch(`${await this.baseUrl()}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await errorFromResponse(response, what);
    return (await response.json()) as T;
  }
}

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

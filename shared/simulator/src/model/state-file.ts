import { emptyFaults } from './faults';
import { DEFAULT_TIMINGS, type SimState } from './types';

/** A deep copy of the state (it is plain JSON). */
export function cloneState(state: SimState): SimState {
  return structuredClone(state);
}

/** Checks a loaded state is one the simulator wrote, filling fields later versions added. */
export function validateState(value: unknown): SimState {
  const candidate = value as Partial<SimState> | null;
  if (!candidate || typeof candidate !== 'object' || candidate.formatVersion !== 1) {
    throw new Error('Not a simulator state: expected a JSON object with "formatVersion": 1 (save one with GET /_switchyard/state).');
  }
  for (const key of [
    'clusters',
    'instances',
    'globalClusters',
    'blueGreenDeployments',
    'clusterParameterGroups',
    'events',
    'alarms',
    'clientNames',
    'jobs',
  ] as const) {
    if (candidate[key] !== undefined && !Array.isArray(candidate[key]))
      throw new Error(`Not a simulator state: "${key}" must be an array.`);
  }
  const clusters = candidate.clusters ?? [];
  const greens = new Set((candidate.blueGreenDeployments ?? []).map((d) => `${d.region}:${d.targetClusterId}`));
  return cloneState({
    formatVersion: 1,
    accountId: candidate.accountId ?? '123456789012',
    seed: candidate.seed ?? 1,
    nextId: candidate.nextId ?? 1,
    timings: { ...DEFAULT_TIMINGS, ...(candidate.timings ?? {}) },
    clusters,
    instances: candidate.instances ?? [],
    globalClusters: candidate.globalClusters ?? [],
    blueGreenDeployments: candidate.blueGreenDeployments ?? [],
    clusterParameterGroups: candidate.clusterParameterGroups ?? [],
    events: candidate.events ?? [],
    alarms: candidate.alarms ?? [],
    // States saved before client names existed: every cluster but a green has clients.
    clientNames: candidate.clientNames ?? clusters.map((c) => `${c.region}:${c.id}`).filter((n) => !greens.has(n)),
    jobs: candidate.jobs ?? [],
    faults: { ...emptyFaults(), ...(candidate.faults ?? {}) },
  });
}

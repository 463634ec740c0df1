import { commonErrors } from '../protocol/aws-error';
import type { SimState } from './types';

const IDENTIFIER = /^[a-z](?:[a-z0-9]|-(?!-))*$/;

/**
 * Checks a new DB cluster/instance identifier as RDS does (1–63 letters, digits and hyphens, a
 * letter first, no trailing or double hyphen) and returns it lowercased, as RDS stores it.
 */
export function checkNewIdentifier(parameter: string, value: string): string {
  const id = value.toLowerCase();
  if (id.length < 1 || id.length > 63 || !IDENTIFIER.test(id) || id.endsWith('-')) {
    throw commonErrors.invalidParameterValue(
      `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  return id;
}

/** A name another resource holds, or will hold once a rename in flight completes. */
export function clusterNameTaken(state: SimState, region: string, id: string): boolean {
  return (
    state.clusters.some((c) => c.region === region && c.id === id) ||
    state.jobs.some((j) => j.kind === 'cluster-renamed' && j.region === region && j.newId === id)
  );
}

export function instanceNameTaken(state: SimState, region: string, id: string): boolean {
  return (
    state.instances.some((i) => i.region === region && i.id === id) ||
    state.jobs.some((j) => j.kind === 'instance-renamed' && j.region === region && j.newId === id)
  );
}

/** The blue/green deployment a cluster or instance belongs to (AWS manages their names until it is deleted). */
export function blueGreenOfResource(state: SimState, region: string, kind: 'cluster' | 'instance', id: string) {
  return state.blueGreenDeployments.find(
    (d) => d.region === region && d.members.some((p) => p.kind === kind && (p.source === id || p.target === id)),
  );
}

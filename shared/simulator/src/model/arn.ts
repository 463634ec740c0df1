import type { SimState } from './types';

export type ArnKind = 'cluster' | 'db' | 'global-cluster' | 'deployment' | 'cluster-pg';

export function arnOf(state: SimState, kind: ArnKind, region: string, id: string): string {
  return `arn:aws:rds:${kind === 'global-cluster' ? '' : region}:${state.accountId}:${kind}:${id}`;
}

export const arns = {
  cluster: (state: SimState, region: string, id: string) => arnOf(state, 'cluster', region, id),
  instance: (state: SimState, region: string, id: string) => arnOf(state, 'db', region, id),
  globalCluster: (state: SimState, id: string) => arnOf(state, 'global-cluster', '', id),
  blueGreen: (state: SimState, region: string, id: string) => arnOf(state, 'deployment', region, id),
  clusterParameterGroup: (state: SimState, region: string, name: string) => arnOf(state, 'cluster-pg', region, name),
};

export interface ParsedArn {
  region: string;
  account: string;
  kind: string;
  id: string;
}

/** Parses an RDS ARN; undefined when the text is not one. */
export function parseRdsArn(text: string): ParsedArn | undefined {
  const match = /^arn:aws[a-z-]*:rds:([a-z0-9-]*):(\d{12}):([a-z-]+):(.+)$/.exec(text);
  if (!match) return undefined;
  return { region: match[1], account: match[2], kind: match[3], id: match[4] };
}

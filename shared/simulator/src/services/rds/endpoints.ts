import { endpointHash } from '../../model/ids';
import type { SimState } from '../../model/types';

/** RDS DNS names: they follow the identifier, which is why endpoints move when blue/green renames. */
export const rdsEndpoints = {
  clusterWriter: (state: SimState, region: string, id: string) =>
    `${id}.cluster-${endpointHash(state, region)}.${region}.rds.amazonaws.com`,
  clusterReader: (state: SimState, region: string, id: string) =>
    `${id}.cluster-ro-${endpointHash(state, region)}.${region}.rds.amazonaws.com`,
  instance: (state: SimState, region: string, id: string) => `${id}.${endpointHash(state, region)}.${region}.rds.amazonaws.com`,
  global: (state: SimState, id: string) => `${id}.global-${endpointHash(state, 'global').slice(1, 11)}.global.rds.amazonaws.com`,
};

/** Route 53 hosted zone of RDS endpoints per region (as RDS reports them). */
export function hostedZoneId(region: string): string {
  return region === 'eu-west-1' ? 'Z29XKXDKYMONMX' : 'Z2R2ITUGPM61AM';
}

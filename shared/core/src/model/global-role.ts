/**
 * A cluster's place in an Aurora Global Database. A secondary cluster has no writer instance by
 * design (its region is read-only until promoted), so "no writer" there is its normal state, not
 * a failover in progress: front ends show it as a secondary and offer a promotion, not a failover.
 * (AWS: "Aurora global databases" — the secondary clusters have only reader DB instances.)
 */
export type GlobalRole = 'primary' | 'secondary';

export function globalRole(cluster: { globalClusterId?: string | null; writer?: string | null }): GlobalRole | undefined {
  if (!cluster.globalClusterId || cluster.writer === undefined) return undefined; // not a member, or the writer is not known
  return cluster.writer ? 'primary' : 'secondary';
}

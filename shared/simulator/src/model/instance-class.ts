const SIZE_RANK: Record<string, number> = { micro: 0.25, small: 0.5, medium: 1, large: 2, xlarge: 4 };

/** Relative size of an instance class (db.r6g.2xlarge → 8), to break promotion-tier ties. */
export function classSize(instanceClass: string): number {
  const size = instanceClass.split('.').pop() ?? '';
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 4 * Number(multiple[1]);
  return SIZE_RANK[size] ?? 1;
}

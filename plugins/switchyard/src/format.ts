/** `2024-05-01 14:03 UTC`, as the shared components print times (the hosts run in different time zones). */
export function utcTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

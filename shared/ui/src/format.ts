/** How numbers read on screen: one place, so the Backstage tab and the VS Code panel agree. */

/** `$1,234.56`; amounts under a dollar keep three decimals so a cheap hourly rate is not `$0.00`. */
export function formatUsd(usd: number): string {
  const digits = Math.abs(usd) > 0 && Math.abs(usd) < 1 ? 3 : 2;
  const sign = usd < 0 ? '-' : '';
  return `${sign}$${Math.abs(usd).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** `45s`, `3m 07s`, `2h 05m`, `3d 4h`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** Replica lag: `12 ms`, `1.5 s`; `n/a` when CloudWatch has no datapoint. */
export function formatLagMs(ms: number | null): string {
  if (ms === null) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
}

/** 0..1 → `97%` (one decimal under 100 when it matters: `99.5%`). */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return 'n/a';
  const pct = ratio * 100;
  return `${Number.isInteger(Math.round(pct * 10) / 10) ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** `2024-05-01 14:03 UTC` — the hosts run in different time zones; UTC keeps audit lines comparable. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `2024-05-01`. */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

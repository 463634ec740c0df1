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

/** `2024-05-01 14:03:07 UTC`: the absolute time every relative one carries on hover. */
export function formatAbsolute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `14:03:07 UTC`: the clock time of an event (audit lines), to the second. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(11, 19)} UTC`;
}

/** `just now`, `45 s ago`, `3 min ago`, `2 h ago`, `3 days ago` (or `in 2 min`): how long ago, for people. */
export function formatRelative(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now - t) / 1000);
  const abs = Math.abs(seconds);
  let amount: string;
  if (abs < 10) return 'just now';
  else if (abs < 60) amount = `${abs} s`;
  else if (abs < 3600) amount = `${Math.floor(abs / 60)} min`;
  else if (abs < 86400) amount = `${Math.floor(abs / 3600)} h`;
  else {
    const days = Math.floor(abs / 86400);
    amount = `${days} day${days === 1 ? '' : 's'}`;
  }
  return seconds >= 0 ? `${amount} ago` : `in ${amount}`;
}

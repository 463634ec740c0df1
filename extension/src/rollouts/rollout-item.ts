/** How a rollout shows in the Runs view (pure: tested without an editor). */
import type { RolloutSummary } from '@switchyard/core';
import type { RolloutEntry } from './rollout-source';

const ICONS: Record<RolloutSummary['status'], string> = {
  running: 'sync~spin',
  paused: 'debug-pause',
  halted: 'warning',
  succeeded: 'pass',
  failed: 'error',
  aborted: 'circle-slash',
};

export function rolloutItem({ storeDir, summary: r }: RolloutEntry): { label: string; description: string; tooltip: string; icon: string } {
  const total = Object.values(r.counts).reduce((a, b) => a + b, 0);
  const bad = r.counts.failed + r.counts['guard-stopped'];
  return {
    label: `Rollout: ${r.title}`,
    description: [
      r.status,
      `${r.counts.succeeded}/${total} succeeded`,
      ...(bad ? [`${r.counts.failed} failed, ${r.counts['guard-stopped']} guard-stopped`] : []),
      `${r.waves} wave(s)`,
    ].join(' · '),
    tooltip: `${r.id}\n${r.title}\nstarted by ${r.startedBy} at ${r.createdAt}\nstore: ${storeDir}`,
    icon: ICONS[r.status],
  };
}

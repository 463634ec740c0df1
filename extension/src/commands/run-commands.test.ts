/** The quick pick of "Run a runbook on this cluster" offers what the panel does (core isRunbookOffered), not a title match. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook, type Topology } from '@switchyard/core';
import { offeredFor } from './run-commands';

const loaded = ['failover.md', 'promote-global.md', 'rebuild-redundancy.md'].map((file) => ({
  id: file,
  runbook: parseRunbook(file, readFileSync(join(__dirname, '../../../runbooks', file), 'utf8')).runbook,
}));

const topology = (writer: string | null) =>
  ({
    cluster: { id: 'prod-app-eu', globalClusterId: 'prod-global', writer },
    global: { id: 'prod-global', status: 'available', regions: [] },
    blueGreen: [],
  }) as unknown as Topology;

it('offers no failover on a Global Database secondary, whatever the titles say', () => {
  const ids = offeredFor(loaded, topology(null)).map((r) => r.id);
  expect(ids).toContain('promote-global.md');
  expect(ids).not.toContain('failover.md');
});

it('offers the failover on the primary, and every runbook when the topology could not be read', () => {
  expect(offeredFor(loaded, topology('prod-app-eu-1')).map((r) => r.id)).toContain('failover.md');
  expect(offeredFor(loaded, undefined).map((r) => r.id)).toEqual(['failover.md', 'promote-global.md', 'rebuild-redundancy.md']);
});

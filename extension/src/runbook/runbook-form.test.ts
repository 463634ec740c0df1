/**
 * The panel's forms and offer come from the core's rules (paramFacts, isRunbookOffered), as the
 * Backstage tab's do: read here from the repository's own runbooks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook, type Topology } from '@switchyard/core';
import { offeredRunbooks, runbookForForm } from './runbook-form';

function form(file: string) {
  const source = readFileSync(join(__dirname, '../../../runbooks', file), 'utf8');
  const { runbook } = parseRunbook(file, source);
  if (!runbook) throw new Error(`${file} does not parse`);
  return runbookForForm(file, runbook);
}

const param = (f: ReturnType<typeof form>, name: string) => f.params.find((p) => p.name === name)!;

function topology(cluster: { globalClusterId?: string | null; writer?: string | null }, blueGreen: string[] = []): Topology {
  return {
    cluster: { id: 'prod-app', ...cluster },
    global: cluster.globalClusterId ? { id: cluster.globalClusterId, status: 'available', regions: [] } : null,
    blueGreen: blueGreen.map((status) => ({ deployment: { status } })),
  } as unknown as Topology;
}

describe('runbookForForm', () => {
  it('marks the failover target as the reader it promotes and the runbook as needing a writer', () => {
    const failover = form('failover.md');
    expect(failover.needsWriter).toBe(true);
    expect(param(failover, 'target').promotes).toBe(true);
    expect(param(failover, 'cluster').promotes).toBeUndefined();
  });

  it('does not ask for the params only data guards read: the extension configures no SQL connections', () => {
    const switchover = form('blue-green-switchover.md');
    expect(switchover.needsWriter).toBeUndefined();
    for (const name of ['critical_tables', 'replay_query']) {
      expect(param(switchover, name)).toMatchObject({
        needsConnections: ['blue', 'green'],
        unavailable: 'needs the blue and green connections, which are not configured',
      });
    }
    expect(param(switchover, 'deployment').unavailable).toBeUndefined();
  });

  it('asks for them when the connections are configured', () => {
    const source = readFileSync(join(__dirname, '../../../runbooks/blue-green-switchover.md'), 'utf8');
    const f = runbookForForm('s.md', parseRunbook('s.md', source).runbook!, ['blue', 'green']);
    expect(param(f, 'critical_tables').unavailable).toBeUndefined();
    expect(param(f, 'critical_tables').needsConnections).toEqual(['blue', 'green']);
  });
});

describe('offeredRunbooks', () => {
  const all = ['failover.md', 'promote-global.md', 'blue-green-switchover.md', 'blue-green-rollback-and-cleanup.md', 'detect.md'].map(form);
  const ids = (t: Topology | undefined) => offeredRunbooks(all, t).map((r) => r.id);

  it('offers no failover on a Global Database secondary (it has no writer until promoted), and promote-global there', () => {
    const offered = ids(topology({ globalClusterId: 'prod-global', writer: null }));
    expect(offered).not.toContain('failover.md');
    expect(offered).toContain('promote-global.md');
  });

  it('offers the failover on the primary, and not promote-global off a Global Database', () => {
    expect(ids(topology({ globalClusterId: 'prod-global', writer: 'prod-app-1' }))).toEqual(
      expect.arrayContaining(['failover.md', 'promote-global.md']),
    );
    expect(ids(topology({ writer: 'prod-app-1' }))).not.toContain('promote-global.md');
  });

  it('follows the Blue/Green stage, and offers everything while the topology is unknown', () => {
    expect(ids(topology({ writer: 'w' }, ['AVAILABLE']))).toContain('blue-green-switchover.md');
    expect(ids(topology({ writer: 'w' }, ['AVAILABLE']))).not.toContain('blue-green-rollback-and-cleanup.md');
    expect(ids(undefined)).toEqual(all.map((r) => r.id));
  });
});

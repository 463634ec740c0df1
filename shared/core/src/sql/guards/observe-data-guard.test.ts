import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../engine/engine';
import { FileRunStore } from '../../engine/file-run-store';
import type { SqlGateway, SqlTextResult } from '../../engine/ports';
import { FakeAws } from '../../engine/testing/fake-aws';

/** A SqlGateway that answers every snapshot read with fixed rows (the real one is tested in test/data-guards.test.ts). */
function stubSql(rows: SqlTextResult['rows']): SqlGateway {
  return {
    connectionNames: () => ['blue'],
    query: async () => ({ rows: [], rowCount: 0, fields: [] }),
    snapshot: async (_connection, _options, work) => work({ read: async () => ({ fields: [], rows }) }),
  };
}

const RUNBOOK = `---
title: Slots
---
## No orphaned slot {#slots}

\`\`\`check
observe:
  slots: { slots: blue, max-retained: 1GB }
expect:
  - slots.ok
output:
  names: slots.slots.map(s, s.name)
  connections: run.connections
\`\`\`
`;

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-guards-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function runWith(sql: SqlGateway | undefined) {
  const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws(), sql });
  try {
    const run = await engine.start({ file: 'slots.md', source: RUNBOOK, params: {}, startedBy: 'alice' });
    return await engine.settled(run.id);
  } finally {
    await engine.shutdown();
  }
}

describe('data guards in check blocks', () => {
  it('hand their live object to CEL, and the host’s connection names as run.connections', async () => {
    const run = await runWith(stubSql([['bg_sub', 'logical', 'pgoutput', 'app', 'true', 'false', '100', 'reserved']]));
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].output).toEqual({ names: ['bg_sub'], connections: ['blue'] });
  });

  it('add the guard’s own message to a failed expectation, naming the slot at fault', async () => {
    const run = await runWith(stubSql([['old_bg', 'logical', 'pgoutput', 'app', 'false', 'false', '2048', 'reserved']]));
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toBe(
      'guard failed: slots.ok — slot "old_bg" (logical, pgoutput) on blue is inactive and retains 2 kB of WAL',
    );
  });

  it('fail clearly where no connections are configured', async () => {
    const run = await runWith(undefined);
    expect(run.steps[0].error).toBe(
      'could not read live state for the check: the slots guard reads databases, but no SQL connections are configured here; ' +
        'pass --connections <file> (or SWITCHYARD_CONNECTIONS), or skip the block where they are missing: `when: "blue" in run.connections`',
    );
  });
});

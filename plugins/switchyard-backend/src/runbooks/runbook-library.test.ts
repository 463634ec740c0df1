import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { WAIT_FOR_GO } from '../testing/fixtures';
import { RunbookLibrary } from './runbook-library';

let dir: string;
let warnings: string[];
let library: RunbookLibrary;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchyard-library-'));
  warnings = [];
  const logger = { warn: (message: string) => warnings.push(message) } as unknown as LoggerService;
  library = new RunbookLibrary([dir], logger);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BROKEN = WAIT_FOR_GO.replace('```wait', '```wiat');

it('parses a file again only when its content changed (GET /runbooks re-reads, not re-parses)', async () => {
  writeFileSync(path.join(dir, 'go.md'), WAIT_FOR_GO);
  writeFileSync(path.join(dir, 'broken.md'), BROKEN);
  for (let i = 0; i < 3; i++) expect((await library.list()).map((r) => r.id)).toEqual(['go.md']);
  // A broken runbook is parsed (and reported) once per content, not on every request.
  expect(warnings).toEqual([expect.stringMatching(/broken\.md is not offered, it has 1 error\(s\): unknown block kind `wiat`/)]);
  const first = await library.get('go.md');
  expect(await library.get('go.md')).toBe(first);

  writeFileSync(path.join(dir, 'go.md'), WAIT_FOR_GO.replace('Wait until', 'Wait, edited, until'));
  writeFileSync(path.join(dir, 'broken.md'), WAIT_FOR_GO);
  expect((await library.list()).map((r) => [r.id, r.title])).toEqual([
    ['broken.md', 'Wait until the cluster is tagged go=yes'],
    ['go.md', 'Wait, edited, until the cluster is tagged go=yes'],
  ]);
});

it('does not read a file over the size limit, and says which file and why, once', async () => {
  writeFileSync(path.join(dir, 'huge.md'), `${WAIT_FOR_GO}\n${'Filler prose.\n'.repeat(100_000)}`);
  writeFileSync(path.join(dir, 'go.md'), WAIT_FOR_GO);
  expect((await library.list()).map((r) => r.id)).toEqual(['go.md']);
  expect((await library.list()).map((r) => r.id)).toEqual(['go.md']);
  expect(warnings).toEqual([expect.stringMatching(/huge\.md is not offered, the file is 1\.\d MiB; a runbook may be at most 1\.0 MiB/)]);
  await expect(library.get('huge.md')).rejects.toThrow(/no valid runbook huge\.md/);
});

describe('what the summaries tell the start form (the repository runbooks)', () => {
  const RUNBOOKS = path.resolve(__dirname, '../../../../runbooks');
  const logger = { warn: () => undefined } as unknown as LoggerService;
  const params = async (connections: string[], id: string) =>
    (await new RunbookLibrary([RUNBOOKS], logger, { connections }).get(id)).detail.params;

  it('marks what only the data guards read as unavailable without their connections', async () => {
    const without = Object.fromEntries((await params([], 'blue-green-switchover.md')).map((p) => [p.name, p.unavailable]));
    expect(without).toEqual({
      deployment: undefined,
      switchover_timeout: undefined,
      max_lag_ms: undefined,
      critical_tables: 'needs the blue and green connections, which are not configured',
      replay_query: 'needs the blue and green connections, which are not configured',
      pg_replica: 'needs the blue connection, which is not configured',
      cdc_slot: undefined,
      cdc_plugin: 'needs the blue and old connections, which are not configured',
      decommission_days: undefined,
      reverse_replication: undefined,
      reverse_name: undefined,
      maintenance_url: undefined,
    });
    expect((await params(['blue', 'green', 'old'], 'blue-green-switchover.md')).filter((p) => p.unavailable)).toEqual([]);
  });

  it('marks the failover target and the runbook that needs a writer', async () => {
    const library = new RunbookLibrary([RUNBOOKS], logger);
    const failover = (await library.get('failover.md')).detail;
    expect(failover.params.find((p) => p.name === 'target')).toMatchObject({ promotes: true });
    expect(failover.needsWriter).toBe(true);
    const promote = (await library.get('promote-global.md')).detail;
    expect(promote.needsWriter).toBeUndefined();
    expect(promote.appliesTo.sort()).toEqual(['cluster', 'global']);
  });
});

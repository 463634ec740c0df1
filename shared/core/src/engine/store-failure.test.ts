import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Run } from '../model/run';
import { Engine } from './engine';
import { FileRunStore } from './file-run-store';
import { StoreWriteError } from './store-files';
import { FakeAws } from './testing/fake-aws';
import { MANUAL_RUNBOOK } from './testing/fixtures';

/** The file store on a disk that fills up once the run is recorded: every later write fails. */
class FillingStore extends FileRunStore {
  full = false;
  override async put(run: Run): Promise<boolean> {
    if (this.full) throw new StoreWriteError(path.join(this.dir, 'runs', `${run.id}.json`), 'ENOSPC', 'no space left on the device');
    return super.put(run);
  }
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-full-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('a driver stopped by a write it cannot make (a full disk) makes settled() reject with that error, not report the run as still running', async () => {
  const store = new FillingStore(dir);
  const engine = new Engine({ store, aws: new FakeAws(), timeScale: 100 });
  const originalCreate = store.create.bind(store);
  store.create = async (run) => {
    await originalCreate(run);
    store.full = true;
  };
  const run = await engine.start({ file: 'manual.md', source: MANUAL_RUNBOOK, params: {}, startedBy: 'alice' });
  const settled = engine.settled(run.id);
  await expect(settled).rejects.toBeInstanceOf(StoreWriteError);
  await expect(settled).rejects.toThrow(/no space left on the device/);
  expect((await store.get(run.id))?.status).toBe('pending');

  // Space freed: the run resumes from where it was recorded.
  store.full = false;
  await engine.resume(run.id);
  expect((await engine.settled(run.id)).status).toBe('waiting-approval');
  await engine.shutdown();
});

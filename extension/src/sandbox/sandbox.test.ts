import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fetchClusterView, SdkAwsGateway } from '@switchyard/core';
import { Sandbox } from './sandbox';

/** While on, every writeFileSync writes the first 64 characters and fails: a disk that fills up mid-write. */
const mockDiskFull = { on: false };
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  const writeFileSync: typeof actual.writeFileSync = (file, data, options) => {
    if (!mockDiskFull.on) return actual.writeFileSync(file, data, options);
    actual.writeFileSync(file, String(data).slice(0, 64), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  return { ...actual, writeFileSync };
});

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'switchyard-sandbox-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function writerOf(url: string): Promise<string | null> {
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: url });
  try {
    return (await fetchClusterView(aws, 'prod-app')).writer;
  } finally {
    aws.destroy();
  }
}

async function failOver(url: string): Promise<void> {
  const aws = new SdkAwsGateway({ region: 'us-east-1', endpoint: url });
  try {
    await aws.call('rds', 'FailoverDBCluster', { DBClusterIdentifier: 'prod-app', TargetDBInstanceIdentifier: 'prod-app-1' });
    for (let i = 0; i < 400 && (await fetchClusterView(aws, 'prod-app')).writer !== 'prod-app-1'; i++)
      await new Promise((r) => setTimeout(r, 50));
  } finally {
    aws.destroy();
  }
}

describe('Sandbox', () => {
  it('keeps its world across a window reload (suspend, start) and forgets it on stop', async () => {
    const sandbox = new Sandbox({ stateFile: path.join(dir, 'world.json'), timeScale: 100 });
    const first = await sandbox.start();
    expect(await writerOf(first.url)).toBe('prod-app-0');
    await failOver(first.url);
    expect(await writerOf(first.url)).toBe('prod-app-1');

    await sandbox.suspend();
    expect(sandbox.running).toBe(false);
    expect(sandbox.hasSavedWorld()).toBe(true);
    const resumed = await sandbox.start();
    expect(await writerOf(resumed.url)).toBe('prod-app-1');
    expect(sandbox.timeScale).toBe(100);

    await sandbox.stop();
    expect(sandbox.hasSavedWorld()).toBe(false);
    const fresh = await sandbox.start();
    expect(await writerOf(fresh.url)).toBe('prod-app-0');
    await sandbox.stop();
  });

  it('keeps the last saved world when a save fails half-way (disk full)', async () => {
    const stateFile = path.join(dir, 'world.json');
    const sandbox = new Sandbox({ stateFile, timeScale: 100 });
    const reloaded = new Sandbox({ stateFile, timeScale: 100 });
    try {
      await failOver((await sandbox.start()).url);
      sandbox.save();
      mockDiskFull.on = true;
      expect(() => sandbox.save()).toThrow(/ENOSPC/);
      mockDiskFull.on = false;
      expect(readdirSync(dir)).toEqual(['world.json']);
      expect(await writerOf((await reloaded.start()).url)).toBe('prod-app-1');
    } finally {
      mockDiskFull.on = false;
      await reloaded.stop();
      await sandbox.stop();
    }
  });

  it('starts once when asked twice at the same time', async () => {
    const sandbox = new Sandbox({ stateFile: path.join(dir, 'world.json'), timeScale: 10 });
    const [a, b] = await Promise.all([sandbox.start(), sandbox.start()]);
    expect(a.url).toBe(b.url);
    await sandbox.stop();
  });
});

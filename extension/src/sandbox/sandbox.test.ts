import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fetchClusterView, SdkAwsGateway } from '@switchyard/core';
import { Sandbox } from './sandbox';

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

  it('starts once when asked twice at the same time', async () => {
    const sandbox = new Sandbox({ stateFile: path.join(dir, 'world.json'), timeScale: 10 });
    const [a, b] = await Promise.all([sandbox.start(), sandbox.start()]);
    expect(a.url).toBe(b.url);
    await sandbox.stop();
  });
});

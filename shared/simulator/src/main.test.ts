import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeDBClustersCommand } from '@aws-sdk/client-rds';
import { generatedFleet } from './fleets/generated-fleet';
import { parseSimulatorArgs } from './main';
import { startSimulator } from './simulator';
import { destroyClients, sdkClients } from './testing/sdk-clients';

describe('parseSimulatorArgs', () => {
  it('reads port, fleet, time scale, state file and seed (also --flag=value)', () => {
    expect(parseSimulatorArgs([])).toEqual({ port: 4566, fleet: 'demo', timeScale: 1 });
    expect(parseSimulatorArgs(['--port', '0', '--fleet', '120', '--time-scale=100', '--state', 's.json', '--seed', '7'])).toEqual({
      port: 0,
      fleet: 120,
      timeScale: 100,
      stateFile: 's.json',
      seed: 7,
    });
  });

  it('explains what is wrong', () => {
    expect(() => parseSimulatorArgs(['--fleet', 'big'])).toThrow(/--fleet must be an integer/);
    expect(() => parseSimulatorArgs(['--time-scale', '0'])).toThrow(/positive/);
    expect(() => parseSimulatorArgs(['--verbose'])).toThrow(/unknown option --verbose\nusage: switchyard sim/);
  });
});

it('a saved state (control.saveState) starts a new simulator where the old one stopped', async () => {
  const first = await startSimulator({ fleet: 30, timeScale: 1000 });
  first.control.injectFault({ type: 'instance-crash', region: 'us-east-1', instanceId: 'orders-001-0', permanent: true });
  const saved = first.control.saveState();
  await first.stop();
  const second = await startSimulator({ fleet: saved, timeScale: 1000 });
  const aws = sdkClients(second);
  const out = await aws.rds.send(new DescribeDBClustersCommand({ MaxRecords: 100 }));
  destroyClients(aws);
  await second.stop();
  expect(out.DBClusters!.length).toBe(saved.clusters.length);
  expect(saved.instances.find((i) => i.id === 'orders-001-0')?.status).toBe('failed');
});

it('`switchyard sim --state file` prints where it listens and stops on SIGTERM', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sim-main-'));
  const file = path.join(dir, 'state.json');
  writeFileSync(file, JSON.stringify(generatedFleet(3, 1)));
  // Runs the built entry point (`yarn build` precedes the tests), as `yarn switchyard sim` does.
  const main = path.join(__dirname, '..', 'dist', 'main.js');
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(main)}).simulatorMain(process.argv.slice(1))`,
      '--',
      '--port',
      '0',
      '--state',
      file,
      '--time-scale',
      '50',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => resolve(chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  expect(line).toMatch(
    new RegExp(
      `^Switchyard AWS simulator listening on http://127\\.0\\.0\\.1:\\d+ \\(fleet state ${file.replace(/[/.]/g, '\\$&')}, time scale 50\\)\\n$`,
    ),
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
  child.kill('SIGTERM');
  expect([await exited, stderr]).toEqual([[0, null], '']);
});

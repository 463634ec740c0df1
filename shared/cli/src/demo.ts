#!/usr/bin/env node
/**
 * `yarn start`: the product on its embedded default. Starts the AWS simulator with the demo fleet,
 * shows prod-app's topology, fails it over with the shipped runbook, and shows the result.
 */
import * as path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startSimulator } from '@switchyard/simulator';
import { main } from './main';

const TIME_SCALE = Number(process.env.SWITCHYARD_DEMO_TIME_SCALE ?? 10);

async function demo(): Promise<number> {
  const sim = await startSimulator({ port: 0, fleet: 'demo', timeScale: TIME_SCALE });
  const runbooks = path.resolve(__dirname, '../../../runbooks');
  const store = mkdtempSync(path.join(tmpdir(), 'switchyard-demo-'));
  const common = ['--endpoint', sim.url, '--region', 'us-east-1', '--store', store];
  process.stdout.write(`AWS simulator (demo fleet, time ×${TIME_SCALE}) on ${sim.url}\n\n`);
  try {
    await main(['topology', 'prod-app', ...common]);
    process.stdout.write('\n');
    const code = await main([
      'run',
      path.join(runbooks, 'failover.md'),
      '--param',
      'cluster=prod-app',
      '--param',
      'target=prod-app-2',
      '--approve',
      '--time-scale',
      String(TIME_SCALE),
      ...common,
    ]);
    process.stdout.write('\n');
    await main(['topology', 'prod-app', ...common]);
    process.stdout.write(
      `\nTry it yourself against the same simulator:\n  yarn switchyard sim --fleet demo --port 4566 --time-scale 10\n` +
        `  yarn switchyard run runbooks/failover.md --param cluster=prod-app --endpoint http://127.0.0.1:4566 --time-scale 10 --approve\n`,
    );
    return code;
  } finally {
    await sim.stop();
  }
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

import { readFileSync } from 'node:fs';
import type { SimState } from './model/types';
import { startSimulator, type SimulatorOptions } from './simulator';

export interface SimulatorArgs {
  port: number;
  fleet: 'demo' | number;
  timeScale: number;
  stateFile?: string;
  seed?: number;
}

const USAGE = 'usage: switchyard sim [--port P] [--fleet demo|N] [--time-scale X] [--state file.json] [--seed N]';

/** Parses `--port`, `--fleet demo|N`, `--time-scale X`, `--state file.json`, `--seed N` (also `--flag=value`). */
export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  const args: SimulatorArgs = { port: 4566, fleet: 'demo', timeScale: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port':
        args.port = integer(flag, value(), 0, 65535);
        break;
      case '--fleet': {
        const v = value();
        args.fleet = v === 'demo' ? 'demo' : integer(flag, v, 1, 100_000);
        break;
      }
      case '--time-scale': {
        const v = Number(value());
        if (!(v > 0)) throw new Error(`--time-scale must be a positive number\n${USAGE}`);
        args.timeScale = v;
        break;
      }
      case '--state':
        args.stateFile = value();
        break;
      case '--seed':
        args.seed = integer(flag, value(), 0, 2 ** 31);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    }
  }
  return args;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${flag} must be an integer between ${min} and ${max}, got ${text}\n${USAGE}`);
  return n;
}

/** `switchyard sim`: runs the simulator in the foreground until SIGINT or SIGTERM. */
export async function simulatorMain(argv: string[]): Promise<void> {
  const args = parseSimulatorArgs(argv);
  const fleet: SimulatorOptions['fleet'] = args.stateFile ? (JSON.parse(readFileSync(args.stateFile, 'utf8')) as SimState) : args.fleet;
  const sim = await startSimulator({ port: args.port, fleet, timeScale: args.timeScale, seed: args.seed });
  // Handlers first, then the line a supervisor waits for: a signal right after it must stop cleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const fleetLabel = args.stateFile ? `state ${args.stateFile}` : args.fleet === 'demo' ? 'demo' : `${args.fleet} clusters`;
  process.stdout.write(`Switchyard AWS simulator listening on ${sim.url} (fleet ${fleetLabel}, time scale ${args.timeScale})\n`);
  await stopped;
  await sim.stop();
}

import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';
import { demoFleet } from './fleets/demo-fleet';
import { generatedFleet } from './fleets/generated-fleet';
import { cloneState, validateState } from './model/state-file';
import type { SimState } from './model/types';
import { AwsDispatcher } from './server/aws-dispatcher';
import { close, listen } from './server/http-server';
import { RequestLog } from './server/request-log';
import type { TestCredentials } from './server/sigv4';
import { Throttler } from './server/throttle';
import { cloudWatchService } from './services/cloudwatch/cloudwatch-service';
import { costExplorerService } from './services/cost-explorer-service';
import { taggingService } from './services/tagging-service';
import { pricingService } from './services/pricing/pricing-service';
import { rdsService } from './services/rds/rds-service';
import { stsService } from './services/sts-service';
import type { ThrottleRule } from './model/faults';
import { WorldControl, type SimulatorControl } from './simulator-control';
import { SimulatorWorld, wallClock, type SimClock } from './world';

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** `demo` (default), a number of generated clusters, or a saved state. */
  fleet?: 'demo' | number | SimState;
  /** With the `demo` fleet: this many generated clusters (`orders-001`, …) in the same account as well. */
  extraClusters?: number;
  /** AWS durations are divided by this: 1 = real time, 100 = a 30 s failover takes 0.3 s. */
  timeScale?: number;
  /** Seed of generated fleets, identifiers and metric noise. */
  seed?: number;
  /** Throttling active from the start (the same rules the `throttle` fault adds). */
  throttle?: ThrottleRule | ThrottleRule[];
  /** Clock override for tests. */
  clock?: SimClock;
  /**
   * Key pairs whose SigV4 signatures are accepted; others are refused as AWS refuses them
   * (InvalidClientTokenId, SignatureDoesNotMatch). Default: SIMULATOR_CREDENTIALS of @switchyard/core.
   */
  credentials?: TestCredentials[];
}

export interface RunningSimulator {
  /** Base URL to use as the AWS endpoint, e.g. http://127.0.0.1:4566. */
  url: string;
  port: number;
  control: SimulatorControl;
  /** Closes the server; nothing of the simulator keeps running afterwards. */
  stop(): Promise<void>;
}

/** Starts the local AWS simulator: RDS, CloudWatch, Cost Explorer, Price List and STS on one loopback port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const clock = options.clock ?? wallClock;
  const initial = initialState(options, clock.now());
  if (options.throttle) initial.faults.throttles.push(...(Array.isArray(options.throttle) ? options.throttle : [options.throttle]));
  const world = new SimulatorWorld(cloneState(initial), clock, options.timeScale ?? 1);
  const log = new RequestLog();
  const throttler = new Throttler(initial.seed);
  const services = [
    rdsService(world),
    stsService(world),
    cloudWatchService(world),
    costExplorerService(world),
    taggingService(world),
    pricingService(),
  ];
  const dispatcher = new AwsDispatcher(services, world, log, throttler, options.credentials ?? [SIMULATOR_CREDENTIALS]);
  const control = new WorldControl(world, initial, log, throttler);
  const { server, port } = await listen(options.port ?? 0, dispatcher, control);
  return { url: `http://127.0.0.1:${port}`, port, control, stop: () => close(server) };
}

function initialState(options: SimulatorOptions, now: number): SimState {
  const fleet = options.fleet ?? 'demo';
  const timeScale = options.timeScale ?? 1;
  if (fleet === 'demo') return demoFleet({ now, seed: options.seed, timeScale, extraClusters: options.extraClusters });
  if (typeof fleet === 'number') return generatedFleet(fleet, options.seed ?? 1, { now, timeScale });
  return validateState(fleet);
}

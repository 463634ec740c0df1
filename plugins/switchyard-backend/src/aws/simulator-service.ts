/**
 * The AWS simulator as a root service: one per backend, shared by the switchyard plugin (its AWS
 * endpoint) and the catalog module (the entities it publishes). Started on first use when
 * `switchyard.simulator` asks for an embedded one, stopped with the backend.
 */
import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { CONTROL_PREFIX, startSimulator, type RunningSimulator } from '@switchyard/simulator';
import { readSimulatorSettings, type SimulatorSettings } from '../config';

export interface SimulatorEndpoint {
  /** Base URL to use as the AWS endpoint. */
  url: string;
  timeScale: number;
  /** Regions the simulated account has clusters in. */
  regions(): Promise<string[]>;
}

export interface SwitchyardSimulatorService {
  /** The simulator to use, or undefined when `switchyard.simulator` is not configured (real AWS). */
  get(): Promise<SimulatorEndpoint | undefined>;
}

export const switchyardSimulatorServiceRef = createServiceRef<SwitchyardSimulatorService>({
  id: 'switchyard.simulator',
  scope: 'root',
  defaultFactory: async (service) =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, lifecycle: coreServices.rootLifecycle, logger: coreServices.rootLogger },
      factory({ config, lifecycle, logger }) {
        const settings = readSimulatorSettings(config);
        let started: Promise<SimulatorEndpoint> | undefined;
        let running: RunningSimulator | undefined;
        lifecycle.addShutdownHook(async () => {
          await running?.stop();
        });
        return {
          get() {
            if (!settings) return Promise.resolve(undefined);
            started ??= (async () => {
              if (settings.url) return endpoint(settings.url, settings.timeScale);
              running = await startSimulator(simulatorOptions(settings));
              logger.info(
                `Switchyard: AWS simulator (${describeFleet(settings)}, time ×${settings.timeScale}) on ${running.url}; nothing goes to AWS`,
              );
              return endpoint(running.url, settings.timeScale);
            })();
            return started;
          },
        };
      },
    }),
});

function simulatorOptions(settings: SimulatorSettings) {
  return {
    port: settings.port,
    fleet: settings.fleet,
    extraClusters: settings.extraClusters,
    timeScale: settings.timeScale,
    seed: settings.seed,
  };
}

function describeFleet(settings: SimulatorSettings): string {
  const fleet = settings.fleet === 'demo' ? 'demo fleet' : `${settings.fleet} generated clusters`;
  return settings.extraClusters ? `${fleet} + ${settings.extraClusters} generated clusters` : fleet;
}

function endpoint(url: string, timeScale: number): SimulatorEndpoint {
  const base = url.replace(/\/+$/, '');
  return {
    url: base,
    timeScale,
    async regions() {
      // The simulator's control API (not an AWS API): which regions hold clusters.
      const response = await fetch(`${base}${CONTROL_PREFIX}/state`);
      if (!response.ok) throw new Error(`the AWS simulator at ${base} answered ${response.status} to ${CONTROL_PREFIX}/state`);
      const state = (await response.json()) as { clusters: Array<{ region: string }> };
      return [...new Set(state.clusters.map((c) => c.region))].sort();
    },
  };
}

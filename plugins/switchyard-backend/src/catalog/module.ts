/** Catalog module: publishes the simulator's databases and the demo organisation when enabled. */
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { switchyardSimulatorServiceRef } from '../aws/simulator-service';
import { readSimulatorSettings } from '../config';
import { SimulatorEntityProvider } from './simulator-entity-provider';

export const catalogModuleSwitchyardSimulator = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'switchyard-simulator',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        simulator: switchyardSimulatorServiceRef,
      },
      async init({ catalog, config, logger, scheduler, simulator }) {
        if (!readSimulatorSettings(config)?.catalog) return;
        const provider = new SimulatorEntityProvider(simulator, logger);
        catalog.addEntityProvider(provider);
        await scheduler.scheduleTask({
          id: 'switchyard-simulator-entities',
          frequency: { minutes: 1 },
          timeout: { seconds: 50 },
          initialDelay: { minutes: 1 },
          scope: 'local',
          fn: () => provider.refresh(),
        });
      },
    });
  },
});

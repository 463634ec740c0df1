/**
 * Catalog entity provider (enabled by `switchyard.simulator.catalog: true`): the simulated
 * databases and the demo users and groups, refreshed every minute so clusters created or removed
 * by runbooks follow. One entity per production name (the core's productionClusters): after a
 * Blue/Green switchover the entity stays on the name, and its old environment shows on its page.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { fetchFleet, productionClusters, SdkAwsGateway, simulatorCredentials } from '@switchyard/core';
import type { SwitchyardSimulatorService } from '../aws/simulator-service';
import { demoPeopleEntities } from './demo-people';
import { clusterEntity } from './simulator-entities';

export class SimulatorEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly simulator: SwitchyardSimulatorService,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'switchyard-simulator';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.refresh().catch((error) =>
      this.logger.warn('Switchyard: simulated databases not in the catalog yet', { error: String(error) }),
    );
  }

  async refresh(): Promise<void> {
    if (!this.connection) return;
    const simulator = await this.simulator.get();
    if (!simulator) return;
    const regions = await simulator.regions();
    const aws = new SdkAwsGateway({ region: regions[0] ?? 'us-east-1', endpoint: simulator.url, credentials: simulatorCredentials });
    try {
      const fleet = await fetchFleet(aws, { regions });
      const location = `switchyard-simulator:${simulator.url}`;
      const entities = [...productionClusters(fleet.clusters).map((c) => clusterEntity(c, location)), ...demoPeopleEntities(location)];
      await this.connection.applyMutation({
        type: 'full',
        entities: entities.map((entity) => ({ entity, locationKey: this.getProviderName() })),
      });
      this.logger.info('Switchyard: simulated databases, users and groups in the catalog', { entities: entities.length });
    } finally {
      aws.destroy();
    }
  }
}

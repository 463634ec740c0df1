import type {
  DBEngineVersionMessage,
  DescribeDBEngineVersionsMessage,
  DescribeOrderableDBInstanceOptionsMessage,
  DescribePendingMaintenanceActionsMessage,
  OrderableDBInstanceOptionsMessage,
  PendingMaintenanceActionsMessage,
} from '@aws-sdk/client-rds';
import { arns } from '../../model/arn';
import { ENGINE_VERSIONS, licenseModel, orderableClasses, parameterGroupFamily, upgradeTargets } from '../../model/engine-catalog';
import { findCluster, findInstance, idFromIdOrArn } from '../../model/lookup';
import { availabilityZones } from '../../model/regions';
import { AwsError, commonErrors } from '../../protocol/aws-error';
import type { SimulatorWorld } from '../../world';
import { handler, type OperationHandler } from '../service-definition';
import { applyFilters } from './filters';
import { paginate } from './paging';

/** What the account can run (the engine table of model/engine-catalog) and what maintenance is pending. */
export function engineOperations(world: SimulatorWorld): Record<string, OperationHandler> {
  return {
    DescribeDBEngineVersions: handler((input: DescribeDBEngineVersionsMessage): DBEngineVersionMessage => {
      let versions = ENGINE_VERSIONS.filter(
        (v) =>
          (!input.Engine || v.engine === input.Engine) &&
          (!input.EngineVersion || v.version === input.EngineVersion) &&
          (!input.DBParameterGroupFamily || v.family === input.DBParameterGroupFamily),
      );
      versions = applyFilters(versions, input.Filters, {
        engine: (v) => [v.engine],
        'engine-version': (v) => [v.version],
        'parameter-group-family': (v) => [v.family],
        status: () => ['available'],
        'engine-mode': () => ['provisioned'],
      });
      if (input.DefaultOnly) {
        // The default is the engine's latest version of its latest major in this table.
        const latest = new Map<string, (typeof versions)[number]>();
        for (const v of versions) latest.set(v.engine, v);
        versions = [...latest.values()];
      }
      const page = paginate(
        [...versions],
        (v) =>
          `${v.engine}/${v.version
            .split('.')
            .map((n) => n.padStart(4, '0'))
            .join('.')}`,
        input.Marker,
        input.MaxRecords,
      );
      return {
        Marker: page.marker,
        DBEngineVersions: page.items.map((v) => ({
          Engine: v.engine,
          EngineVersion: v.version,
          DBParameterGroupFamily: v.family,
          DBEngineDescription: v.engine === 'aurora-postgresql' ? 'Aurora (PostgreSQL)' : v.engine,
          DBEngineVersionDescription: v.description,
          Status: 'available',
          SupportedEngineModes: ['provisioned'],
          SupportsReadReplica: true,
          SupportsGlobalDatabases: v.engine.startsWith('aurora'),
          ValidUpgradeTarget: upgradeTargets(v.engine, v.version).map((t) => ({
            Engine: t.engine,
            EngineVersion: t.version,
            Description: t.description,
            AutoUpgrade: false,
            IsMajorVersionUpgrade: t.family !== parameterGroupFamily(v.engine, v.version),
          })),
        })),
      };
    }),

    DescribeOrderableDBInstanceOptions: handler(
      (input: DescribeOrderableDBInstanceOptionsMessage, { region }): OrderableDBInstanceOptionsMessage => {
        if (!input.Engine) throw commonErrors.missingParameter('Engine');
        const versions = ENGINE_VERSIONS.filter(
          (v) => v.engine === input.Engine && (!input.EngineVersion || v.version === input.EngineVersion),
        );
        const options = versions.flatMap((v) =>
          orderableClasses(v.engine)
            .filter((c) => !input.DBInstanceClass || c === input.DBInstanceClass)
            .map((c) => ({ version: v, instanceClass: c })),
        );
        // MaxRecords here goes to 1000 (API reference); pages of 100 are enough for the table.
        const limit = input.MaxRecords === undefined ? undefined : Math.min(Math.max(input.MaxRecords, 20), 100);
        const page = paginate(options, (o) => `${o.version.version}/${o.instanceClass}`, input.Marker, limit);
        return {
          Marker: page.marker,
          OrderableDBInstanceOptions: page.items.map(({ version, instanceClass }) => ({
            Engine: version.engine,
            EngineVersion: version.version,
            DBInstanceClass: instanceClass,
            LicenseModel: licenseModel(version.engine),
            AvailabilityZones: availabilityZones(region).map((Name) => ({ Name })),
            MultiAZCapable: true,
            ReadReplicaCapable: true,
            Vpc: true,
            StorageType: version.engine.startsWith('aurora') ? 'aurora' : 'gp3',
            SupportedEngineModes: ['provisioned'],
          })),
        };
      },
    ),

    /**
     * Nothing is scheduled in the simulated account, so the list is empty; a ResourceIdentifier
     * that names no cluster or instance is `ResourceNotFoundFault` (404), the operation's one
     * modelled error (botocore service-2.json).
     */
    DescribePendingMaintenanceActions: handler(
      (input: DescribePendingMaintenanceActionsMessage, { region }): PendingMaintenanceActionsMessage => {
        const { state } = world.context();
        if (input.ResourceIdentifier) {
          const id = idFromIdOrArn(input.ResourceIdentifier);
          const known =
            (findCluster(state, region, id) && input.ResourceIdentifier === arns.cluster(state, region, id)) ||
            (findInstance(state, region, id) && input.ResourceIdentifier === arns.instance(state, region, id));
          if (!known) throw new AwsError('ResourceNotFoundFault', `The specified resource ID ${input.ResourceIdentifier} was not found.`);
        }
        paginate([], (x: string) => x, input.Marker, input.MaxRecords);
        return { PendingMaintenanceActions: [] };
      },
    ),
  };
}

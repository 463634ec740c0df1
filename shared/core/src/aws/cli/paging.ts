/**
 * How the AWS CLI pages an operation: botocore's paginator configuration
 * (`botocore/data/<service>/<version>/paginators-1.json`, with `paginators-1.sdk-extras.json`
 * merged in), copied for the services runbooks call. The AWS CLI follows every page unless told
 * `--no-paginate`, merges them (botocore `PageIterator.build_full_result`: the `result_key` lists
 * concatenated, strings joined, `non_aggregate_keys` from the first page, the tokens dropped) and
 * only then applies `--query` (awscli `formatter.py`: `build_full_result()`, then
 * `query.search`). `paging.test.ts` checks this table against the installed botocore.
 */
import type { AwsServiceName } from '../gateway';

export interface PagingModel {
  /** Input member carrying the token of the next page, e.g. `Marker`. */
  inputToken: string;
  /** Output path of the next page's token (`EngineDefaults.Marker`); empty or absent on the last page. */
  outputToken: string;
  /** Input member bounding a page's size (what `--page-size` sets), e.g. `MaxRecords`. */
  limitKey?: string;
  /** Output member that says another page follows (DownloadDBLogFilePortion). */
  moreResults?: string;
  /** Output paths merged over the pages. */
  resultKeys: string[];
  /** Output members kept from the first page. */
  nonAggregateKeys?: string[];
}

const marker = (resultKey: string): PagingModel => ({
  inputToken: 'Marker',
  outputToken: 'Marker',
  limitKey: 'MaxRecords',
  resultKeys: [resultKey],
});

export const PAGING: Partial<Record<AwsServiceName, Record<string, PagingModel>>> = {
  rds: {
    DescribeBlueGreenDeployments: marker('BlueGreenDeployments'),
    DescribeCertificates: {
      inputToken: 'Marker',
      outputToken: 'Marker',
      limitKey: 'MaxRecords',
      resultKeys: ['Certificates'],
      nonAggregateKeys: ['DefaultCertificateForNewLaunches'],
    },
    DescribeDBClusterAutomatedBackups: marker('DBClusterAutomatedBackups'),
    DescribeDBClusterBacktracks: marker('DBClusterBacktracks'),
    DescribeDBClusterEndpoints: marker('DBClusterEndpoints'),
    DescribeDBClusterParameterGroups: marker('DBClusterParameterGroups'),
    DescribeDBClusterParameters: marker('Parameters'),
    DescribeDBClusterSnapshots: marker('DBClusterSnapshots'),
    DescribeDBClusters: marker('DBClusters'),
    DescribeDBEngineVersions: marker('DBEngineVersions'),
    DescribeDBInstanceAutomatedBackups: marker('DBInstanceAutomatedBackups'),
    DescribeDBInstances: marker('DBInstances'),
    DescribeDBLogFiles: marker('DescribeDBLogFiles'),
    DescribeDBMajorEngineVersions: marker('DBMajorEngineVersions'),
    DescribeDBParameterGroups: marker('DBParameterGroups'),
    DescribeDBParameters: marker('Parameters'),
    DescribeDBProxies: marker('DBProxies'),
    DescribeDBProxyEndpoints: marker('DBProxyEndpoints'),
    DescribeDBProxyTargetGroups: marker('TargetGroups'),
    DescribeDBProxyTargets: marker('Targets'),
    DescribeDBRecommendations: marker('DBRecommendations'),
    DescribeDBSecurityGroups: marker('DBSecurityGroups'),
    DescribeDBSnapshotTenantDatabases: marker('DBSnapshotTenantDatabases'),
    DescribeDBSnapshots: marker('DBSnapshots'),
    DescribeDBSubnetGroups: marker('DBSubnetGroups'),
    DescribeEngineDefaultClusterParameters: {
      inputToken: 'Marker',
      outputToken: 'EngineDefaults.Marker',
      limitKey: 'MaxRecords',
      resultKeys: ['EngineDefaults.Parameters'],
    },
    DescribeEngineDefaultParameters: {
      inputToken: 'Marker',
      outputToken: 'EngineDefaults.Marker',
      limitKey: 'MaxRecords',
      resultKeys: ['EngineDefaults.Parameters'],
    },
    DescribeEventSubscriptions: marker('EventSubscriptionsList'),
    DescribeEvents: marker('Events'),
    DescribeExportTasks: marker('ExportTasks'),
    DescribeGlobalClusters: marker('GlobalClusters'),
    DescribeIntegrations: marker('Integrations'),
    DescribeOptionGroupOptions: marker('OptionGroupOptions'),
    DescribeOptionGroups: marker('OptionGroupsList'),
    DescribeOrderableDBInstanceOptions: marker('OrderableDBInstanceOptions'),
    DescribePendingMaintenanceActions: marker('PendingMaintenanceActions'),
    DescribeReservedDBInstances: marker('ReservedDBInstances'),
    DescribeReservedDBInstancesOfferings: marker('ReservedDBInstancesOfferings'),
    DescribeServerlessV2PlatformVersions: marker('ServerlessV2PlatformVersions'),
    DescribeSourceRegions: marker('SourceRegions'),
    DescribeTenantDatabases: marker('TenantDatabases'),
    DownloadDBLogFilePortion: {
      inputToken: 'Marker',
      outputToken: 'Marker',
      limitKey: 'NumberOfLines',
      moreResults: 'AdditionalDataPending',
      resultKeys: ['LogFileData'],
    },
  },
  cloudwatch: {
    DescribeAlarmHistory: { inputToken: 'NextToken', outputToken: 'NextToken', limitKey: 'MaxRecords', resultKeys: ['AlarmHistoryItems'] },
    DescribeAlarms: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxRecords',
      resultKeys: ['MetricAlarms', 'CompositeAlarms'],
    },
    DescribeAnomalyDetectors: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKeys: ['AnomalyDetectors'],
    },
    GetMetricData: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxDatapoints',
      resultKeys: ['MetricDataResults', 'Messages'],
    },
    ListAlarmMuteRules: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxRecords',
      resultKeys: ['AlarmMuteRuleSummaries'],
    },
    ListDashboards: { inputToken: 'NextToken', outputToken: 'NextToken', resultKeys: ['DashboardEntries'] },
    ListMetrics: { inputToken: 'NextToken', outputToken: 'NextToken', resultKeys: ['Metrics', 'OwningAccounts'] },
  },
  ce: {
    GetAnomalies: { inputToken: 'NextPageToken', outputToken: 'NextPageToken', limitKey: 'MaxResults', resultKeys: ['Anomalies'] },
    GetAnomalyMonitors: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'MaxResults',
      resultKeys: ['AnomalyMonitors'],
    },
    GetAnomalySubscriptions: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'MaxResults',
      resultKeys: ['AnomalySubscriptions'],
    },
    GetCostAndUsageComparisons: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'MaxResults',
      resultKeys: ['CostAndUsageComparisons'],
      nonAggregateKeys: ['TotalCostAndUsage'],
    },
    GetCostComparisonDrivers: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'MaxResults',
      resultKeys: ['CostComparisonDrivers'],
    },
    GetReservationPurchaseRecommendation: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'PageSize',
      resultKeys: ['Recommendations'],
      nonAggregateKeys: ['Metadata'],
    },
    GetRightsizingRecommendation: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'PageSize',
      resultKeys: ['RightsizingRecommendations'],
      nonAggregateKeys: ['Configuration', 'Metadata', 'Summary'],
    },
    ListCommitmentPurchaseAnalyses: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'PageSize',
      resultKeys: ['AnalysisSummaryList'],
    },
    ListCostAllocationTagBackfillHistory: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKeys: ['BackfillRequests'],
    },
    ListCostAllocationTags: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKeys: ['CostAllocationTags'],
    },
    ListCostCategoryDefinitions: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKeys: ['CostCategoryReferences'],
    },
    ListCostCategoryResourceAssociations: {
      inputToken: 'NextToken',
      outputToken: 'NextToken',
      limitKey: 'MaxResults',
      resultKeys: ['CostCategoryResourceAssociations'],
    },
    ListSavingsPlansPurchaseRecommendationGeneration: {
      inputToken: 'NextPageToken',
      outputToken: 'NextPageToken',
      limitKey: 'PageSize',
      resultKeys: ['GenerationSummaryList'],
    },
  },
};

/** How the AWS CLI pages `operation` (SDK name), or undefined when it sends one request. */
export function pagingModel(service: AwsServiceName, operation: string): PagingModel | undefined {
  const models = PAGING[service];
  return models && Object.prototype.hasOwnProperty.call(models, operation) ? models[operation] : undefined;
}

/** The value at a dotted output path (`EngineDefaults.Marker`). */
export function valueAt(data: unknown, path: string): unknown {
  let cursor = data;
  for (const key of path.split('.')) {
    if (!cursor || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  return cursor;
}

function setAt(data: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = data;
  for (const key of keys.slice(0, -1)) {
    if (!cursor[key] || typeof cursor[key] !== 'object') cursor[key] = {};
    cursor = cursor[key] as Record<string, unknown>;
  }
  cursor[keys[keys.length - 1]] = value;
}

/** The pages merged as botocore's `build_full_result` merges them: what the AWS CLI prints and `--query` sees. */
export function mergePages(model: PagingModel, pages: readonly Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const page of pages) {
    for (const key of model.resultKeys) {
      const value = valueAt(page, key);
      if (value === undefined || value === null) continue;
      const existing = valueAt(merged, key);
      if (existing === undefined || existing === null) setAt(merged, key, Array.isArray(value) ? [...value] : value);
      else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
      else if (typeof existing === typeof value && (typeof value === 'string' || typeof value === 'number')) {
        setAt(merged, key, (existing as string) + (value as string));
      }
    }
  }
  const first = pages[0] ?? {};
  for (const key of model.nonAggregateKeys ?? []) {
    const value = valueAt(first, key);
    if (value !== undefined) setAt(merged, key, value);
  }
  return merged;
}

/** Whether another page follows `page`, and its token. */
export function nextToken(model: PagingModel, page: Record<string, unknown>): string | undefined {
  if (model.moreResults !== undefined && !valueAt(page, model.moreResults)) return undefined;
  const token = valueAt(page, model.outputToken);
  return typeof token === 'string' && token !== '' ? token : undefined;
}

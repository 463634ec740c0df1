export * from './runbook';
export * from './runbook/model';
export * from './runbook/diagnostic';
export * from './cel';
export * from './aws/cli';
export * from './aws/gateway';
export { awsFailureKind, CLOCK_SKEW_FIX, type AwsFailure, type AwsFailureKind } from './aws/failure-kind';
export { fetchCallerIdentity } from './aws/caller-identity';
export { SIMULATOR_CREDENTIALS, simulatorCredentials } from './aws/simulator-credentials';
export { SdkAwsGateway, DEFAULT_RATE_LIMITS, type SdkAwsGatewayOptions, type AwsCredentialsProvider } from './aws/sdk-gateway';
export { AWS_SERVICES, isAwsServiceName } from './aws/service-modules';
export * from './live/views';
export * from './live/fetch-views';
export { ResourceNotFoundError, type ResourceKind } from './live/resource-not-found';
export { observe, observeAll, type Freshness } from './live/observe';
export { Observer, observerFor, metricKey, type ObserverOptions } from './live/observer';
export { SharedReads, type ReadOutcome, type SharedReadsOptions, type SharedReadsStats } from './live/shared-reads';
export { TokenBucket, type BucketClock, type BucketStats } from './aws/token-bucket';
export * from './model';
export * from './engine/run-store';
export * from './engine/ports';
export { FileRunStore, type FileRunStoreOptions } from './engine/file-run-store';
export { StoreFileError, StoreWriteError } from './engine/store-files';
export { NodeShellGateway } from './engine/node-shell';
export { NodeHttpGateway, environmentSecrets, configuredSecrets, MAX_HTTP_BODY_BYTES } from './engine/node-http';
export { HttpDeclinedError, HttpHostRefusedError, HttpSendError, HttpValueError } from './blocks/http/http-errors';
export { hostAllowList, checkAllowedHost, type HostAllowList } from './blocks/http/http-hosts';
export {
  checkHttpAtStart,
  httpStartRefusals,
  HttpStartRefusedError,
  type HttpStartPolicy,
  type HttpStartRefusal,
} from './blocks/http/http-start-check';
export { howToAllowHttp, howToAllowShell, type HostKind } from './blocks/common/how-to-allow';
export { Engine, scopeOf, type EngineOptions, type HostVariables, type StartRunRequest } from './engine/engine';
export { rollbackStepRuns, type GatePolicy } from './engine/step-plan';
export { loadRunbook } from './engine/load-runbook';
export { declaredOutputs, type DeclaredOutput } from './engine/declared-outputs';
export { RunHost, type RunHostOptions, type HostStartRequest, type TargetServices } from './host/run-host';
export * from './blocks/registry';
export type { BlockKindModule } from './blocks/kind';
export type { BlockSpec, BlockParseContext, FenceSource } from './blocks/common/block-spec';
export { reconcile } from './blocks/aws/aws-reconciler';
export type { Reconciliation } from './blocks/common/block-reconciler';
export * from './sql';
export * from './cost/price-snapshot';
export * from './cost/model';
export * from './cost/fetch-cost';
export * from './cost/price-book';
export * from './cost/volume-cost';
export { PriceCache, DEFAULT_PRICE_CACHE_TTL_MS, type PriceCacheOptions, type CachedAnswer } from './cost/price-cache';
export { sdkPriceListClient, PRICING_REGION, type PriceListClient, type SdkPriceListOptions } from './cost/price-list-client';
export { fetchPriceBook, PRICE_LIST_SOURCE, type PriceNeeds, type LivePrices } from './cost/live-prices';
export { parsePriceList, parsePriceListItem, type ListedPrice } from './cost/price-list-parse';
export * from './live/topology-model';
export { fetchTopology, type FetchTopologyOptions } from './live/topology';
export { lintTopology, type LintInput, type ParameterComparison } from './live/lint';
export { clusterRunResources, fetchFleet, productionClusters, type FetchFleetOptions } from './live/fleet';
export {
  switchoverHistory,
  isSwitchoverRun,
  switchoverOutcome,
  switchSeconds,
  approvalWaitSeconds,
  type SwitchoverHistoryFilter,
  type SwitchoverOutcome,
} from './live/history';
export { blueGreenStage } from './live/blue-green-stage';
export * from './rollout';
export { mapLimit } from './engine/map-limit';

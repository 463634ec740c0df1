export { parseConnections, describeConnection, ConnectionConfigError, SSL_MODES, type ConnectionConfig, type SslMode } from './connections';
export { passwordSource, rdsIamToken, MissingPasswordError, type IamTokenSource } from './credentials';
export { PgSqlGateway, SqlWriteRefusedError, UnknownConnectionError, type PgSqlGatewayOptions } from './pg-sql-gateway';
export { parseByteSize, formatBytes } from './byte-size';
export {
  observeDataGuard,
  isDataGuardSource,
  DATA_GUARD_KINDS,
  NoSqlConnectionsError,
  type DataGuardPorts,
} from './guards/observe-data-guard';
export * from './guards/views';
export { renderConninfo, ConninfoError, type Conninfo } from './conninfo';
export { quoteLiteral } from './quote-literal';

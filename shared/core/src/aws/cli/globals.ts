/**
 * AWS CLI options that configure the CLI itself rather than the request. They are accepted
 * anywhere on the line, returned beside the command and never sent as input.
 */
export const GLOBAL_VALUE_OPTIONS = new Set([
  'region',
  'profile',
  'endpoint-url',
  'output',
  'query',
  'cli-read-timeout',
  'cli-connect-timeout',
  'color',
  'ca-bundle',
]);

export const GLOBAL_BOOLEAN_OPTIONS = new Set(['no-cli-pager', 'debug', 'no-verify-ssl', 'no-sign-request']);

/** The CLI's uniform paging options, offered only for operations the SDK ships a paginator for. */
export const PAGING_VALUE_OPTIONS = new Set(['starting-token', 'max-items', 'page-size']);
export const PAGING_BOOLEAN_OPTIONS = new Set(['no-paginate']);

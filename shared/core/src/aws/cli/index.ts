export { parseAwsCli, type AwsCliParse, type AwsCliParseOptions, type AwsCliError } from './parse-aws-cli';
export { awsOperationInfo, listAwsOperations, type AwsOperationInfo, type AwsFlagInfo, type AwsOperationSummary } from './operation-info';
export { cliName } from './cli-name';
export { READ_ONLY_VERBS, isMutatingOperation } from './service-catalog';
export { redactInput, redactOutput, redactSensitive, SENSITIVE_MARK } from './sensitive';
export { applyQuery, queryProblem, AwsQueryError } from './query';

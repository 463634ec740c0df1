import type { AwsServiceName, CallerIdentity } from '@switchyard/core';

/** A mutating AWS call about to be sent, with everything the operator must see to confirm it. */
export interface MutationRequest {
  service: AwsServiceName;
  operation: string;
  input: Record<string, unknown>;
  region: string;
  /** `aws` (real AWS) or the custom endpoint URL. */
  target: string;
  /** The call goes to the editor's sandbox (the local simulator), not to an AWS account. */
  sandbox: boolean;
  identity: CallerIdentity;
}

/** The members of a call that name resources: `…Identifier`, `…Arn`, `…Name`, and lists of them (`ResourceARNList`). */
function resourceMembers(input: Record<string, unknown>): [string, string | unknown[]][] {
  return Object.entries(input).filter(
    (entry): entry is [string, string | unknown[]] =>
      /(Identifier|Arn|ARN|Name)(s|List)?$/.test(entry[0]) && (typeof entry[1] === 'string' || Array.isArray(entry[1])),
  );
}

/** The resources a call names, in input order; a list names every one of its items (a tagging batch's ARNs). */
export function resourcesOf(input: Record<string, unknown>): string[] {
  return resourceMembers(input).map(([key, value]) => `${key} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
}

/**
 * The main resource, to type in the typed confirmation: its value (`prod-app`); for a list (a
 * tagging batch's ARNs) the first one's name (`arn:aws:rds:…:cluster:prod-app-old1` → `prod-app-old1`),
 * and the detail lists each.
 */
export function primaryResource(input: Record<string, unknown>): string | undefined {
  const first = resourceMembers(input)[0];
  if (!first) return undefined;
  const [, value] = first;
  if (Array.isArray(value)) return value.length ? resourceName(String(value[0])) : undefined;
  return value;
}

/** The main resource for the button and the title: a list of several is its first and how many more (`prod-app-old1 and 2 more`). */
export function resourceLabel(input: Record<string, unknown>): string | undefined {
  const primary = primaryResource(input);
  const value = resourceMembers(input)[0]?.[1];
  return primary && Array.isArray(value) && value.length > 1 ? `${primary} and ${value.length - 1} more` : primary;
}

/** The name an ARN ends in (`…:cluster:prod-app`, `…:db:prod-app-1`, `…/name`); not an ARN: as is. */
function resourceName(value: string): string {
  if (!value.startsWith('arn:')) return value;
  const resource = value.split(':').slice(5).join(':');
  return resource.split(/[:/]/).pop() || value;
}

/** Verbs for the operations runbooks use most; others are spelled from their name (`RebootDBInstance` → `Reboot DB instance`). */
const VERBS: Record<string, string> = {
  FailoverDBCluster: 'Fail over',
  FailoverGlobalCluster: 'Fail over global cluster',
  SwitchoverGlobalCluster: 'Switch over global cluster',
  SwitchoverBlueGreenDeployment: 'Switch over',
  RemoveFromGlobalCluster: 'Detach from global cluster',
  PromoteReadReplicaDBCluster: 'Promote',
  TagResources: 'Tag',
  UntagResources: 'Untag',
};

/** The button's words: the action and its resource, e.g. `Fail over prod-app`. */
export function actionLabel(request: Pick<MutationRequest, 'operation' | 'input'>): string {
  const verb =
    VERBS[request.operation] ??
    request.operation
      .replace(/DB/g, ' DB ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/ (?!DB\b)(\w)/g, (_m, c: string) => ` ${c.toLowerCase()}`);
  const resource = resourceLabel(request.input);
  return resource ? `${verb} ${resource}` : verb;
}

/** Where the call lands, in the words shown first: the SANDBOX, or the real account. */
export function whereLabel(request: Pick<MutationRequest, 'sandbox' | 'identity' | 'region'>): string {
  return request.sandbox
    ? `SANDBOX (local simulator, ${request.region}) — nothing real changes`
    : `REAL AWS account ${request.identity.account}, ${request.region}`;
}

/** The modal's title and detail: where it lands (sandbox or the real account) and the resource first, then who is calling. */
export function describeMutation(request: MutationRequest): { message: string; detail: string } {
  const resources = resourcesOf(request.input);
  const where = request.target === 'aws' ? 'AWS' : `the endpoint ${request.target}`;
  return {
    message: `${actionLabel(request)}? ${whereLabel(request)}`,
    detail: [
      `Mutating call: ${request.service} ${request.operation}`,
      `Account: ${request.identity.account}${request.sandbox ? ' (the sandbox’s simulated account)' : ''}`,
      `Region: ${request.region}`,
      `Resource: ${resources.length ? resources.join('; ') : '(none named in the call)'}`,
      `Caller: ${request.identity.arn}`,
      `Sent to: ${where}`,
    ].join('\n'),
  };
}

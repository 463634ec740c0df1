/** Middleware the gateways put on the SDK clients they hand out: typed errors, and read-only clients. */
import { isMutatingOperation } from './cli/service-catalog';
import { AwsCallError, type AwsServiceName } from './gateway';
import type { TokenBucket } from './token-bucket';
import { toAwsCallError } from './sdk-errors';
import { serviceOfClient } from './service-modules';

export type Handler = (args: { input: object }) => Promise<{ output: object; response: unknown }>;
export type Middleware = (next: Handler, context: { clientName?: string; commandName?: string }) => Handler;

/** The part of an SDK client used here (the clients' stacks differ only in their input and output types). */
export interface StackedClient {
  middlewareStack: { add(middleware: Middleware, options: { step: 'initialize'; name: string; priority: 'high' }): void };
}

/** `RDSClient` + `DescribeDBClustersCommand` → rds, DescribeDBClusters. */
export function callOf(context: { clientName?: string; commandName?: string }): { service: AwsServiceName; operation: string } {
  const clientName = context.clientName ?? '';
  // Only the clients of AWS_SERVICES are handed out (ReadClient); the fallback names any other legibly.
  const service = serviceOfClient(clientName) ?? (clientName.replace(/Client$/, '').toLowerCase() as AwsServiceName);
  return { service, operation: (context.commandName ?? '').replace(/Command$/, '') };
}

/** Every failure of the client's commands becomes an AwsCallError, once the SDK's own retries are done. */
export function throwAwsCallErrors(client: StackedClient, target: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw toAwsCallError(error, { ...callOf(context), target });
      }
    },
    { step: 'initialize', name: 'switchyardAwsCallErrors', priority: 'high' },
  );
}

/** Refuses, before anything is sent, a command that would change AWS: the client only reads. */
export function refuseChanges(client: StackedClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const { service, operation } = callOf(context);
      if (!isMutatingOperation(operation)) return next(args);
      throw new AwsCallError({
        service,
        operation,
        code: 'NotARead',
        awsMessage: `${operation} changes AWS, and this client only reads; nothing was sent`,
        retryable: false,
        notApplied: true,
        hint: 'changes go through a runbook aws line, where they are recorded and confirmed',
      });
    },
    { step: 'initialize', name: 'switchyardReadOnly', priority: 'high' },
  );
}

/**
 * Every attempt of the client's commands (the SDK's retries included: the step runs inside its
 * retry middleware) first takes a token from its service's bucket; a change goes before waiting reads.
 */
export function limitRate(client: StackedClient, bucketOf: (service: AwsServiceName) => TokenBucket | undefined): void {
  // The SDK's stacks take a finalizeRequest middleware too; StackedClient names only the initialize step.
  const stack = client.middlewareStack as unknown as {
    add(middleware: Middleware, options: { step: 'finalizeRequest'; name: string; priority: 'low' }): void;
  };
  stack.add(
    (next, context) => async (args) => {
      const { service, operation } = callOf(context);
      await bucketOf(service)?.take(isMutatingOperation(operation));
      return next(args);
    },
    { step: 'finalizeRequest', name: 'switchyardRateLimit', priority: 'low' },
  );
}

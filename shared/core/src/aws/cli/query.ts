/**
 * `--query`: the AWS CLI's client-side JMESPath filter, applied the way the CLI applies it — to the
 * whole response (redacted first, as the CLI never had a password to show either), after the
 * request was answered. The AWS CLI embeds Python's `jmespath`; here the reference JavaScript
 * implementation of the same specification (npm `jmespath`, jmespath.org) evaluates it.
 *
 * AWS: "Filtering output with --query … client-side filtering" (cli-usage-filter.html).
 */
import * as jmespath from 'jmespath';

/** `jmespath.compile` exists (jmespath.js exports it) but is not in its published types. */
const compile = (jmespath as unknown as { compile(expression: string): unknown }).compile;

/** Why `expression` is not JMESPath, in the library's words, or undefined when it is. */
export function queryProblem(expression: string): string | undefined {
  if (!expression.trim()) return 'the expression is empty';
  try {
    compile(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A `--query` that could not be evaluated on the response (a function given the wrong type, e.g. `length(null)`). */
export class AwsQueryError extends Error {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`--query ${JSON.stringify(expression)} could not be applied to the response: ${reason}`);
    this.name = 'AwsQueryError';
  }
}

/** The response as `--query` leaves it: what the AWS CLI would print with `--output json` (`null` for nothing). */
export function applyQuery(response: unknown, expression: string): unknown {
  try {
    return jmespath.search(response, expression) ?? null;
  } catch (error) {
    throw new AwsQueryError(expression, error instanceof Error ? error.message : String(error));
  }
}

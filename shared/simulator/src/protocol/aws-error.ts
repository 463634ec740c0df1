/**
 * A failure the simulator answers with, named by the service's error shape (e.g.
 * `DBClusterNotFoundFault`) or by a common error code AWS uses without a shape (`Throttling`,
 * `InvalidParameterValue`, …). The protocol layer turns it into the wire code and HTTP status.
 */
export class AwsError extends Error {
  constructor(
    /** Error shape name from the service model, or a common error code. */
    readonly code: string,
    message: string,
    /** HTTP status for common errors; shapes take theirs from the model. */
    readonly status?: number,
    readonly fault: 'client' | 'server' = 'client',
  ) {
    super(message);
    this.name = code;
  }
}

/** Errors every AWS query/JSON service may return, which have no shape in the service model. */
export const commonErrors = {
  missingAuthentication: () => new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403),
  throttling: (json: boolean) => new AwsError(json ? 'ThrottlingException' : 'Throttling', 'Rate exceeded', 400),
  invalidParameterValue: (message: string) => new AwsError('InvalidParameterValue', message, 400),
  invalidParameterCombination: (message: string) => new AwsError('InvalidParameterCombination', message, 400),
  missingParameter: (name: string) => new AwsError('MissingParameter', `The request must contain the parameter ${name}`, 400),
  invalidAction: (action: string) =>
    new AwsError(
      'InvalidAction',
      `The action or operation requested is invalid. Verify that the action is typed correctly: ${action}`,
      400,
    ),
  serviceUnavailable: (message: string) => new AwsError('ServiceUnavailable', message, 503, 'server'),
  internalFailure: (message: string) => new AwsError('InternalFailure', message, 500, 'server'),
};

import { execFile } from 'node:child_process';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';

export interface BotocoreResult {
  /** The AWS error code botocore parsed, or undefined when the call succeeded. */
  errorCode?: string;
  status?: number;
  message?: string;
  /** The Authorization header as it was sent (after `alterSignature`). */
  authorization?: string;
}

/**
 * Calls `service.operation(params)` through the botocore the AWS CLI runs on (python3), signed by
 * botocore's own SigV4 signer with the simulator's test credentials; `alterSignature` replaces the
 * `Signature=` value of the Authorization header in a `before-send` event hook, after signing —
 * a request whose signature was damaged on the way.
 */
export function callBotocore(
  endpoint: string,
  service: string,
  operation: string,
  params: Record<string, unknown>,
  alterSignature?: string,
): Promise<BotocoreResult> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
  };
  const input = JSON.stringify({ endpoint, service, operation, params, alterSignature: alterSignature ?? null });
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', PYTHON, input], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`python3 botocore call failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as BotocoreResult);
    });
  });
}

const PYTHON = `
import json, re, sys
import botocore.session
from botocore.exceptions import ClientError
req = json.loads(sys.argv[1])
sent = {}
def alter(request, **kwargs):
    header = request.headers['Authorization']
    header = header.decode() if isinstance(header, bytes) else header
    if req['alterSignature'] is not None:
        header = re.sub(r'Signature=[^,\\s]*', lambda m: 'Signature=' + req['alterSignature'], header)
        request.headers['Authorization'] = header
    sent['authorization'] = header
session = botocore.session.get_session()
session.register('before-send', alter)
client = session.create_client(req['service'], endpoint_url=req['endpoint'])
try:
    getattr(client, req['operation'])(**req['params'])
    print(json.dumps(sent))
except ClientError as e:
    print(json.dumps(dict(sent, errorCode=e.response['Error']['Code'], message=e.response['Error'].get('Message'),
                          status=e.response['ResponseMetadata']['HTTPStatusCode'])))
`;

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';

/** Where the AWS CLI is, or undefined (then CLI conformance tests skip with a visible message). */
export function findAwsCli(): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/** Where libfaketime's `faketime` is (Debian package faketime), or undefined. */
export function findFaketime(): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', 'command -v faketime'], { encoding: 'utf8' }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/** botocore's data directory (service models, examples, paginators), from the Python the CLI runs on. */
export function findBotocoreData(): string | undefined {
  for (const python of ['python3', 'python']) {
    try {
      const dir = execFileSync(python, ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const data = path.join(dir, 'data');
      if (existsSync(data)) return data;
    } catch {
      // try the next interpreter
    }
  }
  return undefined;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, when it is JSON. */
  json?: Record<string, unknown>;
  /** The AWS error code the CLI reports (`An error occurred (Code) when calling …`). */
  errorCode?: string;
}

export interface CliOptions {
  /**
   * The CLI's clock as a libfaketime spec (`-20m`, `+1h`, `@1999-01-01 00:00:00`): botocore signs
   * with the system clock, so `faketime -f <spec> aws …` is a client whose clock is off.
   */
  clock?: string;
}

/**
 * Runs `aws <args> --endpoint-url <url> --output json` with the simulator's test credentials
 * (or `credentials`, to see how the simulator refuses others).
 */
export function runAwsCli(
  endpoint: string,
  args: string[],
  region = 'us-east-1',
  credentials: { accessKeyId: string; secretAccessKey: string } = SIMULATOR_CREDENTIALS,
  options: CliOptions = {},
): Promise<CliResult> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '2',
    AWS_RETRY_MODE: 'standard',
  };
  return new Promise((resolve) => {
    const awsArgs = [...args, '--endpoint-url', endpoint, '--output', 'json'];
    const [command, commandArgs] = options.clock ? ['faketime', ['-f', options.clock, 'aws', ...awsArgs]] : ['aws', awsArgs];
    execFile(command, commandArgs, { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      let json: Record<string, unknown> | undefined;
      try {
        json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json, errorCode: /An error occurred \(([^)]+)\)/.exec(stderr)?.[1] });
    });
  });
}

/** botocore's CLI name of an operation: DescribeDBClusters → describe-db-clusters. */
export function cliOperationName(operation: string): string {
  return operation
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

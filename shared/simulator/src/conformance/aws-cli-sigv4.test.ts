/**
 * Issue 13, item 10, through the real AWS CLI: botocore's own SigV4 signer against the simulator's
 * signature check. A wrong secret, a client clock off by more than 15 minutes (libfaketime: the CLI
 * signs with the system clock) and a signature damaged after signing are refused with the codes AWS
 * gives for each protocol; the CLI with the right key and a clock within the window keeps working.
 *
 * What AWS answers (the simulator's authenticationError cites the same):
 * - awsQuery services (RDS, STS) and query-compatible CloudWatch: 403 `SignatureDoesNotMatch`, for a
 *   bad signature ("The request signature we calculated does not match the signature you provided.")
 *   and for a skewed clock ("Signature expired: <signed> is now earlier than <now - 15 min> (<now> -
 *   15 min.)", "Signature not yet current: … (… + 15 min.)"): aws/aws-cli#6676 and
 *   EngineerBetter/control-tower#51 (STS GetCallerIdentity), wawastein/zabbix-cloudwatch#10
 *   (CloudWatch GetMetricStatistics, "Signature not yet current" as SignatureDoesNotMatch). The
 *   Common Errors pages also list `RequestExpired` (400), which EC2 uses; RDS, STS and CloudWatch
 *   answer SignatureDoesNotMatch, as those reports show.
 * - JSON services (Cost Explorer): 400 `InvalidSignatureException` with the same messages
 *   (aws/aws-sdk-js#1938, fabfuel/ecs-deploy#126).
 * - An Authorization header missing a part (here an empty `Signature=`): IncompleteSignature, "The
 *   request signature does not conform to AWS standards", HTTP 400 (Common Errors, RDS API reference),
 *   message "Authorization header requires 'Signature' parameter. … Authorization=…" (the wording
 *   AWS's authentication layer gives, e.g. aws/chalice#828).
 * - The window: 15 minutes (IAM User Guide, "Troubleshoot signature errors": "the request's time
 *   stamp … must be within 15 minutes of the AWS service's time").
 * CloudWatch's model lists protocols smithy-rpc-v2-cbor, json and query and is awsQueryCompatible
 * (botocore cloudwatch service-2.json); the CLI installed here (botocore 1.43) sends it JSON and reads
 * the query code from x-amzn-query-error — the test records the protocol the simulator saw.
 */
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';
import { startSimulator, type RunningSimulator } from '../simulator';
import { findAwsCli, findFaketime, runAwsCli, type CliResult } from '../testing/aws-cli';
import { callBotocore } from '../testing/botocore-call';

const cli = findAwsCli();
const faketime = findFaketime();
if (!cli) console.warn('SKIPPED: AWS CLI SigV4 conformance tests need `aws` on PATH (apt-get install awscli).');
if (cli && !faketime) console.warn('SKIPPED: clock-skew tests need `faketime` on PATH (apt-get install faketime).');
const describeCli = cli ? describe : describe.skip;
const itFaketime = faketime ? it : it.skip;
jest.setTimeout(120_000);

const MISMATCH = 'The request signature we calculated does not match the signature you provided.';
const DAY = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** One call per service and protocol: RDS (awsQuery), CloudWatch (JSON, query-compatible), Cost Explorer (JSON). */
const CALLS: Array<{ label: string; args: string[]; refusal: string; status: number; protocol: string; service: string }> = [
  { label: 'rds', args: ['rds', 'describe-db-clusters'], refusal: 'SignatureDoesNotMatch', status: 403, protocol: 'query', service: 'rds' },
  {
    label: 'cloudwatch',
    args: ['cloudwatch', 'describe-alarms'],
    refusal: 'SignatureDoesNotMatch',
    status: 403,
    protocol: 'json',
    service: 'monitoring',
  },
  {
    label: 'ce',
    args: [
      'ce',
      'get-cost-and-usage',
      '--time-period',
      `Start=${DAY(-2)},End=${DAY(-1)}`,
      '--granularity',
      'DAILY',
      '--metrics',
      'UnblendedCost',
    ],
    refusal: 'InvalidSignatureException',
    status: 400,
    protocol: 'json',
    service: 'ce',
  },
];

describeCli('AWS CLI SigV4 against the simulator (issue 13, item 10)', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 1000 });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.control.clearRequests());

  /** The simulator's log of the one request the CLI sent (botocore does not retry these codes). */
  function logged(service: string) {
    const entries = sim.control.requests().filter((r) => r.service === service);
    expect(entries).toHaveLength(1);
    return entries[0];
  }

  function refused(result: CliResult, code: string, message: string | RegExp) {
    expect(result.code).not.toBe(0);
    expect(result.errorCode).toBe(code);
    if (typeof message === 'string') expect(result.stderr).toContain(message);
    else expect(result.stderr).toMatch(message);
  }

  it.each(CALLS)('$label: a wrong AWS_SECRET_ACCESS_KEY is $refusal ($status)', async ({ args, refusal, status, protocol, service }) => {
    const result = await runAwsCli(sim.url, args, 'us-east-1', {
      accessKeyId: SIMULATOR_CREDENTIALS.accessKeyId,
      secretAccessKey: `${SIMULATOR_CREDENTIALS.secretAccessKey}x`,
    });
    refused(result, refusal, MISMATCH);
    expect(logged(service)).toMatchObject({ protocol, status, errorCode: refusal });
  });

  it.each(CALLS)('$label: the right secret, the same command, is accepted', async ({ args, protocol, service }) => {
    const result = await runAwsCli(sim.url, args);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(logged(service)).toMatchObject({ protocol, status: 200 });
  });

  describe('a client clock off by more than 15 minutes (faketime)', () => {
    itFaketime.each(CALLS)(
      '$label: 20 minutes slow is $refusal "Signature expired … - 15 min."',
      async ({ args, refusal, status, service }) => {
        const result = await runAwsCli(sim.url, args, 'us-east-1', SIMULATOR_CREDENTIALS, { clock: '-20m' });
        refused(result, refusal, /Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/);
        expect(logged(service)).toMatchObject({ status, errorCode: refusal });
      },
    );

    itFaketime.each(CALLS)(
      '$label: 20 minutes fast is $refusal "Signature not yet current … + 15 min."',
      async ({ args, refusal, service }) => {
        const result = await runAwsCli(sim.url, args, 'us-east-1', SIMULATOR_CREDENTIALS, { clock: '+20m' });
        refused(result, refusal, /Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)/);
        expect(logged(service).errorCode).toBe(refusal);
      },
    );

    itFaketime('a 1999 clock: the signed date is the one the CLI sent, refused against the present', async () => {
      const result = await runAwsCli(sim.url, ['sts', 'get-caller-identity'], 'us-east-1', SIMULATOR_CREDENTIALS, {
        clock: '@1999-01-01 00:00:00',
      });
      refused(result, 'SignatureDoesNotMatch', /Signature expired: 19990101T0000\d\dZ is now earlier than/);
    });

    // Within the window AWS accepts the request: the simulator must not be stricter than 15 minutes.
    itFaketime('10 minutes slow or fast is within the window and accepted', async () => {
      const [slow, fast] = await Promise.all([
        runAwsCli(sim.url, ['rds', 'describe-db-clusters', '--db-cluster-identifier', 'prod-app'], 'us-east-1', SIMULATOR_CREDENTIALS, {
          clock: '-10m',
        }),
        runAwsCli(sim.url, ['sts', 'get-caller-identity'], 'us-east-1', SIMULATOR_CREDENTIALS, { clock: '+10m' }),
      ]);
      expect(slow.stderr).toBe('');
      expect(slow.json?.DBClusters).toHaveLength(1);
      expect(fast.stderr).toBe('');
      expect(fast.json?.Account).toBe('123456789012');
    });
  });

  describe('a signature damaged after botocore signed the request (before-send hook)', () => {
    const GARBAGE = [
      { what: '64 zeros (well-formed hex)', signature: '0'.repeat(64) },
      { what: 'not hex at all', signature: 'garbage' },
    ];

    it.each(GARBAGE)('rds describe_db_clusters with a signature of $what: SignatureDoesNotMatch 403', async ({ signature }) => {
      const result = await callBotocore(sim.url, 'rds', 'describe_db_clusters', {}, signature);
      expect(result.authorization).toMatch(new RegExp(`Signature=${signature}$`));
      expect(result).toMatchObject({ errorCode: 'SignatureDoesNotMatch', status: 403 });
      expect(result.message).toContain(MISMATCH);
    });

    // A header without its signature does not conform to SigV4 at all: IncompleteSignature, 400 for an
    // awsQuery service (Common Errors, RDS API reference), naming the missing part.
    it('rds describe_db_clusters with an empty Signature=: IncompleteSignature 400', async () => {
      const result = await callBotocore(sim.url, 'rds', 'describe_db_clusters', {}, '');
      expect(result.authorization).toMatch(/Signature=$/);
      expect(result).toMatchObject({ errorCode: 'IncompleteSignature', status: 400 });
      expect(result.message).toContain("Authorization header requires 'Signature' parameter.");
    });

    it('cloudwatch describe_alarms (query-compatible): SignatureDoesNotMatch 403; ce get_cost_and_usage (JSON): InvalidSignatureException 400', async () => {
      const [cloudwatch, ce] = await Promise.all([
        callBotocore(sim.url, 'cloudwatch', 'describe_alarms', {}, 'f'.repeat(64)),
        callBotocore(
          sim.url,
          'ce',
          'get_cost_and_usage',
          { TimePeriod: { Start: DAY(-2), End: DAY(-1) }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] },
          'f'.repeat(64),
        ),
      ]);
      expect(cloudwatch).toMatchObject({ errorCode: 'SignatureDoesNotMatch', status: 403 });
      expect(cloudwatch.message).toContain(MISMATCH);
      expect(ce).toMatchObject({ errorCode: 'InvalidSignatureException', status: 400 });
      expect(ce.message).toContain(MISMATCH);
    });

    it('the same hook leaving the signature alone: accepted (the hook itself does not break signing)', async () => {
      const result = await callBotocore(sim.url, 'rds', 'describe_db_clusters', { DBClusterIdentifier: 'prod-app' });
      expect(result.errorCode).toBeUndefined();
      expect(result.authorization).toMatch(/Signature=[0-9a-f]{64}$/);
    });
  });
});

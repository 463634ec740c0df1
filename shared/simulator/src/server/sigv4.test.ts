import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SIMULATOR_CREDENTIALS } from '@switchyard/core/simulator-credentials';
import { startSimulator, type RunningSimulator } from '../simulator';
import { errorOf } from '../testing/sdk-clients';
import { signedQueryPost } from '../testing/signed-request';

const WRONG_SECRET = { ...SIMULATOR_CREDENTIALS, secretAccessKey: 'not-the-secret' };
const UNKNOWN_KEY = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: SIMULATOR_CREDENTIALS.secretAccessKey };

/** An RDS DescribeDBClusters request signed at `signingDate` with the SDK's signer, sent as is. */
async function rawDescribe(sim: RunningSimulator, signingDate: Date, tamper?: (body: string) => string) {
  const response = await signedQueryPost(sim.url, 'Action=DescribeDBClusters&Version=2014-10-31', { signingDate, tamper });
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1], message: /<Message>([^<]+)<\/Message>/.exec(text)?.[1] };
}

describe('SigV4 verification: the simulator refuses what AWS refuses', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo', timeScale: 100 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  const common = () => ({ region: 'us-east-1', endpoint: sim.url, maxAttempts: 1 });

  it('accepts SIMULATOR_CREDENTIALS from every client the repo uses (RDS, CloudWatch, Cost Explorer, Price List, STS)', async () => {
    const credentials = SIMULATOR_CREDENTIALS;
    const rds = new RDSClient({ ...common(), credentials });
    const cw = new CloudWatchClient({ ...common(), credentials });
    const ce = new CostExplorerClient({ ...common(), credentials });
    const pricing = new PricingClient({ ...common(), credentials });
    const sts = new STSClient({ ...common(), credentials });
    try {
      expect((await rds.send(new DescribeDBClustersCommand({}))).DBClusters?.length).toBeGreaterThan(0);
      await cw.send(new DescribeAlarmsCommand({}));
      const today = new Date().toISOString().slice(0, 10);
      const start = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await ce.send(
        new GetCostAndUsageCommand({ TimePeriod: { Start: start, End: today }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
      );
      await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonRDS', MaxResults: 1 }));
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBeDefined();
    } finally {
      for (const c of [rds, cw, ce, pricing, sts]) c.destroy();
    }
  });

  it('a wrong secret: RDS and STS answer SignatureDoesNotMatch (403) with AWS message', async () => {
    const rds = new RDSClient({ ...common(), credentials: WRONG_SECRET });
    const sts = new STSClient({ ...common(), credentials: WRONG_SECRET });
    try {
      for (const error of [await errorOf(() => rds.send(new DescribeDBClustersCommand({})))]) {
        expect(error.name).toBe('SignatureDoesNotMatch');
        expect(error.$metadata?.httpStatusCode).toBe(403);
        expect(error.message).toMatch(
          /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key/,
        );
      }
      const stsError = await errorOf(() => sts.send(new GetCallerIdentityCommand({})));
      expect(stsError.name).toBe('SignatureDoesNotMatch');
    } finally {
      rds.destroy();
      sts.destroy();
    }
  });

  it('an unknown access key: InvalidClientTokenId (403) on RDS, UnrecognizedClientException (400) on Cost Explorer', async () => {
    const rds = new RDSClient({ ...common(), credentials: UNKNOWN_KEY });
    const ce = new CostExplorerClient({ ...common(), credentials: UNKNOWN_KEY });
    try {
      const error = await errorOf(() => rds.send(new DescribeDBClustersCommand({})));
      expect(error.name).toBe('InvalidClientTokenId');
      expect(error.$metadata?.httpStatusCode).toBe(403);
      expect(error.message).toBe('The security token included in the request is invalid.');
      const ceError = await errorOf(() =>
        ce.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: '2026-01-01', End: '2026-01-02' },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
          }),
        ),
      );
      expect(ceError.name).toBe('UnrecognizedClientException');
      expect(ceError.$metadata?.httpStatusCode).toBe(400);
    } finally {
      rds.destroy();
      ce.destroy();
    }
  });

  it('a wrong secret on Cost Explorer and on CloudWatch (query-compatible): InvalidSignatureException / SignatureDoesNotMatch', async () => {
    const ce = new CostExplorerClient({ ...common(), credentials: WRONG_SECRET });
    const cw = new CloudWatchClient({ ...common(), credentials: WRONG_SECRET });
    try {
      const ceError = await errorOf(() =>
        ce.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: '2026-01-01', End: '2026-01-02' },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
          }),
        ),
      );
      expect(ceError.name).toBe('InvalidSignatureException');
      const cwError = await errorOf(() => cw.send(new DescribeAlarmsCommand({})));
      expect(cwError.name).toBe('SignatureDoesNotMatch');
      expect(cwError.$metadata?.httpStatusCode).toBe(403);
    } finally {
      ce.destroy();
      cw.destroy();
    }
  });

  it('a request signed in 1999 is refused with "Signature expired" (15-minute window); one 20 minutes ahead "not yet current"', async () => {
    const old = await rawDescribe(sim, new Date('1999-01-01T00:00:00Z'));
    expect(old).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(old.message).toMatch(/^Signature expired: 19990101T000000Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const ahead = await rawDescribe(sim, new Date(Date.now() + 20 * 60_000));
    expect(ahead).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(ahead.message).toMatch(/^Signature not yet current: /);
    // Within the window: accepted.
    expect((await rawDescribe(sim, new Date(Date.now() - 10 * 60_000))).status).toBe(200);
  });

  it('a body changed after signing, or a garbage signature, does not match', async () => {
    const tampered = await rawDescribe(sim, new Date(), (body) => body.replace('DescribeDBClusters', 'DescribeDBInstances'));
    expect(tampered).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const scope = `${SIMULATOR_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/rds/aws4_request`;
    const response = await fetch(`${sim.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-date': amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=garbage`,
      },
      body: 'Action=DescribeDBClusters&Version=2014-10-31',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  // IncompleteSignature, 400 (Common Errors, RDS API reference); the message names what is missing, as
  // AWS's authentication layer does ("Authorization header requires 'Signature' parameter. …").
  it('an Authorization header without a signature, or without X-Amz-Date, is IncompleteSignature (400)', async () => {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const scope = `${SIMULATOR_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/rds/aws4_request`;
    const post = (authorization: string, date: string | undefined) =>
      fetch(`${sim.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(date ? { 'x-amz-date': date } : {}),
          authorization,
        },
        body: 'Action=DescribeDBClusters&Version=2014-10-31',
      });
    for (const authorization of [
      `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date`,
      `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=`,
    ]) {
      const response = await post(authorization, amzDate);
      expect(response.status).toBe(400);
      const body = (await response.text()).replaceAll('&apos;', "'");
      expect(body).toContain('<Code>IncompleteSignature</Code>');
      expect(body).toContain("Authorization header requires 'Signature' parameter.");
    }
    const noDate = await post(`AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=${'0'.repeat(64)}`, undefined);
    expect(noDate.status).toBe(400);
    expect((await noDate.text()).replaceAll('&apos;', "'")).toContain(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });

  it('accepts other key pairs when the simulator is configured with them', async () => {
    const own = { accessKeyId: 'AKIAOWNTESTKEY000000', secretAccessKey: 'own-secret' };
    const other = await startSimulator({ fleet: 'demo', credentials: [own] });
    const rds = new RDSClient({ region: 'us-east-1', endpoint: other.url, maxAttempts: 1, credentials: own });
    const rdsDefault = new RDSClient({ region: 'us-east-1', endpoint: other.url, maxAttempts: 1, credentials: SIMULATOR_CREDENTIALS });
    try {
      await rds.send(new DescribeDBClustersCommand({}));
      expect((await errorOf(() => rdsDefault.send(new DescribeDBClustersCommand({})))).name).toBe('InvalidClientTokenId');
    } finally {
      rds.destroy();
      rdsDefault.destroy();
      await other.stop();
    }
  });
});

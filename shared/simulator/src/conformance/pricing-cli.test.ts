/**
 * The real AWS CLI (botocore's `pricing` model) against the simulator's Price List service:
 * request serialization, the JSON 1.1 target, PriceList strings, and the CLI's own pagination.
 * Skips, loudly, where `aws` is absent; CI installs it (Debian package awscli).
 */
import { startSimulator, type RunningSimulator } from '../simulator';
import { findAwsCli, runAwsCli, type CliResult } from '../testing/aws-cli';

const cli = findAwsCli();
if (!cli) console.warn('SKIPPED: Price List CLI conformance tests need `aws` on PATH (apt-get install awscli).');
const describeCli = cli ? describe : describe.skip;
jest.setTimeout(120_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function ok(result: CliResult): Json {
  if (result.code !== 0) throw new Error(`aws exited ${result.code}: ${result.stderr}`);
  return result.json as Json;
}

describeCli('aws pricing get-products against the simulator', () => {
  let sim: RunningSimulator;
  const aws = (args: string[]) => runAwsCli(sim.url, args, 'us-east-1');
  const filter = (field: string, value: string) => `Type=TERM_MATCH,Field=${field},Value=${value}`;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: 'demo' });
  });
  afterAll(() => sim.stop());

  it('filters by engine, region and class; each PriceList item is a Price List JSON document', async () => {
    const out = ok(
      await aws([
        'pricing',
        'get-products',
        '--service-code',
        'AmazonRDS',
        '--format-version',
        'aws_v1',
        '--filters',
        filter('databaseEngine', 'Aurora PostgreSQL'),
        filter('regionCode', 'us-east-1'),
        filter('instanceType', 'db.r6g.large'),
        filter('deploymentOption', 'Single-AZ'),
      ]),
    );
    expect(out.FormatVersion).toBe('aws_v1');
    const docs = (out.PriceList as string[]).map((s) => JSON.parse(s) as Json);
    const standard = docs.find((d) => d.product.attributes.usagetype === 'InstanceUsage:db.r6g.large')!;
    const [term] = Object.values(standard.terms.OnDemand) as Json[];
    const [dimension] = Object.values(term.priceDimensions) as Json[];
    expect(dimension).toMatchObject({ unit: 'Hrs', pricePerUnit: { USD: '0.2600000000' } });
    expect(docs).toHaveLength(2);
  });

  it('follows NextToken across pages (the CLI paginates by itself) and stops at --max-items', async () => {
    const args = ['pricing', 'get-products', '--service-code', 'AmazonRDS', '--filters', filter('regionCode', 'eu-west-1')];
    const all = ok(await aws([...args, '--page-size', '7']));
    const skus = (all.PriceList as string[]).map((s) => (JSON.parse(s) as Json).product.sku as string);
    // eu-west-1: 2 engines × (7 classes × 2 + 2 serverless) + 2 storage + 1 I/O = 35 products.
    expect(skus).toHaveLength(35);
    expect(new Set(skus).size).toBe(35);
    const some = ok(await aws([...args, '--page-size', '7', '--max-items', '10']));
    expect(some.PriceList).toHaveLength(10);
    expect(typeof some.NextToken).toBe('string');
  });

  it('reports the Price List errors by their code', async () => {
    const result = await aws(['pricing', 'get-products', '--service-code', 'AmazonEC2']);
    expect(result.code).not.toBe(0);
    expect(result.errorCode).toBe('NotFoundException');
  });
});

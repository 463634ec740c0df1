import { GetProductsCommand, PricingClient, paginateGetProducts, type Filter } from '@aws-sdk/client-pricing';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { DUMMY_CREDENTIALS, errorOf } from '../../testing/sdk-clients';

let sim: RunningSimulator;
let pricing: PricingClient;
const match = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

type PriceDocument = {
  product: { productFamily: string; sku: string; attributes: Record<string, string> };
  terms: Record<
    string,
    Record<string, { offerTermCode: string; priceDimensions: Record<string, { unit: string; pricePerUnit: { USD: string } }> }>
  >;
};
const parse = (items: unknown[] | undefined): PriceDocument[] => (items ?? []).map((i) => JSON.parse(String(i)) as PriceDocument);
const onDemand = (doc: PriceDocument) => Object.values(Object.values(doc.terms.OnDemand)[0].priceDimensions)[0];

beforeAll(async () => {
  sim = await startSimulator({ fleet: 'demo' });
  pricing = new PricingClient({ region: 'us-east-1', endpoint: sim.url, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
});

afterAll(async () => {
  pricing.destroy();
  await sim.stop();
});

it('GetProducts (AWS JSON 1.1) returns the Price List document of one Aurora instance class', async () => {
  const out = await pricing.send(
    new GetProductsCommand({
      ServiceCode: 'AmazonRDS',
      FormatVersion: 'aws_v1',
      Filters: [
        match('databaseEngine', 'Aurora PostgreSQL'),
        match('regionCode', 'us-east-1'),
        match('instanceType', 'db.r6g.xlarge'),
        match('deploymentOption', 'Single-AZ'),
      ],
    }),
  );
  expect(out.FormatVersion).toBe('aws_v1');
  expect(out.NextToken).toBeUndefined();
  const docs = parse(out.PriceList as unknown[]);
  // Aurora Standard and I/O-Optimized of the same class.
  expect(docs.map((d) => d.product.attributes.usagetype).sort()).toEqual([
    'InstanceUsage:db.r6g.xlarge',
    'InstanceUsageIOOptimized:db.r6g.xlarge',
  ]);
  const standard = docs.find((d) => d.product.attributes.usagetype === 'InstanceUsage:db.r6g.xlarge')!;
  expect(standard.product).toMatchObject({
    productFamily: 'Database Instance',
    attributes: { location: 'US East (N. Virginia)', engineCode: '21', operation: 'CreateDBInstance:0021', vcpu: '4', memory: '32 GiB' },
  });
  expect(onDemand(standard)).toEqual(expect.objectContaining({ unit: 'Hrs', pricePerUnit: { USD: '0.5190000000' } }));
  const [termKey] = Object.keys(standard.terms.OnDemand);
  expect(termKey).toBe(`${standard.product.sku}.JRTCKXETXF`);
  // Reserved terms come along, as on AWS; a parser must read OnDemand.
  expect(Object.values(standard.terms.Reserved)[0].offerTermCode).toBe('4NA7Y494T4');
  const optimized = docs.find((d) => d !== standard)!;
  expect(Number(onDemand(optimized).pricePerUnit.USD)).toBeCloseTo(0.519 * 1.3, 10);
});

it('prices Serverless v2, storage and I/O, and other regions', async () => {
  const get = async (filters: Filter[]) =>
    parse((await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonRDS', Filters: filters }))).PriceList as unknown[]);
  const serverless = await get([
    match('productFamily', 'ServerlessV2'),
    match('databaseEngine', 'Aurora MySQL'),
    match('regionCode', 'us-east-1'),
  ]);
  expect(serverless.map((d) => [d.product.attributes.usagetype, onDemand(d).unit, onDemand(d).pricePerUnit.USD]).sort()).toEqual([
    ['Aurora:ServerlessV2IOOptimizedUsage', 'ACU-Hr', '0.1560000000'],
    ['Aurora:ServerlessV2Usage', 'ACU-Hr', '0.1200000000'],
  ]);
  const [io] = await get([match('productFamily', 'System Operation'), match('regionCode', 'us-east-1')]);
  expect(onDemand(io)).toMatchObject({ unit: 'IOs', pricePerUnit: { USD: '0.0000002000' } });
  const storage = await get([match('usagetype', 'EU-Aurora:StorageUsage')]);
  expect(storage.map((d) => [d.product.attributes.regionCode, onDemand(d).unit, Number(onDemand(d).pricePerUnit.USD)])).toEqual([
    ['eu-west-1', 'GB-Mo', expect.closeTo(0.11, 10)],
  ]);
  expect(await get([match('regionCode', 'us-east-1'), match('instanceType', 'db.x2g.16xlarge')])).toEqual([]);
});

it('pages with MaxResults and NextToken, and refuses a token from another query', async () => {
  const filters = [
    match('regionCode', 'us-east-1'),
    match('databaseEngine', 'Aurora PostgreSQL'),
    match('productFamily', 'Database Instance'),
  ];
  const skus: string[] = [];
  let pages = 0;
  for await (const page of paginateGetProducts({ client: pricing, pageSize: 4 }, { ServiceCode: 'AmazonRDS', Filters: filters })) {
    pages++;
    expect((page.PriceList as unknown[]).length).toBeLessThanOrEqual(4);
    skus.push(...parse(page.PriceList as unknown[]).map((d) => d.product.sku));
  }
  // 7 classes × (Standard, I/O-Optimized) = 14 products in 4 pages, none twice.
  expect(skus).toHaveLength(14);
  expect(new Set(skus).size).toBe(14);
  expect(pages).toBe(4);

  const first = await pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonRDS', Filters: filters, MaxResults: 2 }));
  const error = await errorOf(() =>
    pricing.send(
      new GetProductsCommand({ ServiceCode: 'AmazonRDS', Filters: [match('regionCode', 'eu-west-1')], NextToken: first.NextToken }),
    ),
  );
  expect(error.name).toBe('InvalidNextTokenException');
});

it('rejects what AWS rejects: an unknown filter type, MaxResults over 100, a service it does not price', async () => {
  const badType = await errorOf(() =>
    pricing.send(
      new GetProductsCommand({ ServiceCode: 'AmazonRDS', Filters: [{ Type: 'FUZZY' as 'TERM_MATCH', Field: 'regionCode', Value: 'x' }] }),
    ),
  );
  expect(badType.name).toBe('InvalidParameterException');
  const tooMany = await errorOf(() => pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonRDS', MaxResults: 101 })));
  expect(tooMany.name).toBe('InvalidParameterException');
  const ec2 = await errorOf(() => pricing.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2' })));
  expect(ec2.name).toBe('NotFoundException');
  expect(ec2.message).toMatch(/prices AmazonRDS/);
});

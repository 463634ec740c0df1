import { parsePriceList, parsePriceListItem } from './price-list-parse';

/** An AmazonRDS document as GetProducts returns it (abridged attributes), with a Reserved term beside On-Demand. */
const AURORA_R6G_LARGE = JSON.stringify({
  product: {
    productFamily: 'Database Instance',
    attributes: {
      servicecode: 'AmazonRDS',
      location: 'US East (Ohio)',
      regionCode: 'us-east-2',
      instanceType: 'db.r6g.large',
      databaseEngine: 'Aurora PostgreSQL',
      deploymentOption: 'Single-AZ',
      usagetype: 'USE2-InstanceUsage:db.r6g.large',
    },
    sku: 'ABCDEFGH23456789',
  },
  serviceCode: 'AmazonRDS',
  terms: {
    OnDemand: {
      'ABCDEFGH23456789.JRTCKXETXF': {
        priceDimensions: {
          'ABCDEFGH23456789.JRTCKXETXF.6YS6EN2CT7': {
            unit: 'Hrs',
            endRange: 'Inf',
            beginRange: '0',
            appliesTo: [],
            pricePerUnit: { USD: '0.2600000000' },
          },
        },
        offerTermCode: 'JRTCKXETXF',
        termAttributes: {},
      },
    },
    Reserved: {
      'ABCDEFGH23456789.4NA7Y494T4': {
        priceDimensions: {
          'ABCDEFGH23456789.4NA7Y494T4.6YS6EN2CT7': { unit: 'Hrs', beginRange: '0', pricePerUnit: { USD: '0.1690000000' } },
        },
        offerTermCode: '4NA7Y494T4',
      },
    },
  },
  version: '20260801000000',
  publicationDate: '2026-08-01T00:00:00Z',
});

it('reads the On-Demand USD price, the unit and the attributes that identify the product', () => {
  expect(parsePriceListItem(AURORA_R6G_LARGE)).toEqual({
    sku: 'ABCDEFGH23456789',
    productFamily: 'Database Instance',
    usagetype: 'USE2-InstanceUsage:db.r6g.large',
    instanceType: 'db.r6g.large',
    databaseEngine: 'Aurora PostgreSQL',
    regionCode: 'us-east-2',
    unit: 'Hrs',
    usd: 0.26,
    publicationDate: '2026-08-01T00:00:00Z',
  });
});

it("reads botocore's own GetProducts example (an EBS volume) and a string-like SDK value", () => {
  const example =
    '{"product":{"productFamily":"Storage","attributes":{"volumeType":"Provisioned IOPS","usagetype":"CAN1-EBS:VolumeUsage.piops","location":"Canada (Central)"},"sku":"WQGC34PB2AWS8R4U"},"serviceCode":"AmazonEC2","terms":{"OnDemand":{"WQGC34PB2AWS8R4U.JRTCKXETXF":{"priceDimensions":{"WQGC34PB2AWS8R4U.JRTCKXETXF.6YS6EN2CT7":{"unit":"GB-Mo","endRange":"Inf","description":"$0.138 per GB-month","appliesTo":[],"rateCode":"WQGC34PB2AWS8R4U.JRTCKXETXF.6YS6EN2CT7","beginRange":"0","pricePerUnit":{"USD":"0.1380000000"}}},"sku":"WQGC34PB2AWS8R4U","effectiveDate":"2017-08-01T00:00:00Z","offerTermCode":"JRTCKXETXF","termAttributes":{}}}},"version":"20170901182201","publicationDate":"2017-09-01T18:22:01Z"}';
  const stringLike = { toString: () => example };
  expect(parsePriceList([stringLike])).toEqual([expect.objectContaining({ sku: 'WQGC34PB2AWS8R4U', unit: 'GB-Mo', usd: 0.138 })]);
});

it('takes the first tier of a tiered price and skips items without an On-Demand USD price', () => {
  const tiered = JSON.parse(AURORA_R6G_LARGE) as { terms: { OnDemand: Record<string, { priceDimensions: Record<string, unknown> }> } };
  const term = Object.values(tiered.terms.OnDemand)[0];
  term.priceDimensions = {
    second: { unit: 'GB-Mo', beginRange: '51200', pricePerUnit: { USD: '0.0900000000' } },
    first: { unit: 'GB-Mo', beginRange: '0', pricePerUnit: { USD: '0.1000000000' } },
  };
  const yuan = JSON.parse(AURORA_R6G_LARGE) as typeof tiered;
  Object.values(yuan.terms.OnDemand)[0].priceDimensions = { only: { unit: 'Hrs', beginRange: '0', pricePerUnit: { CNY: '1.9' } } };
  expect(parsePriceList([JSON.stringify(tiered), JSON.stringify(yuan), 'not json', 42]).map((p) => p.usd)).toEqual([0.1]);
});

/**
 * The simulator's AmazonRDS price list as the AWS Price List API returns it: one JSON document per
 * product (`product.attributes` + `terms.OnDemand.<sku>.<offerTermCode>.priceDimensions.<rateCode>`),
 * built from the same prices the simulator bills with (model/cost-lines.ts), for the Aurora
 * instance classes its fleets use, Serverless v2, cluster storage and I/O, Aurora Standard and
 * I/O-Optimized, Aurora PostgreSQL and Aurora MySQL, in the regions listed below.
 */
import { createHash } from 'node:crypto';
import { regionFactor, SIM_PRICES, usagePrefix } from '../../model/cost-lines';

/** One product: its attributes (what filters match) and the document GetProducts returns. */
export interface PriceProduct {
  sku: string;
  productFamily: string;
  attributes: Record<string, string>;
  document: Record<string, unknown>;
}

/** The Price List's `location` of each region the simulator prices. */
export const LOCATIONS: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-north-1': 'EU (Stockholm)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'sa-east-1': 'South America (Sao Paulo)',
};

const ENGINES = [
  { name: 'Aurora PostgreSQL', code: '21' },
  { name: 'Aurora MySQL', code: '16' },
];

/** Hardware of the classes priced: vCPU, memory, processor, family, network. */
const CLASS_SPECS: Record<string, [string, string, string, string, string]> = {
  'db.t4g.medium': ['2', '4 GiB', 'AWS Graviton2', 'General purpose', 'Up to 5 Gigabit'],
  'db.r6g.large': ['2', '16 GiB', 'AWS Graviton2', 'Memory optimized', 'Up to 10 Gigabit'],
  'db.r6g.xlarge': ['4', '32 GiB', 'AWS Graviton2', 'Memory optimized', 'Up to 10 Gigabit'],
  'db.r6g.2xlarge': ['8', '64 GiB', 'AWS Graviton2', 'Memory optimized', 'Up to 10 Gigabit'],
  'db.r7g.large': ['2', '16 GiB', 'AWS Graviton3', 'Memory optimized', 'Up to 12.5 Gigabit'],
  'db.r7g.xlarge': ['4', '32 GiB', 'AWS Graviton3', 'Memory optimized', 'Up to 12.5 Gigabit'],
  'db.r7g.2xlarge': ['8', '64 GiB', 'AWS Graviton3', 'Memory optimized', 'Up to 15 Gigabit'],
};
const SIZE_FACTOR: Record<string, string> = { medium: '2', large: '4', xlarge: '8', '2xlarge': '16' };

const ON_DEMAND = 'JRTCKXETXF';
const ON_DEMAND_RATE = '6YS6EN2CT7';
const RESERVED_1YR_NO_UPFRONT = '4NA7Y494T4';
const RESERVED_RATE = '6YS6EN2CT7';
/** A one-year no-upfront reservation costs about this share of on-demand. */
const RESERVED_SHARE = 0.65;

function skuOf(key: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const digest = createHash('sha256').update(key).digest();
  return Array.from(digest.subarray(0, 16), (b) => alphabet[b % alphabet.length]).join('');
}

const usd = (n: number) => n.toFixed(10);

interface Dimension {
  unit: string;
  usd: number;
  description: string;
}

function term(sku: string, offerTermCode: string, rateCode: string, dimension: Dimension, termAttributes: Record<string, string>) {
  const rate = `${sku}.${offerTermCode}.${rateCode}`;
  return {
    [`${sku}.${offerTermCode}`]: {
      priceDimensions: {
        [rate]: {
          unit: dimension.unit,
          endRange: 'Inf',
          description: dimension.description,
          appliesTo: [],
          rateCode: rate,
          beginRange: '0',
          pricePerUnit: { USD: usd(dimension.usd) },
        },
      },
      sku,
      effectiveDate: SIM_PRICES.publicationDate,
      offerTermCode,
      termAttributes,
    },
  };
}

function product(productFamily: string, attributes: Record<string, string>, onDemand: Dimension, reserved = false): PriceProduct {
  const sku = skuOf(`${attributes.regionCode}|${attributes.databaseEngine ?? ''}|${attributes.usagetype}`);
  const terms: Record<string, unknown> = { OnDemand: term(sku, ON_DEMAND, ON_DEMAND_RATE, onDemand, {}) };
  if (reserved) {
    terms.Reserved = term(
      sku,
      RESERVED_1YR_NO_UPFRONT,
      RESERVED_RATE,
      { ...onDemand, usd: onDemand.usd * RESERVED_SHARE, description: `${onDemand.description} (1 year, no upfront)` },
      { LeaseContractLength: '1yr', OfferingClass: 'standard', PurchaseOption: 'No Upfront' },
    );
  }
  const full = { servicecode: 'AmazonRDS', servicename: 'Amazon Relational Database Service', locationType: 'AWS Region', ...attributes };
  return {
    sku,
    productFamily,
    attributes: full,
    document: {
      product: { productFamily, attributes: full, sku },
      serviceCode: 'AmazonRDS',
      terms,
      version: SIM_PRICES.publicationDate.replace(/\D/g, '').slice(0, 14),
      publicationDate: SIM_PRICES.publicationDate,
    },
  };
}

function regionProducts(region: string, location: string): PriceProduct[] {
  const prefix = usagePrefix(region);
  const factor = regionFactor(region);
  const io = SIM_PRICES.ioOptimized;
  const base = { location, regionCode: region };
  const out: PriceProduct[] = [];
  for (const engine of ENGINES) {
    const engineAttributes = {
      ...base,
      databaseEngine: engine.name,
      engineCode: engine.code,
      operation: `CreateDBInstance:00${engine.code}`,
    };
    for (const [instanceType, hourly] of Object.entries(SIM_PRICES.instanceHourly)) {
      const [vcpu, memory, physicalProcessor, instanceFamily, networkPerformance] = CLASS_SPECS[instanceType];
      for (const optimized of [false, true]) {
        const price = hourly * factor * (optimized ? io.computeFactor : 1);
        const usagetype = `${prefix}InstanceUsage${optimized ? 'IOOptimized' : ''}:${instanceType}`;
        out.push(
          product(
            'Database Instance',
            {
              ...engineAttributes,
              instanceType,
              currentGeneration: 'Yes',
              instanceFamily,
              vcpu,
              physicalProcessor,
              memory,
              storage: 'EBS Only',
              networkPerformance,
              processorArchitecture: '64-bit',
              licenseModel: 'No license required',
              deploymentOption: 'Single-AZ',
              usagetype,
              normalizationSizeFactor: SIZE_FACTOR[instanceType.split('.').pop() ?? ''] ?? '1',
            },
            {
              unit: 'Hrs',
              usd: price,
              description: `$${price.toFixed(3)} per RDS ${instanceType} Single-AZ instance hour (or partial hour) running ${engine.name}${optimized ? ' IO-optimized' : ''}`,
            },
            true,
          ),
        );
      }
    }
    for (const optimized of [false, true]) {
      const price = SIM_PRICES.serverlessAcuHourly * factor * (optimized ? io.computeFactor : 1);
      out.push(
        product(
          'ServerlessV2',
          {
            ...engineAttributes,
            usagetype: `${prefix}Aurora:ServerlessV2${optimized ? 'IOOptimized' : ''}Usage`,
            licenseModel: 'No license required',
          },
          { unit: 'ACU-Hr', usd: price, description: `$${price.toFixed(2)} per Aurora Capacity Unit hour running ${engine.name}` },
        ),
      );
    }
  }
  for (const optimized of [false, true]) {
    const price = (optimized ? io.storageGbMonth : SIM_PRICES.storageGbMonth) * factor;
    out.push(
      product(
        'Database Storage',
        {
          ...base,
          databaseEngine: 'Any',
          volumeType: optimized ? 'IO Optimized-Aurora' : 'General Purpose-Aurora',
          storageMedia: 'SSD',
          usagetype: `${prefix}Aurora:${optimized ? 'IO-Optimized' : ''}StorageUsage`,
          operation: '',
        },
        {
          unit: 'GB-Mo',
          usd: price,
          description: `$${price.toFixed(3)} per GB-month of Aurora ${optimized ? 'I/O-Optimized ' : ''}storage`,
        },
      ),
    );
  }
  const ioPrice = (SIM_PRICES.ioPerMillion * factor) / 1_000_000;
  out.push(
    product(
      'System Operation',
      {
        ...base,
        databaseEngine: 'Any',
        group: 'Aurora I/O Operation',
        groupDescription: 'Billed for each I/O request',
        usagetype: `${prefix}Aurora:StorageIOUsage`,
        operation: '',
      },
      { unit: 'IOs', usd: ioPrice, description: `$${(ioPrice * 1_000_000).toFixed(2)} per 1 million I/O requests` },
    ),
  );
  return out;
}

let catalog: PriceProduct[] | undefined;

/** Every AmazonRDS product the simulator prices, in a stable order. */
export function rdsProducts(): PriceProduct[] {
  catalog ??= Object.entries(LOCATIONS)
    .flatMap(([region, location]) => regionProducts(region, location))
    .sort((a, b) => a.sku.localeCompare(b.sku));
  return catalog;
}

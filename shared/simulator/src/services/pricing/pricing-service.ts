import { createHash } from 'node:crypto';
import * as pricingSchemas from '@aws-sdk/client-pricing';
import type { Filter, GetProductsRequest, GetProductsResponse } from '@aws-sdk/client-pricing';
import { AwsError } from '../../protocol/aws-error';
import { handler, type ServiceDefinition } from '../service-definition';
import { rdsProducts, type PriceProduct } from './price-products';

const FORMAT_VERSION = 'aws_v1';
const DEFAULT_MAX_RESULTS = 100;
const FILTER_TYPES = ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'];

const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message);

/** The value a filter field names: ServiceCode, productFamily, sku, or a product attribute. */
function fieldValue(product: PriceProduct, field: string): string | undefined {
  if (field === 'ServiceCode') return 'AmazonRDS';
  if (field === 'productFamily') return product.productFamily;
  if (field === 'sku') return product.sku;
  return product.attributes[field];
}

function matches(product: PriceProduct, filter: Filter): boolean {
  const value = fieldValue(product, filter.Field ?? '');
  const wanted = filter.Value ?? '';
  const values = wanted.split(',').map((v) => v.trim().toLowerCase());
  switch (filter.Type) {
    case 'TERM_MATCH':
      return value !== undefined && value.toLowerCase() === wanted.toLowerCase();
    case 'EQUALS':
      return value === wanted;
    case 'CONTAINS':
      return value !== undefined && value.toLowerCase().includes(wanted.toLowerCase());
    case 'ANY_OF':
      return value !== undefined && values.includes(value.toLowerCase());
    case 'NONE_OF':
      return value === undefined || !values.includes(value.toLowerCase());
    default:
      return false;
  }
}

/** A NextToken names the offset into one query's results; it is refused for another query. */
function queryHash(input: GetProductsRequest): string {
  const filters = (input.Filters ?? []).map((f) => [f.Type, f.Field, f.Value]);
  return createHash('sha256')
    .update(JSON.stringify([input.ServiceCode, filters]))
    .digest('hex')
    .slice(0, 16);
}

function encodeToken(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: query })).toString('base64');
}

function decodeToken(token: string, query: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.q === query) return parsed.o;
  } catch {
    // reported below
  }
  throw new AwsError('InvalidNextTokenException', 'The pagination token is invalid. Try again without a pagination token.');
}

/** AWS Price List Service (AWS JSON 1.1): GetProducts over the simulator's AmazonRDS price list. */
export function pricingService(): ServiceDefinition {
  return {
    signingName: 'pricing',
    schemas: pricingSchemas as unknown as Record<string, unknown>,
    jsonTarget: 'AWSPriceListService',
    jsonVersion: '1.1',
    handlers: {
      GetProducts: handler((input: GetProductsRequest): GetProductsResponse => {
        if (input.FormatVersion !== undefined && input.FormatVersion !== FORMAT_VERSION) {
          throw invalidParameter(
            `Input Parameters are invalid. FormatVersion ${input.FormatVersion} is not supported; use ${FORMAT_VERSION}.`,
          );
        }
        if (input.ServiceCode !== 'AmazonRDS') {
          throw new AwsError(
            'NotFoundException',
            `The simulator's price list has no service ${input.ServiceCode}; it prices AmazonRDS (Aurora) only.`,
          );
        }
        const max = input.MaxResults ?? DEFAULT_MAX_RESULTS;
        if (!Number.isInteger(max) || max < 1 || max > 100) throw invalidParameter('MaxResults must be between 1 and 100.');
        const filters = input.Filters ?? [];
        if (filters.length > 50) throw invalidParameter('At most 50 filters are allowed.');
        for (const f of filters) {
          if (!FILTER_TYPES.includes(f.Type ?? '')) {
            throw invalidParameter(`Input Parameters are invalid. Filter type ${f.Type} is not one of ${FILTER_TYPES.join(', ')}.`);
          }
        }
        const query = queryHash(input);
        const offset = input.NextToken ? decodeToken(input.NextToken, query) : 0;
        const found = rdsProducts().filter((p) => filters.every((f) => matches(p, f)));
        const page = found.slice(offset, offset + max);
        const next = offset + page.length;
        return {
          FormatVersion: FORMAT_VERSION,
          PriceList: page.map((p) => JSON.stringify(p.document)),
          NextToken: next < found.length ? encodeToken(next, query) : undefined,
        };
      }),
    },
  };
}

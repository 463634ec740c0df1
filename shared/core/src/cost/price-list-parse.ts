/**
 * Reads AWS Price List documents (GetProducts' `PriceList` items): `product.attributes` plus
 * `terms.OnDemand.<sku>.<offerTermCode>.priceDimensions.<rateCode>.pricePerUnit.USD`. Reserved
 * terms are ignored; so are items without an On-Demand USD price.
 */

export interface ListedPrice {
  sku: string;
  productFamily: string;
  usagetype: string;
  instanceType?: string;
  databaseEngine?: string;
  regionCode?: string;
  /** The Price List's unit: `Hrs`, `ACU-Hr`, `GB-Mo`, `IOs`. */
  unit: string;
  usd: number;
  publicationDate?: string;
}

/**
 * The parts of a Price List document read here, as AWS documents them (the SDK hands documents over
 * as JSON text, untyped). Anything may be missing or malformed: every leaf is checked where it is read.
 */
interface PriceListDocument {
  product?: { sku?: unknown; productFamily?: unknown; attributes?: Record<string, unknown> };
  terms?: { OnDemand?: Record<string, OfferTerm> };
  publicationDate?: unknown;
}

interface OfferTerm {
  sku?: unknown;
  priceDimensions?: Record<string, PriceDimension>;
}

interface PriceDimension {
  beginRange?: unknown;
  unit?: unknown;
  pricePerUnit?: { USD?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The object's values, or none when it is no object (a malformed document). */
const valuesOf = <T>(v: Record<string, T> | undefined): T[] => (v && typeof v === 'object' ? Object.values(v) : []);

/** One PriceList item (a JSON string, a string-like object or an already parsed document). */
export function parsePriceListItem(item: unknown): ListedPrice | undefined {
  const doc = priceListDocument(item);
  const [term] = valuesOf(doc?.terms?.OnDemand);
  if (!doc || !term) return undefined;
  const dimensions = valuesOf(term.priceDimensions);
  // Tiered prices list several ranges; the first tier (from 0) is the one a parallel environment pays.
  const dimension = dimensions.find((d) => str(d?.beginRange) === '0') ?? dimensions[0];
  const usd = Number(str(dimension?.pricePerUnit?.USD));
  if (!dimension || !Number.isFinite(usd)) return undefined;
  const { product } = doc;
  const attributes = product?.attributes;
  return {
    sku: str(product?.sku) ?? str(term.sku) ?? '',
    productFamily: str(product?.productFamily) ?? '',
    usagetype: str(attributes?.usagetype) ?? '',
    instanceType: str(attributes?.instanceType),
    databaseEngine: str(attributes?.databaseEngine),
    regionCode: str(attributes?.regionCode),
    unit: str(dimension.unit) ?? '',
    usd,
    publicationDate: str(doc.publicationDate),
  };
}

/** The item as a document: optional chaining on parsed JSON is safe whatever its leaves hold. */
function priceListDocument(item: unknown): PriceListDocument | undefined {
  if (item && typeof item === 'object' && 'product' in item) return item as PriceListDocument;
  try {
    const doc: unknown = JSON.parse(String(item));
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as PriceListDocument) : undefined;
  } catch {
    return undefined;
  }
}

/** Every On-Demand USD price of a GetProducts page. */
export function parsePriceList(items: unknown): ListedPrice[] {
  return (Array.isArray(items) ? items : []).map(parsePriceListItem).filter((p): p is ListedPrice => p !== undefined);
}

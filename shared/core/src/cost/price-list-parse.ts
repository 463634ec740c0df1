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

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One PriceList item (a JSON string, a string-like object or an already parsed document). */
export function parsePriceListItem(item: unknown): ListedPrice | undefined {
  let doc: Json;
  if (item && typeof item === 'object' && 'product' in item) doc = item as Json;
  else {
    try {
      doc = obj(JSON.parse(String(item)));
    } catch {
      return undefined;
    }
  }
  const product = obj(doc.product);
  const attributes = obj(product.attributes);
  const [term] = Object.values(obj(obj(doc.terms).OnDemand)).map(obj);
  if (!term) return undefined;
  const dimensions = Object.values(obj(term.priceDimensions)).map(obj);
  // Tiered prices list several ranges; the first tier (from 0) is the one a parallel environment pays.
  const dimension = dimensions.find((d) => str(d.beginRange) === '0') ?? dimensions[0];
  const usd = Number(str(obj(dimension?.pricePerUnit).USD));
  if (!dimension || !Number.isFinite(usd)) return undefined;
  return {
    sku: str(product.sku) ?? str(term.sku) ?? '',
    productFamily: str(product.productFamily) ?? '',
    usagetype: str(attributes.usagetype) ?? '',
    instanceType: str(attributes.instanceType),
    databaseEngine: str(attributes.databaseEngine),
    regionCode: str(attributes.regionCode),
    unit: str(dimension.unit) ?? '',
    usd,
    publicationDate: str(doc.publicationDate),
  };
}

/** Every On-Demand USD price of a GetProducts page. */
export function parsePriceList(items: unknown): ListedPrice[] {
  return (Array.isArray(items) ? items : []).map(parsePriceListItem).filter((p): p is ListedPrice => p !== undefined);
}

import { isScalar, visit, type Document, type ParsedNode } from 'yaml';

export interface DuplicateKey {
  key: string;
  /** Offsets of the repeated key and of its first occurrence in the YAML text. */
  offset: number;
  firstOffset: number;
}

/**
 * Keys given twice in one map, in one pass over the document. The yaml library's own check
 * (`uniqueKeys`) compares each key with every key before it, which is quadratic in a map's size.
 */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key as ParsedNode | null;
        if (!isScalar(key) || !key.range) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, key.range[0]);
        else found.push({ key: String(key.value), offset: key.range[0], firstOffset: first });
      }
    },
  });
  return found;
}

import { readdirSync } from 'node:fs';
import { BLOCK_KIND_MODULES, BLOCK_KINDS } from './registry';

describe('the block kind registry', () => {
  it('registers each kind once, under its own name, in the order BLOCK_KINDS lists them', () => {
    expect(BLOCK_KINDS).toEqual(Object.keys(BLOCK_KIND_MODULES));
    expect(Object.entries(BLOCK_KIND_MODULES).map(([name, module]) => [name, module.kind])).toEqual(BLOCK_KINDS.map((k) => [k, k]));
  });

  it('has one folder per kind beside the shared helpers in common/', () => {
    const folders = readdirSync(__dirname, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'common')
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...BLOCK_KINDS].sort());
  });

  it('gives every kind the whole module: options, parse, mutates, execute', () => {
    for (const module of Object.values(BLOCK_KIND_MODULES)) {
      expect({
        kind: module.kind,
        options: Array.isArray(module.options),
        parse: typeof module.parse,
        mutates: typeof module.mutates,
        execute: typeof module.execute,
      }).toEqual({ kind: module.kind, options: true, parse: 'function', mutates: 'function', execute: 'function' });
    }
  });

  it('has a crash reconciler for aws and sql (a writing sql block in flight is handed to the operator)', () => {
    expect(Object.values(BLOCK_KIND_MODULES).flatMap((m) => (m.reconcile ? [m.kind] : []))).toEqual(['aws', 'sql']);
  });
});

/**
 * `@switchyard/core/model` is loaded in browsers (shared/ui, the Backstage frontend, the VS Code
 * webview): everything it reaches must be model/ files with no Node or package imports, and the
 * package must export it under that name.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) {
    if (!spec.startsWith('.'))
      throw new Error(`${path.relative(__dirname, file)} imports "${spec}": the model entry may import only model/ files`);
    reachable(path.resolve(path.dirname(file), `${spec}.ts`), seen);
  }
  return seen;
}

it('reaches only model/ files, and imports nothing from Node or another package', () => {
  const files = [...reachable(path.join(__dirname, 'index.ts'))].map((f) => path.relative(__dirname, f));
  expect(files.every((f) => !f.startsWith('..'))).toBe(true);
  expect(files).toEqual(
    expect.arrayContaining(['index.ts', 'run.ts', 'controls.ts', 'approval-rule.ts', 'allowed-controls.ts', 'statuses.ts']),
  );
});

it('is exported as @switchyard/core/model', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as {
    exports: Record<string, { default: string }>;
  };
  expect(pkg.exports['./model'].default).toBe('./dist/model/index.js');
});

/**
 * What imports what in the extension, checked on the source: the `vscode` adapters are exactly the
 * modules extension.ts's header names, and the webview (a browser bundle) reaches the core only
 * through its browser-safe model entry (and for types).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SRC = __dirname;
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) return f === 'testing' ? [] : sources(full);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [path.relative(SRC, full)] : [];
  });
const text = (file: string) => readFileSync(path.join(SRC, file), 'utf8');
const valueImports = (file: string) => [...text(file).matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);

it('imports vscode in the adapters extension.ts names, and nowhere else', () => {
  const adapters = sources(SRC)
    .filter((f) => /from 'vscode'/.test(text(f)))
    .sort();
  expect(adapters).toEqual([
    'aws/confirm-mutation.ts',
    'commands/run-commands.ts',
    'editor/aws-hover-provider.ts',
    'editor/parsed-runbooks.ts',
    'editor/runbook-code-lens.ts',
    'editor/runbook-diagnostics.ts',
    'editor/runbook-quick-fixes.ts',
    'extension.ts',
    'fleet/fleet-tree.ts',
    'panel/cluster-panel.ts',
    'panel/cluster-panels.ts',
    'panel/confirm-control.ts',
    'rollouts/rollout-panel.ts',
    'rollouts/rollout-serializer.ts',
    'runbook/runbook-catalog.ts',
    'runs/approval-notifier.ts',
    'runs/run-status-bar.ts',
    'runs/runs-tree.ts',
    'sandbox/sandbox-commands.ts',
    'walkthrough/sample-runbook.ts',
  ]);
  const header = text('extension.ts').slice(0, text('extension.ts').indexOf('*/'));
  for (const folder of ['commands/', 'editor/', 'panel/']) expect(header).toContain(folder);
  for (const file of adapters.filter((f) => !/^(commands|editor|panel)\//.test(f) && f !== 'extension.ts')) {
    const [dir, name] = file.split('/');
    expect({ file, named: header.includes(file) || (header.includes(`${dir}/{`) && header.includes(name.replace('.ts', ''))) }).toEqual({
      file,
      named: true,
    });
  }
});

it('keeps the webview a browser bundle: React, @switchyard/ui and the core model only', () => {
  const webview = sources(SRC).filter((f) => f.startsWith('webview/'));
  const outside = webview.flatMap((f) =>
    valueImports(f)
      .filter((m) => !m.startsWith('.') && !['react', 'react-dom/client', '@switchyard/ui', '@switchyard/core/model'].includes(m))
      .map((m) => `${f}: ${m}`),
  );
  expect(outside).toEqual([]);
});

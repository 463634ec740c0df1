/**
 * The package's promises to its hosts, checked on the source: browser bundles (core's Node entry
 * for types only; its rules from the browser-safe `@switchyard/core/model`), CSP-safe and themeable (no inline styles, colours only in the stylesheets),
 * nothing loaded from the network.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const SRC = __dirname;
const sources = readdirSync(SRC)
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && f !== 'test-fixtures.ts')
  .map((f) => ({ file: f, text: readFileSync(join(SRC, f), 'utf8') }));
const css = ['styles.css', 'themes/vscode.css'].map((f) => ({ file: f, text: readFileSync(join(SRC, f), 'utf8') }));

describe('package rules', () => {
  it('imports @switchyard/core for types only (core pulls Node modules)', () => {
    const value = sources.filter((s) => /^import\s+(?!type\b)[^;]*from\s+'@switchyard\/core'/m.test(s.text)).map((s) => s.file);
    expect(value).toEqual([]);
  });

  it('imports nothing but React, the core model and its own files at run time', () => {
    const imports = sources.flatMap((s) => [...s.text.matchAll(/^import\s+(?!type\b)[^;]*from\s+'([^']+)'/gm)].map((m) => m[1]));
    expect(imports.filter((m) => !m.startsWith('./') && m !== 'react' && m !== '@switchyard/core/model')).toEqual([]);
  });

  it('uses no style props and no colours in the components (the stylesheet owns them)', () => {
    const styled = sources.filter((s) => /\bstyle=\{/.test(s.text)).map((s) => s.file);
    expect(styled).toEqual([]);
    const coloured = sources
      .filter((s) => s.file !== 'backstage-theme.ts')
      .filter((s) => /#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/.test(s.text))
      .map((s) => s.file);
    expect(coloured).toEqual([]);
  });

  it('sets literal colours only in the defaults block of styles.css; the VS Code theme maps to --vscode-* only', () => {
    const styles = css[0].text;
    const defaults = /:where\(:root\) \{[^}]*\}/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('--sy-fg:');
    expect(styles.replace(defaults, '')).not.toMatch(/#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/);
    const vscode = css[1].text.replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, name, value] of vscode.matchAll(/(--sy-[\w-]+):\s*([^;]+);/g)) {
      expect({ name, value: value.startsWith('var(--vscode-') }).toEqual({ name, value: true });
    }
  });

  it('loads nothing from the network (fonts, images, imports)', () => {
    for (const f of [...sources, ...css])
      expect({ file: f.file, remote: /https?:\/\/|@import|url\(/.test(f.text) }).toEqual({ file: f.file, remote: false });
  });
});

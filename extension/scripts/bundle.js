/**
 * Bundles the extension (Node, `vscode` external) and the cluster panel's webview script (browser,
 * React and @switchyard/ui) with esbuild. The workspace packages are bundled from their sources, so
 * no `tsc` build has to run first.
 */
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const repo = path.resolve(root, '..');
const production = process.argv.includes('--production');

/** `@switchyard/<pkg>` → its TypeScript entry; subpaths (e.g. `@switchyard/ui/styles.css`) resolve through package exports. */
const workspaceSources = {
  name: 'workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@switchyard\/(core|simulator|ui)$/ }, (args) => ({
      path: path.join(repo, 'shared', args.path.slice('@switchyard/'.length), 'src', 'index.ts'),
    }));
    // The core's browser-safe model (the webview's only core import).
    build.onResolve({ filter: /^@switchyard\/core\/model$/ }, () => ({
      path: path.join(repo, 'shared', 'core', 'src', 'model', 'index.ts'),
    }));
    // The simulator's test credentials (shared by the simulator and every client of it).
    build.onResolve({ filter: /^@switchyard\/core\/simulator-credentials$/ }, () => ({
      path: path.join(repo, 'shared', 'core', 'src', 'aws', 'simulator-credentials.ts'),
    }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [workspaceSources],
  metafile: true,
};

async function main() {
  // Stale bundles or source maps of an earlier build must not end up in the .vsix.
  for (const file of ['extension.js', 'extension.js.map', 'webview.js', 'webview.js.map', 'webview.css', 'webview.css.map']) {
    require('node:fs').rmSync(path.join(root, 'dist', file), { force: true });
  }
  const results = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: { extension: path.join(root, 'src', 'extension.ts') },
      outdir: path.join(root, 'dist'),
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      // `vscode` is the host's; pg-native and cloudflare sockets are optional `pg` back ends never used here.
      external: ['vscode', 'pg-native', 'cloudflare:sockets'],
      mainFields: ['module', 'main'],
      // Lets the extension measure its own load time (bundle start to the end of activate()).
      banner: { js: 'var __switchyardLoadStart = Date.now();' },
    }),
    esbuild.build({
      ...common,
      entryPoints: { webview: path.join(root, 'src', 'webview', 'main.tsx') },
      outdir: path.join(root, 'dist'),
      platform: 'browser',
      target: 'es2020',
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
      loader: { '.svg': 'dataurl', '.woff2': 'dataurl' },
    }),
  ]);
  for (const result of results) {
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) process.stdout.write(`${path.relative(root, file)}  ${(out.bytes / 1024).toFixed(0)} KiB\n`);
    }
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});

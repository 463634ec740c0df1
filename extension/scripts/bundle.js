/**
 * Bundles the extension with esbuild, in three Node chunks and a browser one:
 *
 * - `dist/extension.js`: what activation needs (the editor adapters, the core, YAML, CEL, markdown-it,
 *   pg); `vscode` is the host's.
 * - `dist/aws-sdk.js`: the AWS SDK v3 packages (clients, Smithy runtime, credential providers), one
 *   copy shared by the other chunks. Code outside node_modules that imports `@aws-sdk/*` or `@smithy/*`
 *   gets a stub that takes the module from this chunk, keyed by the file the import resolves to, so
 *   each SDK module exists once and `instanceof` holds across chunks. The SDK cannot be tree-shaken by
 *   operation: a runbook's `aws` line may call any operation of a client, and the core lists and
 *   validates them from the client's full export list (shared/core/src/aws/cli/service-catalog.ts).
 * - `dist/simulator.js`: the local AWS simulator, loaded with `import()` only when the sandbox starts
 *   (src/sandbox/sandbox.ts).
 * - `dist/webview.js` + `.css`: the cluster panel (browser, React and @switchyard/ui); `dist/rollout-webview.js`
 *   + `.css`: the rollout board (the same, with RolloutBoard).
 * - `dist/sample-runbooks/failover.md`: the walkthrough's sample, copied from runbooks/.
 *
 * The workspace packages are bundled from their sources, so no `tsc` build has to run first. Each
 * build prints its files' sizes; `--production` minifies and fails when `dist/extension.js` is over
 * 1 MiB (vsce flags a file that dominates the package, and every byte of it is read at activation).
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const repo = path.resolve(root, '..');
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');
const EXTENSION_LIMIT = 1024 * 1024;

/** `@switchyard/<pkg>` → its TypeScript entry; subpaths (e.g. `@switchyard/ui/styles.css`) resolve through package exports. */
function workspaceSources({ simulatorChunk }) {
  return {
    name: 'workspace-sources',
    setup(build) {
      // In the extension the simulator is its own chunk, beside extension.js in dist/.
      if (simulatorChunk) build.onResolve({ filter: /^@switchyard\/simulator$/ }, () => ({ path: './simulator.js', external: true }));
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
}

/**
 * Our code's imports of the AWS SDK become `require('./aws-sdk.js')[key]`, key = the resolved file
 * relative to the repository; `used` collects the keys so the SDK chunk exports exactly those.
 */
function sdkFromChunk(used) {
  return {
    name: 'aws-sdk-chunk',
    setup(build) {
      build.onResolve({ filter: /^@(aws-sdk|smithy)\// }, async (args) => {
        if (args.importer.includes(`${path.sep}node_modules${path.sep}`) || args.pluginData === 'sdk') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'sdk' });
        if (resolved.errors.length) return { errors: resolved.errors };
        const key = path.relative(repo, resolved.path).split(path.sep).join('/');
        used.add(key);
        return { path: key, namespace: 'aws-sdk-chunk' };
      });
      build.onLoad({ filter: /.*/, namespace: 'aws-sdk-chunk' }, (args) => ({
        contents: `module.exports = require('./aws-sdk.js')[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\/aws-sdk\.js$/ }, () => ({ path: './aws-sdk.js', external: true }));
    },
  };
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};
const node = {
  ...common,
  outdir: dist,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // pg-native and cloudflare sockets are optional `pg` back ends never used here.
  external: ['vscode', 'pg-native', 'cloudflare:sockets'],
  mainFields: ['module', 'main'],
};

async function main() {
  // Stale bundles or source maps of an earlier build must not end up in the .vsix.
  for (const file of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
    if (/\.(js|css)(\.map)?$/.test(file)) fs.rmSync(path.join(dist, file), { force: true });
  }
  // The walkthrough's sample runbook (src/walkthrough/sample-runbook.ts), as the repository ships it.
  fs.mkdirSync(path.join(dist, 'sample-runbooks'), { recursive: true });
  fs.copyFileSync(path.join(repo, 'runbooks', 'failover.md'), path.join(dist, 'sample-runbooks', 'failover.md'));
  const used = new Set();
  const results = await Promise.all([
    esbuild.build({
      ...node,
      entryPoints: { extension: path.join(root, 'src', 'extension.ts') },
      plugins: [workspaceSources({ simulatorChunk: true }), sdkFromChunk(used)],
      // Lets the extension measure its own load time (bundle start to the end of activate()).
      banner: { js: 'var __switchyardLoadStart = Date.now();' },
    }),
    esbuild.build({
      ...node,
      entryPoints: { simulator: path.join(repo, 'shared', 'simulator', 'src', 'index.ts') },
      plugins: [workspaceSources({ simulatorChunk: false }), sdkFromChunk(used)],
    }),
    esbuild.build({
      ...common,
      entryPoints: {
        webview: path.join(root, 'src', 'webview', 'main.tsx'),
        'rollout-webview': path.join(root, 'src', 'webview', 'rollout-main.tsx'),
      },
      plugins: [workspaceSources({ simulatorChunk: false })],
      outdir: dist,
      platform: 'browser',
      target: 'es2020',
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
      loader: { '.svg': 'dataurl', '.woff2': 'dataurl' },
    }),
  ]);
  // The SDK chunk, once both Node chunks have said which SDK modules they use.
  const keys = [...used].sort();
  results.push(
    await esbuild.build({
      ...node,
      stdin: {
        contents: `module.exports = {\n${keys.map((key) => `  ${JSON.stringify(key)}: require(${JSON.stringify(path.join(repo, key))}),`).join('\n')}\n};\n`,
        resolveDir: repo,
        sourcefile: 'aws-sdk-chunk.js',
      },
      entryPoints: undefined,
      outfile: path.join(dist, 'aws-sdk.js'),
      outdir: undefined,
    }),
  );
  let extensionBytes = 0;
  for (const result of results) {
    for (const [file, out] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      if (path.basename(file) === 'extension.js') extensionBytes = out.bytes;
      process.stdout.write(`${path.relative(root, file)}  ${(out.bytes / 1024).toFixed(0)} KiB\n`);
    }
  }
  if (production && extensionBytes > EXTENSION_LIMIT) {
    throw new Error(
      `dist/extension.js is ${(extensionBytes / 1024).toFixed(0)} KiB, over the 1 MiB budget: move what activation does not need into a lazily loaded chunk (see this file's header)`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});

/**
 * Builds and packs the Backstage plugin packages and the shared packages they depend on into
 * publishable tarballs, as `npm publish` would ship them (`yarn pack:backstage [outDir]`).
 *
 * The shared packages are plain TypeScript (tsc -b into dist/); the three plugin packages are
 * built by `backstage-cli package build` from the declarations of tsconfig.backstage-types.json.
 * `yarn pack` then applies each package's publishConfig (dist entry points) and replaces the
 * `workspace:` ranges with versions. Prints the tarball paths as JSON on the last line.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** In dependency order; the directory and the package name of each. */
export const PACKAGES = [
  ['shared/core', '@switchyard/core'],
  ['shared/simulator', '@switchyard/simulator'],
  ['shared/ui', '@switchyard/ui'],
  ['plugins/switchyard-common', '@switchyard/backstage-plugin-switchyard-common'],
  ['plugins/switchyard-backend', '@switchyard/backstage-plugin-switchyard-backend'],
  ['plugins/switchyard', '@switchyard/backstage-plugin-switchyard'],
];

function run(command, args, cwd = ROOT) {
  execFileSync(command, args, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
}

export const tarballName = (name) => `${name.replace('@', '').replace('/', '-')}.tgz`;

const yarn = (args, cwd) => run('npx', ['--yes', 'yarn', ...args], cwd);

export function packBackstage(outDir) {
  mkdirSync(outDir, { recursive: true });
  yarn(['build']);
  rmSync(path.join(ROOT, 'dist-types'), { recursive: true, force: true });
  yarn(['tsc', '-p', 'tsconfig.backstage-types.json']);
  // The backend ships the repository's runbooks as its default library (switchyard.runbookDirs).
  const runbooks = path.join(ROOT, 'plugins/switchyard-backend/runbooks');
  rmSync(runbooks, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'runbooks'), runbooks, { recursive: true });
  const tarballs = {};
  for (const [dir, name] of PACKAGES) {
    if (dir.startsWith('plugins/')) yarn(['build'], path.join(ROOT, dir));
    const file = path.join(outDir, tarballName(name));
    rmSync(file, { force: true });
    yarn(['pack', '--out', file], path.join(ROOT, dir));
    if (!existsSync(file)) throw new Error(`yarn pack wrote no ${file}`);
    // Gone again, so the dev backend (cwd plugins/switchyard-backend) reads the repository's runbooks, not a stale copy.
    if (dir === 'plugins/switchyard-backend') rmSync(runbooks, { recursive: true, force: true });
    tarballs[name] = file;
  }
  return tarballs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'test/output/adopter-backstage/tarballs'));
  console.log(JSON.stringify(packBackstage(outDir)));
}

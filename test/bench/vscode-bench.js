#!/usr/bin/env node
/**
 * yarn bench:vscode — prints the VS Code extension's figures:
 *  1. bundle sizes (extension, webview script and stylesheet, the .vsix), production build;
 *  2. activation time measured inside the extension host: the extension records the time from the
 *     start of its bundle's evaluation to the end of activate() (activation.json in its global
 *     storage), read back after code-server opened a workspace with runbooks, over K cold starts.
 * Flags: --repeat K (3). Needs what the e2e needs (code-server is installed into a cache once).
 * Figures are from one shared machine; read them as such.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const codeServer = require('../vscode/support/code-server.js');

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const REPEAT = Number(values.repeat);

async function activation(vsix, workspace) {
  const editor = await codeServer.startEditor({ vsix, workspace });
  let browser;
  try {
    ({ browser } = await codeServer.openBrowser(editor.url));
    const file = path.join(codeServer.extensionStorage(editor.userDataDir), 'activation.json');
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`the extension did not activate within 60 s; see ${editor.logFile}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } finally {
    await browser?.close();
    await editor.stop();
    fs.rmSync(editor.base, { recursive: true, force: true });
  }
}

const kib = (file) => `${(fs.statSync(file).size / 1024).toFixed(0)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const started = Date.now();
  const vsix = codeServer.packageExtension();
  const packagedMs = Date.now() - started;
  const dist = path.join(codeServer.repo, 'extension', 'dist');
  process.stdout.write(`bundles (production, built and packaged in ${packagedMs} ms):\n`);
  for (const name of [
    'extension.js',
    'aws-sdk.js',
    'simulator.js',
    'webview.js',
    'webview.css',
    'rollout-webview.js',
    'rollout-webview.css',
    'switchyard.vsix',
  ]) {
    process.stdout.write(`  ${name.padEnd(20)} ${kib(path.join(dist, name))}\n`);
  }

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-ws-'));
  fs.cpSync(path.join(codeServer.repo, 'runbooks'), path.join(workspace, 'runbooks'), { recursive: true });
  try {
    const records = [];
    for (let i = 0; i < REPEAT; i++) records.push(await activation(vsix, workspace));
    const load = records.map((r) => r.loadAndActivateMs);
    const activate = records.map((r) => r.activateMs);
    process.stdout.write(
      `activation in the extension host (workspaceContains:**/runbooks/*.md, ${REPEAT} cold starts):\n` +
        `  bundle load + activate()  median ${median(load)} ms  (${load.join(', ')})\n` +
        `  activate() alone          median ${median(activate)} ms  (${activate.join(', ')})\n`,
    );
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});

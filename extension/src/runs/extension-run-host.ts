import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { environmentSecrets, FileRunStore, NodeHttpGateway, NodeShellGateway, RunHost } from '@switchyard/core';
import { ConfirmingHttpGateway, type ConfirmingHttpGatewayOptions } from '../http/confirming-http-gateway';
import type { Target } from '../targets/target';

export interface ExtensionRunHostOptions {
  /** The core FileRunStore's directory (under the extension's global storage). */
  storeDir: string;
  /** The targets the window has now (the sandbox while it runs, the AWS target the settings describe). */
  targets: { get(id: string): Target | undefined };
  /** `sh` and `http` blocks run only while this says the workspace is trusted (read at each block). */
  allowShell: () => boolean;
  /**
   * How a run on `target` asks before a mutating http request: the dialog, the operator, the pause
   * after a no and the pending list — the same as for the target's mutating AWS calls.
   */
  httpConfirmation: (target: Target) => Omit<ConfirmingHttpGatewayOptions, 'sandbox'>;
}

/**
 * The extension's runs: the core RunHost on a FileRunStore, so every run is on disk before each
 * side effect and survives a window reload. A run's target (`sandbox`, `aws:<profile>@<region>`)
 * is recorded with it; its engine exists while that target does.
 */
export function createExtensionRunHost(options: ExtensionRunHostOptions): RunHost {
  mkdirSync(options.storeDir, { recursive: true });
  const shell = new NodeShellGateway();
  // Like sh, http blocks need a trusted workspace; any host, secret headers from SWITCHYARD_SECRET_<NAME> in the editor's environment;
  // a mutating request is confirmed first, as a mutating AWS call is.
  const http = new NodeHttpGateway({ secrets: environmentSecrets() });
  const legacy = legacyTargets(options.storeDir);
  return new RunHost({
    store: new FileRunStore(options.storeDir),
    kind: 'vscode',
    target: (id) => {
      const target = options.targets.get(id);
      if (!target) return undefined;
      return {
        aws: target.gateway,
        shell,
        // A getter: granting workspace trust applies at the next sh block.
        get allowShell() {
          return options.allowShell();
        },
        http: new ConfirmingHttpGateway(http, { ...options.httpConfirmation(target), sandbox: target.kind === 'sandbox' }),
        get allowHttp() {
          return options.allowShell();
        },
        timeScale: target.timeScale,
      };
    },
    legacyTargetKey: (run) => legacy[run.id],
  });
}

/** Runs recorded by versions before runs carried their target kept it in this side file (read, never written). */
function legacyTargets(storeDir: string): Record<string, string> {
  const file = path.join(storeDir, 'run-connections.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

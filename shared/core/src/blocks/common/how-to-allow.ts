/**
 * Which front end hosts the runs. `sh` and `http` blocks run only where the host allows them, and
 * how an operator allows them differs: a flag, workspace trust, the backend's config. Every refusal
 * of such a block names this host's way (and only it), in one place.
 */
export type HostKind = 'cli' | 'vscode' | 'backstage';

/** How each host allows each kind of block; `any`: a host that did not say which it is (every front end's way). */
const HOW_TO_ALLOW: Record<'sh' | 'http', Record<HostKind | 'any', string>> = {
  http: {
    cli: 'Run with --trust-http (requests go to any host; secret headers from SWITCHYARD_SECRET_<NAME>)',
    vscode: 'Trust the workspace (Manage Workspace Trust), as for sh blocks',
    backstage: "Ask the Backstage operator to list the hosts in switchyard.http.allowedHosts in the backend's app-config.yaml",
    any: 'Run with --trust-http in the CLI, or trust the workspace in VS Code (as for sh blocks); the Backstage backend sends them only to the hosts on switchyard.http.allowedHosts',
  },
  sh: {
    cli: 'Run with --trust-shell',
    vscode: 'Trust the workspace (Manage Workspace Trust)',
    backstage: "Ask the Backstage operator to set switchyard.allowShell: true in the backend's app-config.yaml",
    any: 'Run with --trust-shell in the CLI, or trust the workspace in VS Code; the Backstage backend refuses them unless switchyard.allowShell is on',
  },
};

/** What to do so that this host sends http blocks. */
export function howToAllowHttp(host?: HostKind): string {
  return HOW_TO_ALLOW.http[host ?? 'any'];
}

/** What to do so that this host runs sh blocks. */
export function howToAllowShell(host?: HostKind): string {
  return HOW_TO_ALLOW.sh[host ?? 'any'];
}

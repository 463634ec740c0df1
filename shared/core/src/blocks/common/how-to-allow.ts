/**
 * Which front end hosts the runs. `sh` and `http` blocks run only where the host allows them, and
 * how an operator allows them differs: a flag, workspace trust, the backend's config. Every refusal
 * of such a block names this host's way (and only it), in one place.
 */
export type HostKind = 'cli' | 'vscode' | 'backstage';

/** What to do so that this host sends http blocks; unknown host: every front end's way. */
export function howToAllowHttp(host?: HostKind): string {
  switch (host) {
    case 'cli':
      return 'Run with --trust-http (requests go to any host; secret headers from SWITCHYARD_SECRET_<NAME>)';
    case 'vscode':
      return 'Trust the workspace (Manage Workspace Trust), as for sh blocks';
    case 'backstage':
      return "Ask the Backstage operator to list the hosts in switchyard.http.allowedHosts in the backend's app-config.yaml";
    default:
      return 'Run with --trust-http in the CLI, or trust the workspace in VS Code (as for sh blocks); the Backstage backend sends them only to the hosts on switchyard.http.allowedHosts';
  }
}

/** What to do so that this host runs sh blocks; unknown host: every front end's way. */
export function howToAllowShell(host?: HostKind): string {
  switch (host) {
    case 'cli':
      return 'Run with --trust-shell';
    case 'vscode':
      return 'Trust the workspace (Manage Workspace Trust)';
    case 'backstage':
      return "Ask the Backstage operator to set switchyard.allowShell: true in the backend's app-config.yaml";
    default:
      return 'Run with --trust-shell in the CLI, or trust the workspace in VS Code; the Backstage backend refuses them unless switchyard.allowShell is on';
  }
}

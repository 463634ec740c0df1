/** Side-effect ports besides AWS that block executors use; hosts decide which exist. */

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
  rowCount: number;
  fields: string[];
}

/** Named database connections (issue: data guards). A host without one refuses `sql` blocks clearly. */
export interface SqlGateway {
  query(connection: string, sql: string, options: { write: boolean; timeoutMs: number; signal?: AbortSignal }): Promise<SqlResult>;
}

export interface ShellResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Local shell, only where the operator trusts the runbook (CLI flag, VS Code workspace trust). */
export interface ShellGateway {
  run(script: string, options: { timeoutMs: number; env: Record<string, string>; signal?: AbortSignal }): Promise<ShellResult>;
}

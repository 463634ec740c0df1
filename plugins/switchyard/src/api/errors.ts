/**
 * Errors from the Switchyard backend, carrying the HTTP status and the server's own message
 * (Backstage-style JSON error bodies), so the UI can say "not allowed" instead of "failed".
 */
export class SwitchyardRequestError extends Error {
  readonly status: number;
  /** The server's error name, e.g. `NotAllowedError`, `ConflictError`, `InputError`. */
  readonly serverName: string | undefined;

  constructor(message: string, status: number, serverName?: string) {
    super(message);
    this.name = 'SwitchyardRequestError';
    this.status = status;
    this.serverName = serverName;
  }

  get forbidden(): boolean {
    return this.status === 403 || this.status === 401;
  }
}

const WHAT: Record<number, string> = {
  400: 'The request was refused as invalid',
  401: 'You are not signed in to the Switchyard backend',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  423: 'Locked',
};

/** Reads a failed response's body (Backstage error JSON, or text) into a SwitchyardRequestError. */
export async function errorFromResponse(response: Response, what: string): Promise<SwitchyardRequestError> {
  let serverMessage = '';
  let serverName: string | undefined;
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { name?: string; message?: string } };
    serverMessage = body.error?.message ?? '';
    serverName = body.error?.name;
  } catch {
    serverMessage = text.trim().slice(0, 300);
  }
  const kind = WHAT[response.status] ?? (response.status >= 500 ? 'The Switchyard backend failed' : 'Request failed');
  const detail = serverMessage || response.statusText || 'no details from the server';
  return new SwitchyardRequestError(`${kind} (${response.status}) — ${what}: ${detail}`, response.status, serverName);
}

/** True for errors a reconnect will not fix (permission, not found, bad request). */
export function isPermanent(error: unknown): boolean {
  return (
    error instanceof SwitchyardRequestError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429
  );
}

import { HttpHostRefusedError, HttpSendError } from '../blocks/http/http-errors';
import { checkAllowedHost, type HostAllowList } from '../blocks/http/http-hosts';
import type { HttpGateway, HttpRequest, HttpResponse, HttpSecretSource } from './ports';

/** Bytes of an answer's body kept (the rest is dropped): a run record is no place for a download. */
export const MAX_HTTP_BODY_BYTES = 1024 * 1024;

/** Error codes (Node, undici) that mean no connection was made, so nothing of the request was sent. */
const NOT_CONNECTED = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'];

export interface NodeHttpGatewayOptions {
  /** Only these hosts may be reached (the Backstage backend); undefined: any (a trusted runbook, as for `sh`). */
  allowList?: HostAllowList;
  secrets: HttpSecretSource;
  maxBodyBytes?: number;
}

/** Secrets from the environment: `{ secret: maintenance_token }` reads `SWITCHYARD_SECRET_MAINTENANCE_TOKEN`. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): HttpSecretSource {
  const variable = (name: string) => `SWITCHYARD_SECRET_${name.toUpperCase()}`;
  return {
    get: (name) => env[variable(name)],
    howToSet: (name) => `set the environment variable ${variable(name)} where Switchyard runs`,
  };
}

/** Secrets from a host's configuration (a map of names to values), e.g. Backstage's `switchyard.http.secrets`. */
export function configuredSecrets(values: Record<string, string>, setting: string): HttpSecretSource {
  const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    get: (name) => lower.get(name.toLowerCase()),
    howToSet: (name) => `add it as ${setting}.${name} in the host's config`,
  };
}

/**
 * `HttpGateway` over Node's fetch (undici): redirects are not followed (a 3xx is the answer — a
 * redirect must not carry a request, or its secret header, to a host the allow-list never saw),
 * the timeout covers the whole exchange including the body, and the body is cut at a limit.
 */
export class NodeHttpGateway implements HttpGateway {
  readonly secrets: HttpSecretSource;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: NodeHttpGatewayOptions) {
    this.secrets = options.secrets;
    this.maxBodyBytes = options.maxBodyBytes ?? MAX_HTTP_BODY_BYTES;
  }

  refusal(url: URL): HttpHostRefusedError | undefined {
    return checkAllowedHost(url, this.options.allowList);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const refused = checkAllowedHost(request.url, this.options.allowList);
    if (refused) throw refused;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    const onAbort = () => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) controller.abort();
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const { body, truncated } = await readCapped(response, this.maxBodyBytes);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { status: response.status, headers, body, truncated };
    } catch (error) {
      if (timedOut) throw new HttpSendError('timeout', false, `no complete answer within ${formatMs(request.timeoutMs)}`);
      if (controller.signal.aborted) throw new HttpSendError('aborted', false, 'the run was interrupted');
      const code = causeCode(error);
      const detail = `${code ? `${code}: ` : ''}${causeMessage(error)}`;
      throw new HttpSendError(
        code && NOT_CONNECTED.includes(code) ? 'connect' : 'transport',
        Boolean(code && NOT_CONNECTED.includes(code)),
        detail,
      );
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }
}

async function readCapped(response: Response, max: number): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return { body: Buffer.concat(chunks).subarray(0, max).toString('utf8'), truncated };
}

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function causeMessage(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  const inner = cause instanceof Error ? cause.message : undefined;
  return inner || (error instanceof Error ? error.message : String(error));
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}

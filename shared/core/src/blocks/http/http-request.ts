import { renderTemplate } from '../../cel';
import type { HttpSecretSource } from '../../engine/ports';
import { SAFE_HTTP_METHODS, type HttpBlock } from './http-block';
import { HttpValueError } from './http-errors';
import { renderUrl } from './http-url';
import { renderHeaders, renderJsonBody } from './http-values';

/** What an http block sends, rendered, and what may be shown of it. */
export interface PreparedHttpRequest {
  url: URL;
  headers: Record<string, string>;
  /** Headers as logs, the dry run and the in-flight record show them: secrets as `[secret]`. */
  shownHeaders: Record<string, string>;
  body?: string;
  /** Secret values the headers carry: scrubbed from everything the block writes. */
  secrets: string[];
  mutating: boolean;
}

/**
 * Renders a block's request: URL parts percent-encoded, header values checked for line breaks,
 * a YAML body JSON-encoded value by value (text bodies as text), secrets from the host. Throws
 * (`HttpValueError`, `CelEvaluationError`) when a value cannot be placed; nothing is sent then.
 */
export function prepareHttpRequest(block: HttpBlock, scope: Record<string, unknown>, secrets: HttpSecretSource): PreparedHttpRequest {
  const url = renderUrl(block.url, scope);
  const rendered = renderHeaders(block.headers, scope, secrets);
  const headers = { ...rendered.headers };
  const shownHeaders = { ...rendered.shown };
  let body: string | undefined;
  if (block.body) {
    const json = 'json' in block.body;
    // A text body's templates render as text: a JSON-typed text body with templates is refused at validation.
    body = 'json' in block.body ? JSON.stringify(renderJsonBody(block.body.json, scope)) : renderTemplate(block.body.text, scope);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      const type = json ? 'application/json' : 'text/plain; charset=utf-8';
      headers['Content-Type'] = type;
      shownHeaders['Content-Type'] = type;
    }
  }
  if (rendered.secrets.length && url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new HttpValueError(
      'url',
      `${url.origin} is plain http, and the request carries a secret header, which anyone on the way could read; use https (plain http is allowed to this machine only); the request was not sent`,
    );
  return { url, headers, shownHeaders, body, secrets: rendered.secrets, mutating: !SAFE_HTTP_METHODS.includes(block.method) };

  /** This machine: a secret sent here in clear text never crosses a network. */
  function isLoopback(hostname: string): boolean {
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  }
}

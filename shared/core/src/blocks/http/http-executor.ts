import { howToAllowHttp } from '../common/how-to-allow';
import { SecretScrubber } from '../../engine/secrets';
import type { HttpResponse } from '../../engine/ports';
import type { BlockExecutionContext, BlockExecutor, BlockOutcome } from '../common/block-executor';
import { errorMessage } from '../common/block-executor';
import { evaluateExpectations, evaluateOutputs } from '../common/observe-and-evaluate';
import { sleep } from '../common/run-interrupted';
import type { HttpBlock } from './http-block';
import { HttpDeclinedError, HttpHostRefusedError, HttpSendError } from './http-errors';
import { prepareHttpRequest, type PreparedHttpRequest } from './http-request';
import { retriesAfterError, retriesAfterStatus, retryDelayMs } from './http-retry';

/** Characters of an unexpected answer's body quoted in the step's error. */
const QUOTED_BODY = 300;

/**
 * Sends one http block's request. Runs only where the host allows http blocks (the operator trusts
 * the runbook, as for `sh`; Backstage's allow-list decides the hosts). A mutating request is
 * previewed in a dry run and recorded in flight before it is sent. Every text the block writes —
 * logs, the in-flight record, errors, outputs — is scrubbed of the secrets its headers used.
 */
export const executeHttpBlock: BlockExecutor<HttpBlock> = async (ctx) => {
  const { block } = ctx;
  if (!ctx.allowHttp || !ctx.http) {
    return {
      type: 'failed',
      error: `http blocks are not allowed here; nothing was sent. ${howToAllowHttp(ctx.hostKind)}`,
    };
  }
  let request: PreparedHttpRequest;
  try {
    request = await ctx.evaluating(() => prepareHttpRequest(block, ctx.scope, ctx.http!.secrets));
  } catch (error) {
    return { type: 'failed', error: `the ${block.method} request was not sent: ${errorMessage(error)}` };
  }
  const scrub = new SecretScrubber(Object.fromEntries(request.secrets.map((value, i) => [i, value])));
  const outcome = await send(ctx, request, scrub);
  switch (outcome.type) {
    case 'done':
      return { ...outcome, output: scrub.value(outcome.output) };
    case 'failed':
      return { ...outcome, error: scrub.text(outcome.error) };
    default:
      return outcome;
  }
};

async function send(ctx: BlockExecutionContext<HttpBlock>, request: PreparedHttpRequest, scrub: SecretScrubber): Promise<BlockOutcome> {
  const { block } = ctx;
  const http = ctx.http!;
  const log = (level: 'info' | 'warn' | 'error', text: string) => ctx.log(level, scrub.text(text));
  const label = `${block.method} ${request.url.href}`;
  const preview = {
    method: block.method,
    url: request.url.href,
    headers: request.shownHeaders,
    ...(request.body !== undefined ? { body: scrub.text(request.body) } : {}),
  };
  const mutating = request.mutating;
  if (mutating && ctx.run.dryRun) {
    const refusal = http.refusal(request.url)?.message;
    await log(
      'info',
      `dry-run: would send ${label} ${JSON.stringify({ headers: preview.headers, body: preview.body })}${refusal ? ` — and this host would refuse it: ${refusal}` : ''}`,
    );
    return { type: 'done', output: { dryRun: true, ...preview } };
  }
  if (mutating) {
    // Not asked about what this host would refuse anyway (the gateway refuses it again at send).
    const refused = http.refusal(request.url);
    if (refused) return { type: 'failed', error: refused.message, notApplied: true };
    if (http.confirm) {
      const redact = (text: string) => ctx.redact?.(text) ?? text;
      try {
        await http.confirm(
          {
            method: block.method,
            url: redact(preview.url),
            headers: Object.fromEntries(Object.entries(preview.headers).map(([name, value]) => [name, redact(value)])),
            ...(preview.body !== undefined ? { body: redact(preview.body) } : {}),
          },
          { signal: ctx.signal, audit: ctx.audit },
        );
      } catch (error) {
        if (error instanceof HttpDeclinedError) return { type: 'failed', error: error.message, notApplied: true };
        throw error;
      }
    }
    // Before anything is sent: a crash from here on leaves the call in flight, for the operator (no reconciler can tell).
    await ctx.recordInFlight({ service: 'http', operation: label, input: preview });
    await log('info', `sending ${label} (mutating)`);
  }
  let response: HttpResponse | undefined;
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= block.retries;
    try {
      response = await http.send({
        method: block.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        timeoutMs: (block.timeoutSeconds * 1000) / ctx.timeScale,
        signal: ctx.signal,
      });
    } catch (error) {
      if (error instanceof HttpHostRefusedError) return { type: 'failed', error: error.message, notApplied: true };
      if (!(error instanceof HttpSendError)) return { type: 'failed', error: `${label} failed: ${errorMessage(error)}` };
      const failure = `${label}: ${error.phase === 'timeout' ? `timed out (${error.message})` : error.message}`;
      if (error.phase === 'aborted') return { type: 'failed', error: failure };
      if (!last && retriesAfterError(block.method, error)) {
        await retryPause(ctx, log, attempt, undefined, `${failure}; trying again`);
        continue;
      }
      return {
        type: 'failed',
        error: `${failure}${mutating && !error.notSent ? whetherApplied(block.method) : ''}${retriesNote(ctx, attempt, error)}`,
        ...(error.notSent ? { notApplied: true } : {}),
      };
    }
    if (!last && retriesAfterStatus(block.method, response.status)) {
      await retryPause(ctx, log, attempt, response.headers['retry-after'], `${label}: answered ${response.status}; trying again`);
      continue;
    }
    break;
  }
  await log('info', `${label}: ${response.status}${response.truncated ? ' (body cut at 1 MiB)' : ''}`);
  if (mutating)
    await ctx.audit({
      actor: ctx.run.startedBy,
      action: `sent ${block.method}`,
      detail: scrub.text(`${request.url.href} → ${response.status}`),
    });
  const expected = block.status ?? [];
  const statusOk = expected.length ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
  if (!statusOk) {
    return {
      type: 'failed',
      error: `${label} answered ${response.status}, expected ${expected.length ? expected.join(' or ') : 'a 2xx status'}${quoteBody(response.body)}`,
    };
  }
  let json: unknown = null;
  if (/\bjson\b|\+json\b/i.test(response.headers['content-type'] ?? '') && response.body.trim() !== '') {
    try {
      json = JSON.parse(response.body);
    } catch (error) {
      return {
        type: 'failed',
        error: `${label} answered ${response.status} with a body that is not the JSON its Content-Type says: ${errorMessage(error)}${quoteBody(response.body)}`,
      };
    }
  }
  const scope = { ...ctx.scope, status: response.status, headers: response.headers, body: response.body, json };
  const results = await ctx.evaluating(() => evaluateExpectations(block.expect, scope));
  for (const r of results) if (r.holds) await log('info', r.text);
  const failures = results.filter((r) => !r.holds);
  if (failures.length) return { type: 'failed', error: failures.map((r) => r.text).join('\n') };
  const output = Object.keys(block.output).length
    ? await ctx.evaluating(() => evaluateOutputs(block.output, scope))
    : { status: response.status, json };
  return { type: 'done', output };
}

async function retryPause(
  ctx: BlockExecutionContext<HttpBlock>,
  log: (level: 'warn', text: string) => Promise<void>,
  attempt: number,
  retryAfter: string | undefined,
  text: string,
) {
  const ms = retryDelayMs(attempt, retryAfter, ctx.timeScale);
  await log('warn', `${text} in ${(ms / 1000).toFixed(1)} s (attempt ${attempt + 2} of ${ctx.block.retries + 1})`);
  await sleep(ms, ctx.signal);
}

function whetherApplied(method: string): string {
  return `; the server may have acted on it — check the service, then retry or skip this step with a reason (a ${method} is not sent again on its own)`;
}

function retriesNote(ctx: BlockExecutionContext<HttpBlock>, attempt: number, error: HttpSendError): string {
  if (attempt > 0) return ` (after ${attempt + 1} attempts)`;
  if (ctx.block.retries > 0 && !retriesAfterError(ctx.block.method, error))
    return ` (not retried: a ${ctx.block.method} whose answer was lost may have taken effect)`;
  return '';
}

function quoteBody(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  return `: ${flat.length > QUOTED_BODY ? `${flat.slice(0, QUOTED_BODY)}…` : flat}`;
}

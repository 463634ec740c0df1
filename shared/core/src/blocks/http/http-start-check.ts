import { evaluateCondition, variableReferences } from '../../cel';
import { RunRejectedError } from '../../model/errors';
import type { Block, Runbook } from '../../runbook/model';
import { errorMessage } from '../common/block-executor';
import { howToAllowHttp, type HostKind } from '../common/how-to-allow';
import type { HttpBlock } from './http-block';
import type { HttpHostRefusedError } from './http-errors';
import { analyzeUrl, urlOrigin } from './http-url';

/**
 * Whether and where this host lets http blocks send, as a run's start sees it: the same answers the
 * executor and the gateway give when a request is sent.
 */
export interface HttpStartPolicy {
  /** http blocks may run here: the CLI's `--trust-http`, VS Code's workspace trust, Backstage always (its allow-list decides). */
  allowed: boolean;
  /** Which front end this is: a refusal for `allowed: false` says how to allow http blocks here. */
  host?: HostKind;
  /** Why a request to `url` would be refused (the host's allow-list), or undefined. The gateway's own `refusal`. */
  refusal(url: URL): HttpHostRefusedError | undefined;
}

/** Why one http block would fail once the run reached it: the run is not started. */
export interface HttpStartRefusal {
  file: string;
  /** The block's fence line. */
  line: number;
  method: string;
  reason: 'untrusted' | 'host-not-allowed' | 'invalid-url';
  /** The host it would send to, when known (`host-not-allowed`). */
  host?: string;
  /** The configuration that lists the hosts (`switchyard.http.allowedHosts`), for `host-not-allowed`. */
  setting?: string;
  /** `file:line: …`, for an on-call engineer. */
  message: string;
}

/**
 * A run refused before it started because of its http blocks: nothing was recorded, no lock taken,
 * nothing sent to AWS or HTTP. A RunRejectedError, so every front end reports it as bad input
 * (the CLI's exit 2, Backstage's 400).
 */
export class HttpStartRefusedError extends RunRejectedError {
  constructor(readonly refusals: HttpStartRefusal[]) {
    super(refusals.map((r) => r.message));
    this.name = 'HttpStartRefusedError';
  }
}

export interface HttpStartInput {
  file: string;
  runbook: Runbook;
  /** Index of the first step the run runs ("Run from here"): the blocks above it never run. */
  fromStep: number;
  /** Params (with defaults, secrets included), `params` and `run` as the run's scope will have them; no `steps`. */
  scope: Record<string, unknown>;
  policy: HttpStartPolicy;
  /** Secret params: a host taken from one is named `[secret]`. */
  secretParams?: readonly string[];
}

/**
 * Checks, before a run starts, every http block it may reach: where this host does not allow http
 * blocks, and where a block's host is off the allow-list, the run would start, take its locks and
 * fail midway (after a switchover, say). So it is refused now, naming each block's line.
 *
 * A block whose `when:` is false on the params alone never runs and is not checked. A block whose
 * `when:` reads step outputs may run, so it is checked. A URL whose host comes from a step output
 * (`{{ steps.find.output.url }}/drain`) cannot be known yet: its host is checked when the request
 * is sent, as ever. Returns the refusals (empty: nothing to refuse).
 */
export function httpStartRefusals(input: HttpStartInput): HttpStartRefusal[] {
  const { file, runbook, scope, policy } = input;
  const refusals: HttpStartRefusal[] = [];
  const forward = runbook.steps
    .slice(input.fromStep)
    .flatMap((s) => [
      ...s.blocks.map((b) => ({ block: b, phase: 'forward' })),
      ...s.rollbackBlocks.map((b) => ({ block: b, phase: 'rollback' })),
    ]);
  const rollback = runbook.rollback.flatMap((s) => [...s.blocks, ...s.rollbackBlocks].map((b) => ({ block: b, phase: 'rollback' })));
  for (const { block, phase } of [...forward, ...rollback]) {
    if (!isHttp(block)) continue;
    const blockScope = { ...scope, run: { ...(scope.run as Record<string, unknown>), phase } };
    if (neverRuns(block, blockScope)) continue;
    const at = `${file}:${block.pos.line}`;
    const what = `the http block (${block.method} ${block.url})`;
    const base = { file, line: block.pos.line, method: block.method };
    if (!policy.allowed) {
      refusals.push({
        ...base,
        reason: 'untrusted',
        message: `${at}: ${what} would send, and http blocks are not allowed here; nothing was started or sent. ${howToAllowHttp(policy.host)}`,
      });
      continue;
    }
    let origin: URL | undefined;
    try {
      origin = urlOrigin(block.url, blockScope, knownAtStart);
    } catch (error) {
      refusals.push({
        ...base,
        reason: 'invalid-url',
        message: `${at}: ${what} cannot be sent: ${errorMessage(error).replace(/; the request was not sent$/, '')}; nothing was started or sent. Fix the param`,
      });
      continue;
    }
    const refused = origin && policy.refusal(origin);
    if (!refused) continue;
    const { entries, setting } = refused.allowList;
    const secret = fromSecret(block.url, input.secretParams ?? []);
    const host = secret ? '[secret]' : refused.host;
    refusals.push({
      ...base,
      reason: 'host-not-allowed',
      host,
      setting,
      message:
        `${at}: ${what} would send to ${secret ? 'a host given in a secret param' : host}, which is not on this host's allow-list for http blocks ` +
        `(${setting}: ${entries.length ? entries.join(', ') : 'empty'}); nothing was started or sent. ` +
        `${secret ? 'Add that host' : `Add "${host}"`} to ${setting} in the host's config, or start the run with a URL whose host is on the list` +
        (/\.(:\d+)?$/.test(refused.host) ? ' (a name ending in a dot is another spelling, never on the list: leave the dot out)' : ''),
    });
  }
  return refusals;
}

/** Throws `HttpStartRefusedError` when any http block the run may reach would be refused. */
export function checkHttpAtStart(input: HttpStartInput): void {
  const refusals = httpStartRefusals(input);
  if (refusals.length) throw new HttpStartRefusedError(refusals);
}

/** The URL's host comes from a template that reads a secret param (or `params`, which holds them all). */
function fromSecret(url: string, secretParams: readonly string[]): boolean {
  const base = analyzeUrl(url).templates.find((t) => t.part === 'base');
  if (!base || !secretParams.length) return false;
  const read = variableReferences(base.span.expr);
  return read.has('params') || secretParams.some((name) => read.has(name));
}

function isHttp(block: Block): block is HttpBlock {
  return block.kind === 'http';
}

/** An expression the run's start can evaluate: it reads no step output. */
function knownAtStart(expr: string): boolean {
  return !variableReferences(expr).has('steps');
}

/** The block's `when:` is false on what the start knows (a condition it cannot evaluate yet may hold). */
function neverRuns(block: Block, scope: Record<string, unknown>): boolean {
  const when = block.when?.expr;
  if (!when || !knownAtStart(when)) return false;
  try {
    return !evaluateCondition(when, scope);
  } catch {
    return false; // the run reports it when it gets there
  }
}

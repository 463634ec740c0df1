/**
 * Follows `GET /runs/:id/events` with fetch streaming (EventSource cannot send the Backstage token):
 * every `run` event is a full snapshot, so a reconnect loses nothing. Reconnects with backoff after
 * drops; stops for good on 4xx (not allowed, not found) or once the run is terminal and the
 * server closed the stream.
 */
import { isEnded, type Run, type RunEvent } from '@switchyard/core/model';
import { errorFromResponse, isPermanent } from './errors';
import { SseParser } from './sse';
import type { RunStreamHandlers } from './SwitchyardApi';

export interface FollowOptions {
  /** Delay before reconnect attempt n is `min(base * 2^(n-1), max)`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export function followRun(
  runId: string,
  open: (signal: AbortSignal) => Promise<Response>,
  handlers: RunStreamHandlers,
  options: FollowOptions = {},
): () => void {
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 10000;
  const controller = new AbortController();
  let latest: Run | undefined;

  const loop = async () => {
    let attempt = 0;
    while (!controller.signal.aborted) {
      const versionBefore = latest?.version ?? -1;
      try {
        const response = await open(controller.signal);
        if (!response.ok) throw await errorFromResponse(response, `following run ${runId}`);
        if (!response.body) throw new Error('the browser gave no readable body for the event stream');
        await read(response.body, (event) => {
          if (event.event === 'run') {
            latest = JSON.parse(event.data) as Run;
            handlers.onRun(latest);
          } else if (event.event === 'log') {
            handlers.onLog?.(JSON.parse(event.data) as RunEvent);
          }
        });
        if (latest && isEnded(latest.status)) return;
        throw new Error(`the event stream of run ${runId} closed before the run finished`);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (isPermanent(error)) {
          handlers.onError?.(error as Error);
          return;
        }
        // A connection that brought news counts as healthy: start the backoff again.
        attempt = (latest?.version ?? -1) > versionBefore ? 1 : attempt + 1;
        handlers.onReconnecting?.(attempt, error instanceof Error ? error : new Error(String(error)));
        await sleep(Math.min(base * 2 ** (attempt - 1), max), controller.signal);
      }
    }
  };
  void loop();
  return () => controller.abort();
}

async function read(body: ReadableStream<Uint8Array>, onEvent: (e: { event: string; data: string }) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const event of parser.push(decoder.decode(value, { stream: true }))) onEvent(event);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * `GET /runs/:id/events`: server-sent events. `event: run` carries the whole Run (on connect and
 * after every change), `event: log` each RunEvent (step, log line, approval, run status). Changes
 * made in this process arrive at once through the run host; changes made by another replica are
 * picked up by polling the store. The stream ends once the run is terminal.
 */
import type { Request, Response } from 'express';
import { isEnded, type Run, type RunEvent } from '@switchyard/core';
import type { RunsService } from './runs-service';

export interface RunStreamOptions {
  runs: Pick<RunsService, 'get' | 'subscribe'>;
  pollMs?: number;
  heartbeatMs?: number;
}

export function streamRun(req: Request, res: Response, first: Run, options: RunStreamOptions): void {
  const { runs } = options;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  let closed = false;
  let version = 0;
  const write = (text: string) => {
    if (closed) return;
    res.write(text);
    // Behind the compression middleware nothing leaves until flushed.
    (res as Response & { flush?: () => void }).flush?.();
  };
  const send = (event: 'run' | 'log', data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const sendRun = (run: Run) => {
    if (run.version <= version) return;
    version = run.version;
    send('run', run);
    if (isEnded(run.status)) close();
  };

  // One change emits several events synchronously: their log lines go first, then one snapshot.
  let pending: Run | undefined;
  const unsubscribe = runs.subscribe((event: RunEvent, run: Run) => {
    if (run.id !== first.id || closed) return;
    send('log', event);
    if (pending && pending.version >= run.version) return;
    const schedule = !pending;
    pending = run;
    if (schedule) {
      setImmediate(() => {
        const latest = pending!;
        pending = undefined;
        sendRun(latest);
      });
    }
  });
  const poll = setInterval(() => {
    runs
      .get(first.id)
      .then(sendRun)
      .catch(() => undefined); // the next poll tries again; the client reconnects if we are gone
  }, options.pollMs ?? 1000);
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), options.heartbeatMs ?? 15000);

  function close() {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(poll);
    clearInterval(heartbeat);
    res.end();
  }
  req.on('close', close);
  sendRun(first);
}

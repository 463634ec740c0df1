import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pgBinDir, type PgServer } from './pg-server';

/**
 * A change-data-capture consumer standing in for Debezium or AWS DMS: `pg_recvlogical`, the
 * PostgreSQL client that streams a logical slot over the replication protocol (the slot is
 * active while it runs, and it confirms what it has written), decoding with `test_decoding`,
 * into a file. Its `events` inserts are read back from that file in stream order.
 */
export interface RecvLogicalConsumer {
  /** Ids of the `events` inserts streamed so far, in stream order. */
  ids(): number[];
  /** Resolves once the stream holds `id` and the commit that ends its transaction. */
  waitForCommitOf(id: number, timeoutMs?: number): Promise<void>;
  /** Stops the client (SIGINT: it flushes the file and confirms its position first). */
  stop(): Promise<void>;
}

const EVENT_INSERT = /^table public\.events: INSERT: id\[bigint\]:(\d+) /;

export async function startRecvLogical(server: PgServer, slot: string, file: string): Promise<RecvLogicalConsumer> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (pg_recvlogical)');
  const child = spawn(
    path.join(bin, 'pg_recvlogical'),
    [
      '-h',
      server.host,
      '-p',
      String(server.port),
      '-U',
      'postgres',
      '-d',
      'app',
      '--slot',
      slot,
      '--start',
      '-f',
      file,
      '-F',
      '0',
      '-s',
      '1',
      '--no-loop',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  const ids = () => eventIdsOf(lines());
  return {
    ids,
    waitForCommitOf: async (id, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = lines();
        const at = all.findIndex((line) => EVENT_INSERT.exec(line)?.[1] === String(id));
        if (at >= 0 && all.slice(at).some((line) => line.startsWith('COMMIT'))) return;
        if (child.exitCode !== null) throw new Error(`pg_recvlogical on ${server.name} exited (${child.exitCode}): ${stderr}`);
        if (Date.now() > deadline) throw new Error(`the stream from ${server.name} did not deliver event ${id} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** The ids of the `events` inserts among test_decoding output lines, in order. */
export function eventIdsOf(lines: readonly string[]): number[] {
  return lines.flatMap((line) => {
    const match = EVENT_INSERT.exec(line);
    return match ? [Number(match[1])] : [];
  });
}

/** What a change stream holds compared with what was committed: the exactly-once verdict. */
export interface StreamVerdict {
  committed: number;
  seen: number;
  /** Committed ids the stream never delivered. */
  missing: number[];
  /** Ids the stream delivered more than once. */
  duplicated: number[];
  /** Ids the stream delivered that were never committed. */
  unexpected: number[];
  /** sha256 of the sorted ids, of the commits and of the stream: equal when the stream is exact. */
  committedChecksum: string;
  streamChecksum: string;
}

export function streamVerdict(committed: readonly number[], stream: readonly number[]): StreamVerdict {
  const want = new Set(committed);
  const counts = new Map<number, number>();
  for (const id of stream) counts.set(id, (counts.get(id) ?? 0) + 1);
  const checksum = (ids: readonly number[]) =>
    createHash('sha256')
      .update([...ids].sort((a, b) => a - b).join(','))
      .digest('hex');
  return {
    committed: committed.length,
    seen: stream.length,
    missing: committed.filter((id) => !counts.has(id)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...counts.keys()].filter((id) => !want.has(id)),
    committedChecksum: checksum(committed),
    streamChecksum: checksum(stream),
  };
}

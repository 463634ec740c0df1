import type { BlueGreenPair } from './blue-green-pair';
import { waitFor } from './blue-green-pair';
import type { PgServer } from './pg-server';

/**
 * What an RDS Blue/Green switchover does to the databases themselves, for tests whose AWS side is
 * the simulator (which has no databases): once green has caught up, the Blue/Green replication
 * ends (the subscription and its slot on blue are dropped), green's sequences continue from
 * blue's (logical replication does not carry sequences — PostgreSQL docs, "Logical Replication
 * Restrictions"), and the old environment is read-only for applications (Aurora User Guide,
 * "Switching a blue/green deployment": the old environment stays read-only).
 */
export async function switchOverDatabases(pair: BlueGreenPair): Promise<void> {
  // Up to the last WAL record inserted: with synchronous_commit off (the test servers), a commit
  // can be inserted but not yet written, and pg_current_wal_lsn() would stop short of it.
  const [{ target }] = await pair.blue.exec('select pg_current_wal_insert_lsn()::text as target');
  await waitFor(
    async () => {
      const [row] = await pair.blue.exec(
        `select coalesce(bool_and(replay_lsn >= '${target as string}'::pg_lsn), false) as caught_up from pg_stat_replication where application_name = 'bg_sub'`,
      );
      return row.caught_up === true;
    },
    30_000,
    20,
  );
  await pair.green.exec('drop subscription bg_sub');
  await copySequences(pair.blue, pair.green);
  await pair.blue.exec('alter database app set default_transaction_read_only = on');
  await pair.blue.exec(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'app' and backend_type = 'client backend' and pid <> pg_backend_pid()`,
  );
}

/** Deleting the deployment lifts the old environment's read-only protection (Aurora User Guide, "Deleting a blue/green deployment"). */
export async function liftReadOnly(server: PgServer): Promise<void> {
  await server.exec('begin read write; alter database app reset default_transaction_read_only; commit');
}

/** Sets every sequence of `to` to at least where it is on `from`. */
export async function copySequences(from: PgServer, to: PgServer): Promise<void> {
  const sequences = await from.exec(`select schemaname, sequencename, last_value::text from pg_sequences where last_value is not null`);
  for (const s of sequences) {
    await to.exec(
      `select setval(format('%I.%I', '${s.schemaname as string}', '${s.sequencename as string}')::regclass, ${s.last_value as string})`,
    );
  }
}

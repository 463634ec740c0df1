/**
 * The run store's tables, as knex migrations kept in code (no migration files to ship or find).
 * Migrations run under knex's own migration lock, so replicas starting together apply them once.
 */
import { summarizeRollout, type Rollout } from '@switchyard/core';
import type { Knex } from 'knex';

export const TABLES = {
  runs: 'switchyard_runs',
  resources: 'switchyard_run_resources',
  locks: 'switchyard_locks',
  leases: 'switchyard_leases',
  rollouts: 'switchyard_rollouts',
} as const;

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: Record<string, Migration> = {
  '20261124_01_run_store': {
    async up(knex) {
      await knex.schema.createTable(TABLES.runs, (t) => {
        t.string('id', 64).primary();
        t.integer('version').notNullable();
        t.string('status', 32).notNullable().index();
        // Superseded by `target_key` (20261204_01); kept so no migration rewrites this table.
        t.string('scope', 255).notNullable().defaultTo('');
        // The catalog entity (database) the run was started from, for permissions and the entity's run list.
        t.string('entity_ref', 255).nullable().index();
        t.string('created_at', 32).notNullable().index();
        t.string('updated_at', 32).notNullable();
        // The RunSummary (lists read only this) and the whole Run, both JSON.
        t.text('summary', 'longtext').notNullable();
        t.text('body', 'longtext').notNullable();
      });
      // Resource ids a run is about (param values, lock key suffixes): `list({ resource })`.
      await knex.schema.createTable(TABLES.resources, (t) => {
        t.string('run_id', 64).notNullable().references('id').inTable(TABLES.runs).onDelete('CASCADE');
        t.string('resource', 512).notNullable().index();
        t.primary(['run_id', 'resource']);
      });
      // One row per held key: the primary key is what makes two runs never hold one key.
      await knex.schema.createTable(TABLES.locks, (t) => {
        t.string('key', 512).primary();
        t.string('run_id', 64).notNullable().index();
        t.bigInteger('acquired_at').notNullable();
      });
      await knex.schema.createTable(TABLES.leases, (t) => {
        t.string('run_id', 64).primary();
        t.string('owner', 255).notNullable();
        t.bigInteger('expires_at').notNullable();
      });
    },
    async down(knex) {
      for (const table of [TABLES.leases, TABLES.locks, TABLES.resources, TABLES.runs]) await knex.schema.dropTableIfExists(table);
    },
  },
  /**
   * The run's target key (which engine drives it: `<account>:<region>`) gets a column of that name;
   * the `scope` column it replaces is left in place, unused, so the migration never rewrites the runs table.
   */
  '20261204_01_run_target_key': {
    async up(knex) {
      await knex.schema.alterTable(TABLES.runs, (t) => {
        t.string('target_key', 255).notNullable().defaultTo('');
      });
      await knex(TABLES.runs).update({ target_key: knex.ref('scope') });
    },
    async down(knex) {
      await knex.schema.alterTable(TABLES.runs, (t) => {
        t.dropColumn('target_key');
      });
    },
  },
  /**
   * Rollouts (core rollout/rollout.ts): the whole record as JSON, compare-and-set on `version`.
   * Their lease is a row of the leases table keyed by the rollout id (ids never collide with run ids).
   */
  '20261205_01_rollouts': {
    async up(knex) {
      await knex.schema.createTable(TABLES.rollouts, (t) => {
        t.string('id', 64).primary();
        t.integer('version').notNullable();
        t.string('status', 32).notNullable().index();
        t.string('created_at', 32).notNullable().index();
        t.string('updated_at', 32).notNullable();
        t.text('summary', 'longtext').notNullable();
        t.text('body', 'longtext').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists(TABLES.rollouts);
    },
  },
  /**
   * Rollout lists read only what they show (issue 15): the summary gains the runbook, and an
   * `access` column holds what the backend checks to list a rollout (its clusters' entity refs),
   * so neither needs the whole record. Existing rows are filled from their bodies, a batch at a time.
   */
  '20261205_02_rollout_list': {
    async up(knex) {
      await knex.schema.alterTable(TABLES.rollouts, (t) => {
        t.text('access', 'longtext').nullable();
        t.index(['created_at', 'id'], 'switchyard_rollouts_newest');
      });
      let after = '';
      for (;;) {
        const rows: Array<{ id: string; body: string }> = await knex(TABLES.rollouts)
          .where('id', '>', after)
          .orderBy('id')
          .limit(100)
          .select('id', 'body');
        if (!rows.length) break;
        for (const row of rows) {
          const rollout = JSON.parse(row.body) as Rollout;
          await knex(TABLES.rollouts)
            .where({ id: row.id })
            .update({ summary: JSON.stringify(summarizeRollout(rollout)), access: JSON.stringify(rolloutAccess(rollout)) });
        }
        after = rows[rows.length - 1].id;
      }
    },
    async down(knex) {
      await knex.schema.alterTable(TABLES.rollouts, (t) => {
        t.dropIndex(['created_at', 'id'], 'switchyard_rollouts_newest');
        t.dropColumn('access');
      });
    },
  },
};

/** What listing a rollout checks: the entity refs of its clusters, and whether a cluster has none (services only may see it then). */
export interface RolloutAccess {
  entityRefs: string[];
  withoutEntity: boolean;
}

export function rolloutAccess(rollout: Rollout): RolloutAccess {
  const refs = rollout.clusters.flatMap((c) => (c.entityRef ? [c.entityRef] : []));
  return { entityRefs: [...new Set(refs)].sort(), withoutEntity: refs.length < rollout.clusters.length };
}

/** The migrations as knex reads them, and the table knex records them in. */
export const MIGRATIONS_TABLE = 'switchyard_knex_migrations';
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name],
};

/**
 * Applies the migrations. Replicas starting together on a fresh database race to create knex's own
 * bookkeeping tables, or find its lock taken: such an attempt is retried (the next one sees the
 * tables, or waits for the lock), so every replica starts.
 */
export async function migrateRunStore(knex: Knex, attempts = 20): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ migrationSource, tableName: MIGRATIONS_TABLE });
      return;
    } catch (error) {
      if (attempt >= attempts) {
        throw new Error(
          `Switchyard: migrating the run store failed ${attempts} times: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 200));
    }
  }
}

import { type Kysely, sql } from 'kysely';
import type { ReadDialect, UntypedDatabase } from './read-database';

/**
 * The read database's own schema: the registry of projection generations and their checkpoints.
 *
 * A small numbered list and a `read_schema_migrations` table rather than Kysely's Migrator, because:
 * projection tables are never migrated in place (a changed projection bumps its `version` and is rebuilt
 * into new tables), so this registry is the only schema that migrates; each step and its version row
 * must commit together on SQLite too, where Kysely's adapter declares no transactional DDL and Migrator
 * would run steps outside a transaction; and two processes starting together (API replicas, the CLI) must
 * not both apply a step, which one `BEGIN IMMEDIATE` (SQLite) or advisory lock (PostgreSQL) settles.
 */
const migrations: ((db: Kysely<UntypedDatabase>) => Promise<void>)[] = [
  async (db) => {
    await db.schema
      .createTable('projection_generations')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('generation', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      // 'live' (the views point at its tables) or 'building' (a rebuild in progress).
      .addColumn('state', 'text', (c) => c.notNull())
      // The opaque store position of the last event applied; null before the first.
      .addColumn('position', 'text')
      .addColumn('events_read', 'bigint', (c) => c.notNull().defaultTo(0))
      // JSON: logical table name → physical table name of this generation.
      .addColumn('tables', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('projection_generations_pk', ['name', 'generation'])
      .execute();
  },
];

const LOCK_ID = 7_340_211;

export async function migrateReadSchema(db: Kysely<UntypedDatabase>, dialect: ReadDialect): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCK_ID})`.execute(conn);
      await conn.schema
        .createTable('read_schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const { rows } = await sql<{ version: number | null }>`
        select max(version) as version from read_schema_migrations`.execute(conn);
      for (let version = (rows[0]?.version ?? 0) + 1; version <= migrations.length; version++) {
        await migrations[version - 1](conn);
        await sql`insert into read_schema_migrations (version, applied_at)
                  values (${version}, ${new Date().toISOString()})`.execute(conn);
      }
      await sql.raw('commit').execute(conn);
    } catch (error) {
      await sql.raw('rollback').execute(conn);
      throw error;
    }
  });
}

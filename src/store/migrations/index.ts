import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './0001-configuration.js';
import * as m0002 from './0002-lake.js';
import * as m0003 from './0003-directory.js';
import * as m0004 from './0004-engine.js';
import * as m0005 from './0005-console.js';
import * as m0006 from './0006-engine-stamps.js';
import * as m0007 from './0007-lake-compact.js';
import * as m0008 from './0008-role-session-key.js';

/** Migrations in order. Add new modules here; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001-configuration': m0001,
  '0002-lake': m0002,
  '0003-directory': m0003,
  '0004-engine': m0004,
  '0005-console': m0005,
  '0006-engine-stamps': m0006,
  '0007-lake-compact': m0007,
  '0008-role-session-key': m0008,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Migrates to the latest version. `schema` names the PostgreSQL schema that holds the migration tables: Kysely
 * otherwise looks for them in every schema of the database, so a store in a fresh schema beside another store's
 * schema would think its tables existed and fail.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

/** Migrates up (or down) to the named migration: for tests of a migration over a store that predates it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function migrateTo(db: Kysely<any>, name: string, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateTo(name);
  if (error) throw new Error(`database migration to ${name} failed: ${String(error)}`, { cause: error });
}

import { sql } from 'kysely';
import type { Store } from './database.js';
import type { Schema } from './schema.js';
import { LAKE_TABLES } from './repositories/lake-rows.js';

type Table = keyof Schema & string;

/** The tables a roster load rewrites: the lake's, and `lakes` (a flow's first load adds its lake). */
export const LAKE_TABLES_STATISTICS: readonly Table[] = ['lakes', ...LAKE_TABLES];

/** The tables a run's apply writes and the next run's plan reads. */
export const RUN_TABLES_STATISTICS: readonly Table[] = [
  'links', 'directory_users', 'directory_license_assignments', 'apply_journal',
]; // prettier-ignore

/**
 * Refreshes PostgreSQL's planner statistics of `tables` after a bulk change. Without them PostgreSQL plans a table
 * it never analyzed as a few hundred rows: a 100 k-person re-run planned the departed-people anti-join as a nested
 * loop and spent 470 s on it. Autovacuum analyzes only after a delay, and may be off (as on the CI machine).
 * SQLite keeps no statistics unless asked and plans by its own rules, which the benchmarks measure: nothing to do.
 */
export async function refreshStatistics(store: Store, tables: readonly Table[]): Promise<void> {
  if (store.traits.name !== 'postgres' || tables.length === 0) return;
  await sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(', ')}`).execute(store.db);
}

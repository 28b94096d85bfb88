import { sql, type Kysely } from 'kysely';
import { traitsOf } from '../database.js';

const LAKE_TABLES = ['lake_orgs', 'lake_people', 'lake_roles', 'lake_relationships', 'lake_records'] as const;

/**
 * A smaller, faster lake (docs/benchmarks.md, import). The `*_seen` indexes (flow_id, load_seq) go: they only
 * served the end-of-load deactivation, which now scans the flow's rows once, and they were a fifth of the store.
 * On SQLite each lake table becomes a WITHOUT ROWID table clustered on its primary key, so a row is stored once,
 * in key order, instead of once in the table and again in the key's index. The engine reads people in that
 * order (sourcedId), on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of LAKE_TABLES) await db.schema.dropIndex(`${t}_seen`).ifExists().execute();
  if (traitsOf(db).name !== 'sqlite') return;
  for (const t of LAKE_TABLES) {
    const { rows } = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = ${t}`.execute(db);
    const create = rows[0]?.sql;
    if (create === undefined) throw new Error(`lake table ${t} is missing`);
    await sql`alter table ${sql.table(t)} rename to ${sql.table(`${t}_rowid`)}`.execute(db);
    await sql.raw(`${create} without rowid`).execute(db);
    await sql`insert into ${sql.table(t)} select * from ${sql.table(`${t}_rowid`)}`.execute(db);
    await sql`drop table ${sql.table(`${t}_rowid`)}`.execute(db);
  }
  // Dropped with the old table.
  await db.schema.createIndex('lake_roles_user').on('lake_roles').columns(['flow_id', 'user_sourced_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of LAKE_TABLES) {
    await db.schema.createIndex(`${t}_seen`).ifNotExists().on(t).columns(['flow_id', 'load_seq']).execute();
  }
}

import { sql, type Kysely } from 'kysely';
import { traitsOf } from '../database.js';

type Column = [name: string, type: 'text' | 'integer', notNull: boolean];

/** The lake tables after this migration: their own columns (after lake_id, active, load_seq) and key. */
const TABLES: Record<string, { columns: Column[]; key: string[] }> = {
  lake_orgs: {
    columns: [
      ['sourced_id', 'text', true],
      ['name', 'text', true],
      ['type', 'text', true],
      ['parent_sourced_id', 'text', false],
      ['identifier', 'text', false],
    ],
    key: ['sourced_id'],
  },
  lake_people: {
    columns: [
      ['sourced_id', 'text', true],
      ['username', 'text', true],
      ['given_name', 'text', false],
      ['family_name', 'text', false],
      ['middle_name', 'text', false],
      ['email', 'text', false],
      ['phone', 'text', false],
      ['sms', 'text', false],
      ['ad_match_id', 'text', false],
      ['user_number', 'text', false],
      ['password', 'text', false],
      ['enabled_user', 'integer', false],
      ['is_contact', 'integer', false],
    ],
    key: ['sourced_id'],
  },
  lake_roles: {
    columns: [
      ['role_key', 'text', true],
      ['user_sourced_id', 'text', true],
      ['org_sourced_id', 'text', true],
      ['role', 'text', true],
      ['session_sourced_id', 'text', false],
      ['grade', 'text', false],
      ['is_primary', 'integer', false],
      ['start_date', 'text', false],
      ['end_date', 'text', false],
    ],
    key: ['role_key'],
  },
  lake_relationships: {
    columns: [
      ['rel_key', 'text', true],
      ['user_sourced_id', 'text', true],
      ['related_sourced_id', 'text', true],
      ['relationship_role', 'text', true],
    ],
    key: ['rel_key'],
  },
  lake_records: {
    columns: [
      ['entity', 'text', true],
      ['record_key', 'text', true],
      ['data', 'text', true],
    ],
    key: ['entity', 'record_key'],
  },
};

/**
 * A smaller, faster lake (docs/benchmarks.md, import):
 * - Each inbound flow's lake gets a small integer id (`lakes`), which replaces the 36-character flow id that every
 *   row and index entry carried (a quarter of the store).
 * - The `*_seen` indexes (flow_id, load_seq) go: they only served the end-of-load deactivation, which now passes
 *   over the lake's rows once instead of keeping an index up to date for every row written.
 * - On SQLite each lake table is a WITHOUT ROWID table clustered on its key, so a row is stored once, in key order,
 *   instead of once in the table and again in the key's index. The engine reads people in that order (sourcedId).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = traitsOf(db).name === 'sqlite';
  await db.schema
    .createTable('lakes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull().unique())
    .execute();
  const flows = Object.keys(TABLES)
    .map((t) => `select flow_id from ${t}`)
    .join(' union ');
  await sql
    .raw(`insert into lakes (id, flow_id) select row_number() over (order by flow_id), flow_id from (${flows}) f`)
    .execute(db);
  for (const [table, { columns, key }] of Object.entries(TABLES)) {
    const next = `${table}_v7`;
    let create = db.schema
      .createTable(next)
      .addColumn('lake_id', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('load_seq', 'integer', (c) => c.notNull());
    for (const [name, type, notNull] of columns)
      create = create.addColumn(name, type, (c) => (notNull ? c.notNull() : c));
    create = create.addPrimaryKeyConstraint(`${table}_key`, ['lake_id', ...key] as never);
    await (sqlite ? create.modifyEnd(sql`without rowid`) : create).execute();
    const names = ['active', 'load_seq', ...columns.map(([name]) => name)];
    await sql
      .raw(
        `insert into ${next} (lake_id, ${names.join(', ')}) ` +
          `select l.id, ${names.map((n) => `o.${n}`).join(', ')} from ${table} o join lakes l on l.flow_id = o.flow_id`,
      )
      .execute(db);
    await db.schema.dropTable(table).execute(); // with its indexes (`*_seen`, `lake_roles_user`)
    await db.schema.alterTable(next).renameTo(table).execute();
  }
  await db.schema.createIndex('lake_roles_user').on('lake_roles').columns(['lake_id', 'user_sourced_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('migration 0007-lake-compact cannot be undone: restore the store from a backup taken before it');
}

import { sql, type Kysely } from 'kysely';

/** Configuration entities (flow sets, flows, reference data, ...) as typed JSON documents, plus auth keys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('documents_pk', ['collection', 'id'])
    .execute();
  await db.schema.createIndex('documents_parent').on('documents').columns(['collection', 'parent_id']).execute();
  // "A flow set holds at most one flow of each type" enforced by the database, so concurrent creates cannot race.
  await db.schema
    .createIndex('documents_one_flow_per_type')
    .on('documents')
    .columns(['parent_id', 'type'])
    .unique()
    .where(sql.ref('collection'), '=', 'provisioningFlows')
    .execute();
  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('settings').execute();
  await db.schema.dropTable('signing_keys').execute();
  await db.schema.dropTable('documents').execute();
}

import type { Kysely } from 'kysely';

const LAKE_TABLES = ['lake_orgs', 'lake_people', 'lake_roles', 'lake_relationships', 'lake_records'] as const;

/** The inbound lake: one current data set per inbound flow, plus load history and findings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inbound_loads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('load_seq', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('inbound_loads_flow').on('inbound_loads').columns(['flow_id', 'load_seq']).execute();
  await db.schema
    .createTable('inbound_findings')
    .addColumn('load_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbound_findings_pk', ['load_id', 'seq'])
    .execute();

  const lake = (name: (typeof LAKE_TABLES)[number]) =>
    db.schema
      .createTable(name)
      .addColumn('flow_id', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('load_seq', 'integer', (c) => c.notNull());
  await lake('lake_orgs')
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_sourced_id', 'text')
    .addColumn('identifier', 'text')
    .addPrimaryKeyConstraint('lake_orgs_pk', ['flow_id', 'sourced_id'])
    .execute();
  await lake('lake_people')
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('sms', 'text')
    .addColumn('ad_match_id', 'text')
    .addColumn('user_number', 'text')
    .addColumn('password', 'text')
    .addColumn('enabled_user', 'integer')
    .addColumn('is_contact', 'integer')
    .addPrimaryKeyConstraint('lake_people_pk', ['flow_id', 'sourced_id'])
    .execute();
  await lake('lake_roles')
    .addColumn('role_key', 'text', (c) => c.notNull())
    .addColumn('user_sourced_id', 'text', (c) => c.notNull())
    .addColumn('org_sourced_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('session_sourced_id', 'text')
    .addColumn('grade', 'text')
    .addColumn('is_primary', 'integer')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addPrimaryKeyConstraint('lake_roles_pk', ['flow_id', 'role_key'])
    .execute();
  await db.schema.createIndex('lake_roles_user').on('lake_roles').columns(['flow_id', 'user_sourced_id']).execute();
  await lake('lake_relationships')
    .addColumn('rel_key', 'text', (c) => c.notNull())
    .addColumn('user_sourced_id', 'text', (c) => c.notNull())
    .addColumn('related_sourced_id', 'text', (c) => c.notNull())
    .addColumn('relationship_role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lake_relationships_pk', ['flow_id', 'rel_key'])
    .execute();
  await lake('lake_records')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lake_records_pk', ['flow_id', 'entity', 'record_key'])
    .execute();
  for (const t of LAKE_TABLES) {
    await db.schema.createIndex(`${t}_seen`).on(t).columns(['flow_id', 'load_seq']).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [...LAKE_TABLES, 'inbound_findings', 'inbound_loads']) await db.schema.dropTable(t).execute();
}

import type { Kysely } from 'kysely';

/** The engine's own state: person ↔ account links, per-person results of every run, the apply journal. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('links')
    .addColumn('source_system_id', 'text', (c) => c.notNull())
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role_group', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('links_pk', ['source_system_id', 'sourced_id'])
    .execute();
  // Never two roster people on one account (spec §2.4 [rec]).
  await db.schema.createIndex('links_account').on('links').column('account_id').unique().execute();
  await db.schema
    .createTable('run_results')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('role_group', 'text')
    .addColumn('role', 'text')
    .addColumn('rule', 'text')
    .addColumn('candidate_ids', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('planned_upn', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addPrimaryKeyConstraint('run_results_pk', ['run_id', 'seq'])
    .execute();
  await db.schema
    .createTable('apply_journal')
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('upn', 'text')
    .addColumn('account_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('apply_journal_pk', ['run_id', 'flow_id', 'sourced_id', 'action'])
    .execute();
  await db.schema
    .createTable('conflict_resolutions')
    .addColumn('source_system_id', 'text', (c) => c.notNull())
    .addColumn('sourced_id', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('resolved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conflict_resolutions_pk', ['source_system_id', 'sourced_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['conflict_resolutions', 'apply_journal', 'run_results', 'links'])
    await db.schema.dropTable(t).execute();
}

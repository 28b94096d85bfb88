import type { Kysely } from 'kysely';

/**
 * The embedded directory: accounts, licence SKUs and licence assignments.
 * Case-insensitive lookups use stored lower-case copies (`upn_lower`, `mail_lower`, `anchor_lower`) rather than
 * expression indexes, which Kysely's schema builder and SQLite handle awkwardly. Booleans are 0/1 integers on both
 * databases so one query works everywhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('upn', 'text', (c) => c.notNull())
    .addColumn('upn_lower', 'text', (c) => c.notNull())
    .addColumn('mail', 'text')
    .addColumn('mail_lower', 'text')
    .addColumn('mail_nickname', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('account_enabled', 'integer', (c) => c.notNull())
    .addColumn('usage_location', 'text')
    .addColumn('age_group', 'text')
    .addColumn('consent_provided_for_minor', 'text')
    .addColumn('employee_id', 'text')
    .addColumn('anchor', 'text')
    .addColumn('anchor_lower', 'text')
    .addColumn('grade', 'text')
    .addColumn('user_number', 'text')
    .addColumn('related_contacts', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('force_change_password', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  // Entra: the UPN is unique case-insensitively; the database enforces it so concurrent creates cannot race.
  await db.schema.createIndex('directory_users_upn').on('directory_users').column('upn_lower').unique().execute();
  await db.schema.createIndex('directory_users_mail').on('directory_users').column('mail_lower').execute();
  await db.schema.createIndex('directory_users_anchor').on('directory_users').column('anchor_lower').execute();
  await db.schema.createIndex('directory_users_employee_id').on('directory_users').column('employee_id').execute();

  await db.schema
    .createTable('directory_skus')
    .addColumn('sku_id', 'text', (c) => c.primaryKey())
    .addColumn('sku_part_number', 'text', (c) => c.notNull().unique())
    .addColumn('enabled_units', 'integer', (c) => c.notNull())
    .addColumn('consumed_units', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // No cascades: deleting a user must also give its seats back, which the repository does in one transaction.
  await db.schema
    .createTable('directory_license_assignments')
    .addColumn('user_id', 'text', (c) => c.notNull().references('directory_users.id'))
    .addColumn('sku_id', 'text', (c) => c.notNull().references('directory_skus.sku_id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('directory_license_assignments_pk', ['user_id', 'sku_id'])
    .execute();
  await db.schema
    .createIndex('directory_license_assignments_sku')
    .on('directory_license_assignments')
    .column('sku_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('directory_license_assignments').execute();
  await db.schema.dropTable('directory_skus').execute();
  await db.schema.dropTable('directory_users').execute();
}

import type { Kysely } from 'kysely';

/**
 * What lets a re-run skip people whose account is as the engine last left it: every embedded account gets a row
 * version that each update raises, and each link remembers the fingerprint of the attributes last confirmed on the
 * account and the account's version at that moment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('directory_users')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('links').addColumn('fingerprint', 'text').execute();
  await db.schema.alterTable('links').addColumn('account_stamp', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('links').dropColumn('account_stamp').execute();
  await db.schema.alterTable('links').dropColumn('fingerprint').execute();
  await db.schema.alterTable('directory_users').dropColumn('version').execute();
}

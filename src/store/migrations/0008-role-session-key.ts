import { sql, type Kysely } from 'kysely';

const SEP = '\u001f';

/** A role key made of parts (roles without a sourcedId), before and after this migration. */
const threePart = sql`user_sourced_id || ${SEP} || org_sourced_id || ${SEP} || role`;
const fourPart = sql`${threePart} || ${SEP} || coalesce(session_sourced_id, '')`;

/**
 * Roles without a sourcedId (SDS v2.1, OneRoster 1.1) are keyed by user, org, role and session, as the readers
 * tell them apart: until now the lake keyed them without the session, so two roles of one person at one school in
 * two sessions became one row (docs/decisions.md, "Role keys"). Keys of roles with a sourcedId do not change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update lake_roles set role_key = ${fourPart} where role_key = ${threePart}`.execute(db);
}

/** Back to three-part keys, unless two roles differ only in their session: those cannot share one key again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const clash = await sql<{ n: number }>`
    select count(*) as n from (
      select 1 from (select lake_id, ${threePart} as k from lake_roles where role_key = ${fourPart}) parts
      group by lake_id, k having count(*) > 1
    ) clashes`.execute(db);
  if (Number(clash.rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'migration 0008-role-session-key cannot be undone: the lake holds roles that differ only in their session',
    );
  }
  await sql`update lake_roles set role_key = ${threePart} where role_key = ${fourPart}`.execute(db);
}

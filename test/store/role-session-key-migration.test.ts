/**
 * Migration 0008 over a store whose lake holds roles keyed without their session: keys made of parts gain the
 * session (empty when none), sourcedId keys stay, and going back refuses to merge roles that only the session
 * tells apart. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openStore } from '../../src/store/database.js';
import { migrateTo } from '../../src/store/migrations/index.js';
import { storeVariants } from '../support/stores.js';

const S = '\u001f';

/** A lake_roles row before 0008: key, user, org, role, session. */
const OLD_ROLES: [string, string, string, string, string | null][] = [
  [`p1${S}org-1${S}teacher`, 'p1', 'org-1', 'teacher', 'sy-2025'],
  [`p2${S}org-1${S}student`, 'p2', 'org-1', 'student', null],
  ['role-77', 'p3', 'org-1', 'student', 'sy-2025'], // a OneRoster 1.2 role: its sourcedId is its key
];

for (const variant of storeVariants()) {
  describe(`migration 0008 on ${variant.name}`, () => {
    it('adds the session to keys made of parts, keeps sourcedId keys, and goes back only without a clash', async () => {
      const url = variant.url();
      const store = await openStore(url);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema as of a past migration
      const db = store.db as unknown as Kysely<any>;
      const schema = (store.location.kind === 'postgres' && store.location.schema) || undefined;
      const keys = async () =>
        (await sql<{ role_key: string }>`select role_key from lake_roles order by role_key`.execute(db)).rows.map(
          (r) => r.role_key,
        );
      try {
        await migrateTo(db, '0007-lake-compact', schema);
        await sql`insert into lakes (id, flow_id) values (1, 'flow-1')`.execute(db);
        for (const [key, user, org, role, session] of OLD_ROLES) {
          await sql`insert into lake_roles (lake_id, active, load_seq, role_key, user_sourced_id, org_sourced_id, role,
            session_sourced_id) values (1, 1, 1, ${key}, ${user}, ${org}, ${role}, ${session})`.execute(db);
        }
        await migrateTo(db, '0008-role-session-key', schema);
        assert.deepEqual(await keys(), [`p1${S}org-1${S}teacher${S}sy-2025`, `p2${S}org-1${S}student${S}`, 'role-77']);

        await migrateTo(db, '0007-lake-compact', schema);
        assert.deepEqual(await keys(), OLD_ROLES.map((r) => r[0]).sort());

        await migrateTo(db, '0008-role-session-key', schema);
        await sql`insert into lake_roles (lake_id, active, load_seq, role_key, user_sourced_id, org_sourced_id, role,
          session_sourced_id) values (1, 1, 2, ${`p1${S}org-1${S}teacher${S}sy-2026`}, 'p1', 'org-1', 'teacher',
          'sy-2026')`.execute(db);
        await assert.rejects(migrateTo(db, '0007-lake-compact', schema), /differ only in their session/);
        assert.equal((await keys()).length, 4, 'nothing was changed');
      } finally {
        await store.close();
        await variant.cleanup(url);
      }
    });
  });
}

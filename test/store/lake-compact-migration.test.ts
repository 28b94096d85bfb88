/**
 * Migration 0007 over a SQLite store that already holds a lake: every row survives under its lake's small id, the
 * `*_seen` indexes are gone, the lake tables are clustered on their keys (WITHOUT ROWID) and the role lookup index
 * is back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openStore } from '../../src/store/database.js';
import { migrateTo } from '../../src/store/migrations/index.js';

const ROWS: Record<string, string> = {
  lake_orgs: `('flow-1', 1, 3, 'org-1', 'North', 'school', null, 'N1')`,
  lake_people: `('flow-1', 1, 3, 'p-2', 'b@x.edu', 'Bea', 'B', null, null, null, null, null, null, null, null, 0),
    ('flow-1', 0, 2, 'p-1', 'a@x.edu', 'Al', 'A', null, null, null, null, null, null, 'sealed', 1, 0),
    ('flow-0', 1, 1, 'p-3', 'c@x.edu', 'Cy', 'C', null, null, null, null, null, null, null, null, 0)`,
  lake_roles: `('flow-1', 1, 3, 'p-2/org-1/student', 'p-2', 'org-1', 'student', null, '05', 1, null, null)`,
  lake_relationships: `('flow-1', 1, 3, 'p-2/p-9', 'p-2', 'p-9', 'guardian')`,
  lake_records: `('flow-1', 1, 3, 'classes', 'c-1', '{"sourcedId":"c-1"}')`,
};

test('migration 0007 keeps every lake row under a lake id and rebuilds the tables WITHOUT ROWID, without *_seen', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-0007-'));
  try {
    const file = path.join(dir, 'rosterlink.db');
    const before = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
    await migrateTo(before, '0006-engine-stamps');
    const rowsOf = async (db: Kysely<unknown>) => {
      const out: Record<string, unknown[]> = {};
      for (const t of Object.keys(ROWS)) {
        out[t] = (await sql`select * from ${sql.table(t)} order by 4`.execute(db)).rows;
      }
      return out;
    };
    for (const [t, values] of Object.entries(ROWS)) await sql.raw(`insert into ${t} values ${values}`).execute(before);
    // Lakes are numbered in flow id order: flow-0 → 1, flow-1 → 2.
    const lakeIds: Record<string, number> = { 'flow-0': 1, 'flow-1': 2 };
    const expected = Object.fromEntries(
      Object.entries(await rowsOf(before)).map(([t, rows]) => [
        t,
        rows.map((row) => {
          const { flow_id: flowId, ...rest } = row as Record<string, unknown>;
          return { lake_id: lakeIds[flowId as string], ...rest };
        }),
      ]),
    );
    assert.equal(expected.lake_people.length, 3);
    await before.destroy();

    const store = await openStore(`sqlite:${file}`);
    try {
      assert.deepEqual(await rowsOf(store.db as Kysely<unknown>), expected);
      assert.deepEqual(await store.db.selectFrom('lakes').selectAll().orderBy('id').execute(), [
        { id: 1, flow_id: 'flow-0' },
        { id: 2, flow_id: 'flow-1' },
      ]);
      const schema = (
        await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master where tbl_name like 'lake_%'`.execute(store.db)
      ).rows;
      for (const t of Object.keys(ROWS)) {
        const table = schema.find((s) => s.type === 'table' && s.name === t);
        assert.match(table?.sql ?? '', /without rowid$/i, t);
      }
      assert.deepEqual(
        schema.filter((s) => s.name.endsWith('_seen')),
        [],
      );
      assert.ok(schema.some((s) => s.type === 'index' && s.name === 'lake_roles_user'));
      assert.deepEqual(
        schema.filter((s) => s.name.endsWith('_rowid')),
        [],
        'no table left behind',
      );
    } finally {
      await store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The lake through loadRoster, on SQLite (in memory: one connection, in-thread writer; file: the writer thread)
 * and PostgreSQL: full-set semantics, re-activation, atomic catastrophic loads, OneRoster deltas and sealed
 * per-row passwords.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { loadRoster, type LoadResult } from '../../src/ingest/load-roster.js';
import { SecretBox } from '../../src/lib/secrets.js';
import { openStore, type Store } from '../../src/store/database.js';
import { lakeOf, LakeRepository } from '../../src/store/repositories/lake.js';
import { deriveRoster, mentionsUser, readRows, tempFolder, type Row } from '../support/roster-files.js';
import { storeVariants } from '../support/stores.js';

const TABLES = ['lake_orgs', 'lake_people', 'lake_roles', 'lake_relationships', 'lake_records'] as const;

const work = tempFolder('rosterlink-lake-');
const sds = path.join(work.dir, 'sds');
const oneRoster = path.join(work.dir, 'or11');
after(() => work.cleanup());

const variants = [
  ...storeVariants(),
  {
    name: 'sqlite file (writer thread)',
    url: () => `sqlite:${path.join(work.dir, `db-${randomBytes(4).toString('hex')}`, 'lake.db')}`,
    cleanup: async () => {},
  },
];

before(async () => {
  await generateDistrict({ persons: 300, schools: 3, out: sds, format: 'sds-v2.1', seed: 1 });
  await generateDistrict({ persons: 300, schools: 3, out: oneRoster, format: 'oneroster-1.1', seed: 1 });
});

/** The file's data rows. */
const rowsOf = (dir: string, file: string) => readRows(dir, file).length;

/** The staff member with the most roles (several schools): the person the removal tests take out. */
function personWithMostRoles(dir: string): { id: string; roles: number } {
  const byUser = new Map<string, number>();
  for (const r of readRows(dir, 'roles.csv')) byUser.set(r.userSourcedId, (byUser.get(r.userSourcedId) ?? 0) + 1);
  const [id, roles] = [...byUser].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return { id, roles };
}

for (const variant of variants) {
  describe(`lake on ${variant.name}`, () => {
    let store: Store;
    let url: string;
    const box = SecretBox.fromKey(randomBytes(32));
    const flowId = `flow-${randomBytes(4).toString('hex')}`;
    const load = (dir: string, flow = flowId) => loadRoster(store, box, { flowId: flow, path: dir });
    const counts = (flow = flowId) => new LakeRepository(store.db).counts(flow);
    const person = (id: string, flow = flowId) =>
      store.db
        .selectFrom('lake_people')
        .selectAll()
        .where('lake_id', '=', lakeOf(flow))
        .where('sourced_id', '=', id)
        .executeTakeFirstOrThrow();
    const rolesOf = (id: string, flow = flowId) =>
      store.db
        .selectFrom('lake_roles')
        .select(['active', 'load_seq'])
        .where('lake_id', '=', lakeOf(flow))
        .where('user_sourced_id', '=', id)
        .execute();
    /** Every lake row of the flow, ordered: what "untouched" is checked against. */
    const snapshot = async (flow = flowId) => {
      const out: Record<string, unknown[]> = {};
      for (const t of TABLES) {
        const { rows } = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(t)} where lake_id = ${lakeOf(flow)}`.execute(store.db);
        out[t] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };
    const loadRow = (id: string) =>
      store.db.selectFrom('inbound_loads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    before(async () => {
      url = variant.url();
      store = await openStore(url);
    });
    after(async () => {
      await store.close();
      await variant.cleanup(url);
    });

    const removed = () => personWithMostRoles(sds);
    let full: LoadResult;

    it('loads a generated district with the counts of its files', async () => {
      full = await load(sds);
      assert.equal(full.catastrophic, null);
      assert.equal(full.format, 'sds-v2.1');
      assert.equal(full.mode, 'bulk');
      assert.equal(full.errors, 0, JSON.stringify(full.findings.slice(0, 3)));
      assert.deepEqual(full.counts, {
        people: { active: rowsOf(sds, 'users.csv'), inactive: 0 },
        orgs: { active: rowsOf(sds, 'orgs.csv'), inactive: 0 },
        roles: { active: rowsOf(sds, 'roles.csv'), inactive: 0 },
        relationships: { active: rowsOf(sds, 'relationships.csv'), inactive: 0 },
        groups: { active: rowsOf(sds, 'classes.csv'), inactive: 0 },
        memberships: { active: rowsOf(sds, 'enrollments.csv'), inactive: 0 },
      });
      const row = await loadRow(full.loadId);
      assert.equal(row.status, 'completed');
      assert.equal(row.load_seq, 1);
      assert.equal(row.format, 'sds-v2.1');
      assert.ok(removed().roles >= 2, 'the district has a person with roles in two schools');
    });

    it('a re-import without one person makes that person and their roles inactive', async () => {
      const { id, roles } = removed();
      const without = deriveRoster(sds, work.dir, `without-${id}`, { drop: (f, r) => mentionsUser(f, r, id) });
      const res = await load(without);
      assert.equal(res.errors, 0, JSON.stringify(res.findings.slice(0, 3)));
      assert.deepEqual(res.counts.people, { active: full.counts.people.active - 1, inactive: 1 });
      assert.deepEqual(res.counts.roles, { active: full.counts.roles.active - roles, inactive: roles });
      assert.equal(res.counts.orgs.inactive, 0);
      const p = await person(id);
      assert.equal(p.active, 0);
      assert.equal(p.load_seq, 1, 'an unseen record keeps the load that last saw it');
      assert.deepEqual(
        (await rolesOf(id)).map((r) => r.active),
        Array(roles).fill(0),
      );
      const other = await person(readRows(without, 'users.csv')[0].sourcedId);
      assert.deepEqual([other.active, other.load_seq], [1, 2]);
    });

    it('adding the person back makes them and their roles active again', async () => {
      const { id } = removed();
      const res = await load(sds);
      assert.deepEqual(res.counts, full.counts);
      assert.equal((await person(id)).active, 1);
      assert.ok((await rolesOf(id)).every((r) => r.active === 1 && r.load_seq === 3));
    });

    for (const broken of [
      { name: 'roles.csv missing', code: 'MISSING_REQUIRED_FILE', midway: false, change: { without: ['roles.csv'] } },
      {
        name: 'a corrupt users.csv header',
        code: 'MISSING_REQUIRED_HEADER',
        midway: false,
        after: (dir: string) => {
          const file = path.join(dir, 'users.csv');
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^sourcedId,username,/, 'sourceId,username,'));
        },
      },
      {
        // Found past the first 1 MiB read of demographics.csv (the header preflight): users, roles, classes and
        // enrollments have been written by then and must be undone.
        name: 'invalid UTF-8 deep in demographics.csv',
        code: 'INVALID_ENCODING',
        midway: true,
        after: (dir: string) =>
          appendFileSync(
            path.join(dir, 'demographics.csv'),
            Buffer.concat([
              Buffer.alloc(2 << 20, '\r\n'),
              Buffer.from('1001,female,2010-01-01,M\xfcnchen,,DEU,,\r\n', 'latin1'),
            ]),
          ),
      },
    ]) {
      it(`a catastrophic re-import (${broken.name}) leaves the data set untouched and records a failed load`, async () => {
        const before = await snapshot();
        const dir = deriveRoster(sds, work.dir, `broken-${broken.code}`, broken.change ?? {});
        broken.after?.(dir);
        const done: string[] = [];
        const res = await loadRoster(store, box, {
          flowId,
          path: dir,
          onProgress: (p) => void (p.done && done.push(p.file)),
        });
        assert.equal(res.catastrophic?.code, broken.code);
        if (broken.midway) assert.ok(done.includes('users.csv') && done.includes('roles.csv'), done.join());
        assert.deepEqual(res.counts, full.counts);
        assert.deepEqual(await counts(), full.counts);
        assert.deepEqual(await snapshot(), before);
        const row = await loadRow(res.loadId);
        assert.equal(row.status, 'failed');
        const findings = await new LakeRepository(store.db).findings(res.loadId);
        assert.ok(findings.some((f) => f.severity === 'catastrophic' && f.code === broken.code));
        assert.deepEqual(JSON.parse(row.summary ?? '{}').catastrophic.code, broken.code);
      });
    }

    it('a OneRoster 1.1 delta applies its changes and leaves unseen records as they are', async () => {
      const flow = `${flowId}-or`;
      const bulk = await load(oneRoster, flow);
      assert.equal(bulk.catastrophic, null);
      assert.equal(bulk.format, 'oneroster-1.1');
      const users = readRows(oneRoster, 'users.csv');
      const staff = users.filter((u) => u.role === 'teacher');
      const [gone, renamed] = staff;
      // The renamed teacher also moves school: a OneRoster 1.1 user row lists all of the user's orgs.
      const [oldOrg] = renamed.orgSourcedIds.split(',');
      const newOrg = oldOrg === 'org-0001' ? 'org-0002' : 'org-0001';
      const before = await snapshot(flow);
      const delta = path.join(work.dir, 'or11-delta');
      deriveRoster(oneRoster, work.dir, 'or11-delta', {
        without: ['academicSessions.csv', 'classes.csv', 'courses.csv', 'enrollments.csv', 'orgs.csv'],
        drop: (f, r) => f === 'users.csv' && ![gone.sourcedId, renamed.sourcedId].includes(r.sourcedId),
        edit: (f, r) => {
          if (f === 'manifest.csv' && r.propertyName.startsWith('file.')) {
            r.value = r.propertyName === 'file.users' ? 'delta' : 'absent';
          }
          if (f !== 'users.csv') return;
          r.status = r.sourcedId === gone.sourcedId ? 'tobedeleted' : 'active';
          r.dateLastModified = '2025-10-01T08:00:00Z';
          if (r.sourcedId === renamed.sourcedId) Object.assign(r, { givenName: 'Renamed', orgSourcedIds: newOrg });
        },
      });
      const newcomer: Row = {
        ...renamed,
        sourcedId: '2999',
        status: 'active',
        dateLastModified: '2025-10-01T08:00:00Z',
        username: 'new.teacher@contoso.edu',
        email: 'new.teacher@contoso.edu',
        identifier: '2999',
      };
      appendFileSync(path.join(delta, 'users.csv'), `${Object.values(newcomer).map(csvCell).join(',')}\n`);
      const res = await load(delta, flow);
      assert.equal(res.catastrophic, null, res.catastrophic?.message);
      assert.equal(res.mode, 'delta');
      assert.equal(res.errors, 0, JSON.stringify(res.findings.slice(0, 3)));
      assert.deepEqual(res.counts.people, {
        active: bulk.counts.people.active,
        inactive: 1,
      });
      // gone: its roles inactive; renamed: old role inactive, new role active; the newcomer: one new role.
      const goneRoles = gone.orgSourcedIds.split(',').length;
      assert.deepEqual(res.counts.roles, {
        active: bulk.counts.roles.active - goneRoles + 1,
        inactive: goneRoles + 1,
      });
      assert.equal(res.counts.orgs.active, bulk.counts.orgs.active, 'orgs absent from a delta stay active');
      assert.equal(res.counts.groups.active, bulk.counts.groups.active);
      assert.equal((await person(gone.sourcedId, flow)).active, 0);
      assert.ok((await rolesOf(gone.sourcedId, flow)).every((r) => r.active === 0));
      assert.equal((await person(renamed.sourcedId, flow)).given_name, 'Renamed');
      const moved = await store.db
        .selectFrom('lake_roles')
        .select(['org_sourced_id', 'active'])
        .where('lake_id', '=', lakeOf(flow))
        .where('user_sourced_id', '=', renamed.sourcedId)
        .orderBy('org_sourced_id')
        .execute();
      assert.deepEqual(
        moved.map((r) => [r.org_sourced_id, r.active]),
        [
          [oldOrg, 0],
          [newOrg, 1],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      assert.equal((await person('2999', flow)).active, 1);
      // Everything the delta did not name is exactly as the bulk load left it.
      const after = await snapshot(flow);
      const touched = [gone.sourcedId, renamed.sourcedId, '2999'];
      const untouched = (s: Record<string, unknown[]>) =>
        Object.fromEntries(
          Object.entries(s).map(([t, rows]) => [
            t,
            rows.filter((r) => !touched.some((id) => String(r).includes(`"${id}"`))),
          ]),
        );
      assert.deepEqual(untouched(after), untouched(before));
    });

    it("keeps a person's roles at one school in two sessions as two roles, on a first load and a re-load", async () => {
      const flow = `${flowId}-sessions`;
      const dir = deriveRoster(sds, work.dir, 'two-sessions');
      const sessions = readRows(sds, 'academicSessions.csv').map((s) => s.sourcedId);
      const role = readRows(sds, 'roles.csv').find((r) => r.sessionSourcedId === sessions[0])!;
      const header = Object.keys(role);
      const again: Row = { ...role, sessionSourcedId: sessions[1], grade: role.grade === '' ? '' : '12' };
      appendFileSync(path.join(dir, 'roles.csv'), `${header.map((c) => csvCell(again[c])).join(',')}\n`);
      const sessionsOf = async () =>
        (
          await store.db
            .selectFrom('lake_roles')
            .select(['session_sourced_id', 'active'])
            .where('lake_id', '=', lakeOf(flow))
            .where('user_sourced_id', '=', role.userSourcedId)
            .where('org_sourced_id', '=', role.orgSourcedId)
            .where('role', '=', role.role)
            .orderBy('session_sourced_id')
            .execute()
        ).map((r) => `${r.session_sourced_id}:${r.active}`);
      for (const _ of [1, 2]) {
        const res = await load(dir, flow);
        assert.equal(res.errors, 0, JSON.stringify(res.findings.slice(0, 3)));
        assert.deepEqual(res.counts.roles, { active: rowsOf(dir, 'roles.csv'), inactive: 0 });
        assert.deepEqual(await sessionsOf(), [`${sessions[0]}:1`, `${sessions[1]}:1`]);
      }
    });

    it('stores per-row passwords sealed, never in plain text', async () => {
      const flow = `${flowId}-pw`;
      const secrets = new Map<string, string>();
      const dir = deriveRoster(sds, work.dir, 'passwords', {
        edit: (f, r) => {
          if (f === 'users.csv' && secrets.size < 5 && r.sourcedId.startsWith('1')) {
            r.password = `Plain-Text-${r.sourcedId}!`;
            secrets.set(r.sourcedId, r.password);
          }
        },
      });
      const res = await load(dir, flow);
      assert.equal(res.errors, 0);
      for (const [id, plain] of secrets) {
        const stored = (await person(id, flow)).password;
        assert.ok(stored !== null && SecretBox.isSealed(stored), `password of ${id} is sealed`);
        assert.ok(!stored.includes(plain));
        assert.equal(box.decrypt(stored), plain);
      }
      const everything = JSON.stringify(await snapshot(flow));
      for (const plain of secrets.values()) assert.ok(!everything.includes(plain), 'no plain password in the lake');
    });
  });
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { readCsv } from '../../src/inbound/generate/read-csv-for-tests.js';
import { openRuntime } from '../../src/main.js';
import {
  addSkus,
  byId,
  configure,
  copyRoster,
  editCsv,
  load,
  runOnce,
  sourceSystemBody,
  STUDENT_SKU,
} from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/** Licence seats running out, and an ambiguous match, on each store. */
let dir: string;
let users: Map<string, Record<string, string>>;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-engine-seats-'));
  await generateDistrict({ persons: 80, out: dir, format: 'sds-v2.1', seed: 5 });
  users = new Map((await readCsv(dir, 'users.csv')).rows.map((u) => [u.sourcedId, u]));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const variant of storeVariants()) {
  describe(`seats and conflicts (${variant.name})`, () => {
    const urls: string[] = [];
    const open = async () => {
      const url = variant.url();
      urls.push(url);
      return openRuntime(url);
    };
    after(async () => {
      for (const url of urls) await variant.cleanup(url);
    });

    test('fewer seats than students: accounts created and linked, licence errors per person', async () => {
      const runtime = await open();
      try {
        await addSkus(runtime, 100, 10);
        const { inbound } = await configure(runtime);
        await load(runtime, inbound, dir);
        const run = await runOnce(runtime);
        const students = run.rows.filter((r) => r.roleGroup === 'students');
        assert.ok(students.length > 60);
        assert.equal(run.status, 'completedWithErrors');
        assert.equal(run.activities[1].data.status, 'completedWithErrors');
        assert.equal(run.statistics.status, 'completedWithErrors');
        assert.ok(run.rows.every((r) => r.decision === 'create' && r.outcome === 'applied' && r.accountId));
        const failed = students.filter((r) => r.errorCode !== null);
        assert.equal(failed.length, students.length - 10);
        for (const r of failed) {
          assert.equal(r.errorCode, 'QuotaExceeded');
          assert.match(r.errorMessage!, /^Account created; licence not assigned: Subscription .* does not have any/);
        }
        assert.ok(run.rows.filter((r) => r.roleGroup === 'staff').every((r) => r.errorCode === null));
        const links = await runtime.store.db.selectFrom('links').selectAll().execute();
        assert.equal(links.length, run.rows.length);
        const skus = await new DirectoryService(runtime.store).subscribedSkus();
        assert.equal(skus.find((s) => s.skuId === STUDENT_SKU)!.consumedUnits, 10);
        // creates + staff and 10 student licences
        assert.equal(run.writes, run.rows.length + (run.rows.length - students.length) + 10);

        // Licences are assigned at creation only: the next run does not retry them and changes nothing.
        const again = await runOnce(runtime);
        assert.equal(again.writes, 0);
        assert.equal(again.status, 'completed');
        assert.ok(again.rows.every((r) => r.decision === 'noop'));
      } finally {
        await runtime.close();
      }
    });

    test('two people with one userPrincipalName: the lower sourcedId gets it, whatever the file order', async () => {
      const runtime = await open();
      try {
        await addSkus(runtime, 100, 100);
        const { inbound } = await configure(runtime);
        // A newcomer '1000' (sorts before every '2…' id) is appended at the end of the files with the username of
        // a student listed early: in file order the student would come first.
        const roster = copyRoster(dir, path.join(dir, '..', `${path.basename(dir)}-twins-${urls.length}`));
        const student = [...users.values()].find((u) => u.sourcedId === '2002')!;
        let roleRow: string[] = [];
        editCsv(roster, 'roles.csv', (_h, rows) => {
          roleRow = rows.find((r) => r[0] === '2002')!;
          return [...rows, ['1000', ...roleRow.slice(1)]];
        });
        editCsv(roster, 'users.csv', (h, rows) => {
          const twin = rows.find((r) => r[0] === '2002')!.map((v, i) => (h[i] === 'sourcedId' ? '1000' : v));
          return [...rows, twin];
        });
        await load(runtime, inbound, roster);
        fs.rmSync(roster, { recursive: true, force: true });
        const run = await runOnce(runtime);
        const rows = byId(run.rows);
        assert.equal(rows.get('1000')!.decision, 'create');
        assert.equal(rows.get('1000')!.plannedUpn, student.username);
        assert.equal(rows.get('2002')!.decision, 'conflict');
        assert.equal(
          rows.get('2002')!.reason,
          `Person '1000' resolves to the same userPrincipalName '${student.username}'.`,
        );
      } finally {
        await runtime.close();
      }
    });

    test('two accounts with one mail when matching on mail: conflict, nothing created for that person', async () => {
      const runtime = await open();
      try {
        await addSkus(runtime, 100, 100);
        const { inbound } = await configure(runtime, {
          sourceSystem: sourceSystemBody({ sourceIdentifier: 'email', matchTarget: 'mail' }),
        });
        await load(runtime, inbound, dir);
        const target = users.get('2002')!;
        const service = new DirectoryService(runtime.store);
        const twins = [];
        for (const upn of ['first.twin@contoso.edu', 'second.twin@contoso.edu']) {
          twins.push(
            await service.create({
              userPrincipalName: upn,
              displayName: 'Twin',
              mail: target.email.toUpperCase(),
              password: 'Twin-Password-1',
              forceChangePasswordNextSignIn: false,
            }),
          );
        }
        const run = await runOnce(runtime);
        const row = byId(run.rows).get('2002')!;
        assert.equal(row.decision, 'conflict');
        assert.equal(row.outcome, 'notApplied');
        assert.match(row.reason, /Ambiguous match: 2 accounts have mail/);
        assert.deepEqual([...row.candidateIds].sort(), twins.map((t) => t.id).sort());
        assert.equal(run.status, 'completedWithErrors');
        assert.equal(run.decisions.conflict, 1);
        assert.equal(await service.count(), run.rows.length - 1 + 2);
        const mine = await runtime.store.db.selectFrom('links').selectAll().where('sourced_id', '=', '2002').execute();
        assert.deepEqual(mine, []);
        for (const t of twins) assert.equal((await service.get(t.id)).anchor, null);
        // Staff created by a mail rule carry that mail, so the next run finds them again.
        const staff = run.rows.find((r) => r.roleGroup === 'staff' && r.decision === 'create')!;
        assert.equal((await service.get(staff.accountId!)).mail, users.get(staff.sourcedId)!.email);
        const unmatched = run.statistics.inboundTotals.unmatchedPeopleByRole as { role: string; count: number }[];
        assert.equal(
          unmatched.reduce((n, c) => n + c.count, 0),
          run.rows.length,
        );
        const again = await runOnce(runtime);
        assert.equal(again.writes, 0);
        assert.equal(byId(again.rows).get('2002')!.decision, 'conflict');
        assert.equal(again.decisions.noop, again.rows.length - 1);
      } finally {
        await runtime.close();
      }
    });
  });
}

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DirectoryAdapter } from '../../src/directory/types.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { addSkus, byId, configure, copyRoster, editCsv, load, runOnce, runServiceWith } from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/**
 * A re-run reads in full only the accounts that may need work: those whose change stamp moved since the engine
 * last confirmed them, or whose desired attributes changed (docs/decisions.md, "Unchanged people").
 */
let root: string;
let district: string;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-engine-unchanged-'));
  district = path.join(root, 'district');
  await generateDistrict({ persons: 40, out: district, format: 'sds-v2.1', seed: 5 });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** The runtime's directory, counting the ids it is asked to read in full and by stamp. */
function counting(adapter: DirectoryAdapter) {
  const asked = { full: 0, stamps: 0 };
  const spy: DirectoryAdapter = Object.create(adapter) as DirectoryAdapter;
  spy.getAccounts = async (ids) => {
    asked.full += ids.length;
    return adapter.getAccounts(ids);
  };
  spy.readStamps = async (ids) => {
    asked.stamps += ids.length;
    return adapter.readStamps!(ids);
  };
  return { spy, asked };
}

for (const variant of storeVariants()) {
  describe(`unchanged people (${variant.name})`, () => {
    let runtime: Runtime;
    const url = variant.url();
    before(async () => {
      runtime = await openRuntime(url);
    });
    after(async () => {
      await runtime.close();
      await variant.cleanup(url);
    });

    test('are planned from stamps alone; changes on either side are still found and fixed', async () => {
      await addSkus(runtime, 100, 100);
      const { inbound } = await configure(runtime);
      await load(runtime, inbound, district);
      const { spy, asked } = counting(runtime.directory);
      const runs = runServiceWith(runtime, {}, spy);
      const run = async () => {
        asked.full = 0;
        asked.stamps = 0;
        return runOnce(runtime, runs);
      };

      const first = await run();
      const created = first.rows.filter((r) => r.decision === 'create');
      assert.ok(created.length > 30, 'the first run creates the accounts');

      // Nothing changed: no account is read, every person is a noop with the same account and UPN.
      const second = await run();
      assert.equal(second.writes, 0);
      assert.equal(asked.full, 0);
      assert.equal(asked.stamps, created.length);
      const again = byId(second.rows);
      for (const r of created) {
        const row = again.get(r.sourcedId)!;
        assert.equal(row.decision, 'noop');
        assert.equal(row.reason, 'Linked by an earlier run.');
        assert.equal(row.accountId, r.accountId);
        assert.equal(row.plannedUpn, r.plannedUpn);
        assert.deepEqual(row.candidateIds, [r.accountId]);
      }

      // An administrator changes a student's grade behind the engine's back: the stamp moved, so it is read and fixed.
      const student = created.find((r) => r.roleGroup === 'students' && 'grade' in r.changes)!;
      const grade = (student.changes.grade as { to: string }).to;
      const [edited] = await runtime.directory.updateAccounts([{ id: student.accountId!, changes: { grade: '99' } }]);
      assert.ok(edited.ok);
      const third = await run();
      assert.equal(asked.full, 1);
      const fixed = byId(third.rows).get(student.sourcedId)!;
      assert.equal(fixed.decision, 'update');
      assert.deepEqual(fixed.changes, { grade: { from: '99', to: grade } });
      assert.equal(third.writes, 1);
      assert.equal((await runtime.directory.getAccounts([student.accountId!])).get(student.accountId!)?.grade, grade);

      // The update moved the stamp once more: the next run reads that account, finds it right and remembers it.
      const fourth = await run();
      assert.equal(asked.full, 1);
      assert.equal(byId(fourth.rows).get(student.sourcedId)!.decision, 'noop');
      assert.equal(fourth.writes, 0);
      await run();
      assert.equal(asked.full, 0);

      // The roster changes another student's grade: the fingerprint differs, so that account is read and updated.
      const other = created.find((r) => r.roleGroup === 'students' && r.sourcedId !== student.sourcedId)!;
      const changed = copyRoster(district, path.join(root, 'changed'));
      editCsv(changed, 'roles.csv', (header, rows) =>
        rows.map((r) => (r[header.indexOf('userSourcedId')] === other.sourcedId ? withGrade(header, r, '12') : r)),
      );
      await load(runtime, inbound, changed);
      const fifth = await run();
      assert.equal(asked.full, 1);
      const moved = byId(fifth.rows).get(other.sourcedId)!;
      assert.equal(moved.decision, 'update');
      assert.deepEqual(moved.changes.grade, { from: (other.changes.grade as { to: string }).to, to: '12' });
    });

    test('a dry run remembers nothing', async () => {
      const before = await runtime.store.db.selectFrom('links').select(['sourced_id', 'account_stamp']).execute();
      const [some] = before;
      await runtime.store.db
        .updateTable('links')
        .set({ account_stamp: null })
        .where('sourced_id', '=', some.sourced_id)
        .execute();
      const planned = await runtime.runs.plan();
      assert.equal(planned.find((r) => r.sourcedId === some.sourced_id)?.decision, 'noop');
      const link = await runtime.store.db
        .selectFrom('links')
        .select('account_stamp')
        .where('sourced_id', '=', some.sourced_id)
        .executeTakeFirstOrThrow();
      assert.equal(link.account_stamp, null);
    });
  });
}

function withGrade(header: string[], row: string[], grade: string): string[] {
  const out = [...row];
  out[header.indexOf('grade')] = grade;
  return out;
}

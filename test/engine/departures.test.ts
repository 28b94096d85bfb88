import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime } from '../../src/main.js';
import {
  addSkus,
  byId,
  configure,
  copyRoster,
  editCsv,
  load,
  runOnce,
  runServiceWith,
  STUDENT_SKU,
} from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/** People leaving the roster, and linked accounts deleted from the directory, on each store. */
let root: string;
let full: string;
let without: string;
const LEAVER = '1003';

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-engine-departures-'));
  full = path.join(root, 'full');
  await generateDistrict({ persons: 60, out: full, format: 'sds-v2.1', seed: 3 });
  without = copyRoster(full, path.join(root, 'without'));
  // The leaver is gone from every file that names them.
  for (const [file, column] of [
    ['users.csv', 'sourcedId'],
    ['roles.csv', 'userSourcedId'],
    ['enrollments.csv', 'userSourcedId'],
    ['relationships.csv', 'userSourcedId'],
    ['demographics.csv', 'userSourcedId'],
  ]) {
    editCsv(without, file, (header, rows) => rows.filter((r) => r[header.indexOf(column)] !== LEAVER));
  }
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

for (const variant of storeVariants()) {
  describe(`departures and deleted accounts (${variant.name})`, () => {
    const urls: string[] = [];
    const open = async () => {
      const url = variant.url();
      urls.push(url);
      return openRuntime(url);
    };
    after(async () => {
      for (const url of urls) await variant.cleanup(url);
    });

    test('a person removed from the roster: kept with deprovision none, disabled with disable', async () => {
      const runtime = await open();
      try {
        await addSkus(runtime, 100, 100);
        const { inbound } = await configure(runtime);
        await load(runtime, inbound, full);
        const first = await runOnce(runtime);
        const accountId = byId(first.rows).get(LEAVER)!.accountId!;
        const service = new DirectoryService(runtime.store);

        await load(runtime, inbound, without);
        const kept = await runOnce(runtime);
        const row = byId(kept.rows).get(LEAVER)!;
        assert.equal(row.decision, 'skip');
        assert.equal(row.accountId, accountId);
        assert.match(row.reason, /No longer in the roster; deprovision policy 'none' leaves the account/);
        assert.equal(kept.writes, 0);
        assert.equal(kept.status, 'completed');
        assert.equal((await service.get(accountId)).accountEnabled, true);
        // Departed people are not counted as matched or unmatched: they are not in the roster.
        const count = (l: { count: number }[]) => l.reduce((n, c) => n + c.count, 0);
        assert.equal(count(kept.statistics.inboundTotals.matchedPeopleByRole), first.rows.length - 1);

        const disabling = runServiceWith(runtime, { deprovision: 'disable' });
        const disabled = await runOnce(runtime, disabling);
        const off = byId(disabled.rows).get(LEAVER)!;
        assert.equal(off.decision, 'update');
        assert.equal(off.outcome, 'applied');
        assert.deepEqual(off.changes, { accountEnabled: { from: true, to: false } });
        assert.equal(disabled.writes, 1);
        assert.equal((await service.get(accountId)).accountEnabled, false);
        const again = await runOnce(runtime, disabling);
        assert.equal(again.writes, 0);
        assert.equal(byId(again.rows).get(LEAVER)!.decision, 'skip');
        // The link stays: were the person to come back, the same account is theirs.
        const link = await runtime.store.db
          .selectFrom('links')
          .selectAll()
          .where('sourced_id', '=', LEAVER)
          .executeTakeFirst();
        assert.equal(link?.account_id, accountId);
      } finally {
        await runtime.close();
      }
    });

    test('a deleted linked account is re-created, or re-linked by its anchor', async () => {
      const runtime = await open();
      try {
        await addSkus(runtime, 100, 100);
        const { inbound } = await configure(runtime);
        await load(runtime, inbound, full);
        const first = byId((await runOnce(runtime)).rows);
        const service = new DirectoryService(runtime.store);
        const [recreated, reanchored] = ['1004', '1005'];
        const oldA = first.get(recreated)!;
        const oldB = first.get(reanchored)!;
        await service.delete(oldA.accountId!);
        await service.delete(oldB.accountId!);
        // Someone restored person B's account under another name: it still carries the anchor.
        const restored = await service.create({
          userPrincipalName: 'restored.account@contoso.edu',
          displayName: 'Restored',
          anchor: `User_${reanchored}`,
          password: 'Restored-Password-1',
          forceChangePasswordNextSignIn: false,
        });

        const second = await runOnce(runtime);
        const a = byId(second.rows).get(recreated)!;
        assert.equal(a.decision, 'create');
        assert.equal(a.outcome, 'applied');
        assert.match(
          a.reason,
          /^The linked account was deleted\. No account matches\. A new account will be created\./,
        );
        assert.notEqual(a.accountId, oldA.accountId);
        assert.equal(a.plannedUpn, oldA.plannedUpn);
        const fresh = await service.get(a.accountId!);
        assert.equal(fresh.userPrincipalName, oldA.plannedUpn);
        assert.deepEqual(fresh.assignedLicenses, [{ skuId: STUDENT_SKU }]);

        const b = byId(second.rows).get(reanchored)!;
        assert.equal(b.decision, 'link');
        assert.equal(b.accountId, restored.id);
        assert.match(b.reason, /linked account was deleted; an account with the person’s anchor was found/);

        const links = new Map(
          (await runtime.store.db.selectFrom('links').selectAll().execute()).map((l) => [l.sourced_id, l.account_id]),
        );
        assert.equal(links.get(recreated), a.accountId);
        assert.equal(links.get(reanchored), restored.id);
        assert.equal(second.status, 'completed');
        assert.equal(second.decisions.noop, second.rows.length - 2);

        const third = await runOnce(runtime);
        assert.equal(third.writes, 0);
        assert.equal(third.decisions.noop, third.rows.length);
      } finally {
        await runtime.close();
      }
    });
  });
}

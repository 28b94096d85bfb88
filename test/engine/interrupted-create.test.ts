import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DirectoryService, EmbeddedDirectory } from '../../src/directory/embedded/index.js';
import { journalCreates } from '../../src/engine/journal.js';
import type { DirectoryAdapter } from '../../src/directory/types.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime } from '../../src/main.js';
import type { Store } from '../../src/store/database.js';
import { addSkus, configure, load, runOnce } from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/**
 * Deterministic crash windows of a creation: the process stops (here: a directory call that never returns) after
 * the accounts were created but before they were linked, or after linking but before licensing. Another process
 * recovers the run: nothing is created twice and every account gets its licence.
 */
let root: string;
let data: string;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-interrupted-'));
  data = path.join(root, 'district');
  await generateDistrict({ persons: 40, out: data, format: 'sds-v2.1', seed: 23 });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

type Window = 'after create' | 'after link';

/** The embedded directory, except that the call after which the process "dies" never settles. */
function stallingDirectory(store: Store, window: Window, stalled: () => void): DirectoryAdapter {
  const real = new EmbeddedDirectory(store);
  const never = new Promise<never>(() => undefined);
  return {
    capabilities: real.capabilities,
    findCandidates: (k) => real.findCandidates(k),
    readByAnchor: (a) => real.readByAnchor(a),
    getAccounts: (ids) => real.getAccounts(ids),
    updateAccounts: (u) => real.updateAccounts(u),
    createAccounts: async (inputs) => {
      const res = await real.createAccounts(inputs);
      if (window !== 'after create') return res;
      stalled();
      return never;
    },
    assignLicenses: async (a) => {
      if (window !== 'after link') return real.assignLicenses(a);
      stalled();
      return never;
    },
  };
}

for (const variant of storeVariants()) {
  test(`a creation that never happened does not license an account matched later (${variant.name})`, async () => {
    const url = variant.url();
    const runtime = await openRuntime(url);
    try {
      await addSkus(runtime, 100, 100);
      const { inbound, flow } = await configure(runtime);
      await load(runtime, inbound, data);
      const people = await runtime.store.db
        .selectFrom('lake_people')
        .innerJoin('lake_roles', (j) =>
          j
            .onRef('lake_roles.user_sourced_id', '=', 'lake_people.sourced_id')
            .onRef('lake_roles.lake_id', '=', 'lake_people.lake_id'),
        )
        .select(['lake_people.sourced_id', 'lake_people.username'])
        .where('lake_roles.role', '=', 'student')
        .limit(1)
        .execute();
      const [{ sourced_id: sourcedId, username }] = people;
      // A crash before the account was created left the creation journaled; meanwhile someone made the account.
      await journalCreates(runtime.store.db, { runId: 'crashed-run', flowId: flow.id }, [{ sourcedId, upn: username }]);
      const service = new DirectoryService(runtime.store);
      const theirs = await service.create({
        userPrincipalName: username,
        displayName: 'Made by hand',
        usageLocation: 'US',
        password: 'By-Hand-Password-1',
        forceChangePasswordNextSignIn: false,
      });
      const run = await runOnce(runtime);
      const row = run.rows.find((r) => r.sourcedId === sourcedId)!;
      assert.equal(row.decision, 'link');
      assert.equal(row.accountId, theirs.id);
      assert.deepEqual((await service.get(theirs.id)).assignedLicenses, [], 'licences come with creation only');
      assert.deepEqual(await runtime.store.db.selectFrom('apply_journal').selectAll().execute(), []);
    } finally {
      await runtime.close();
      await variant.cleanup(url);
    }
  });

  describe(`a run interrupted inside a creation is finished by recover() (${variant.name})`, () => {
    for (const window of ['after create', 'after link'] as const) {
      test(window, async () => {
        const url =
          variant.name === 'sqlite'
            ? `sqlite:${path.join(fs.mkdtempSync(path.join(root, 'db-')), 'r.db')}`
            : variant.url();
        let onStall!: () => void;
        const stalledNow = new Promise<void>((resolve) => (onStall = resolve));
        const dying = await openRuntime(url, { directory: (store) => stallingDirectory(store, window, onStall) });
        const home = dying.store.homeDir;
        await addSkus(dying, 100, 100);
        const { inbound } = await configure(dying);
        await load(dying, inbound, data);
        const { id } = await dying.runs.start();
        await stalledNow;
        const db = dying.store.db;
        const journal = await db.selectFrom('apply_journal').select('state').execute();
        const accounts = await db.selectFrom('directory_users').select('id').execute();
        const people = journal.length;
        assert.ok(people > 0, 'the run stalled with its creations journaled');
        assert.equal(accounts.length, people);
        assert.ok(journal.every((j) => j.state === 'pending'));

        const next = await openRuntime(url);
        try {
          assert.equal(next.store.homeDir, home);
          assert.deepEqual(await next.runs.recover(), [id]);
          const users = await next.store.db.selectFrom('directory_users').select(['id', 'upn_lower']).execute();
          assert.equal(users.length, people, 'nothing created twice');
          const links = await next.store.db.selectFrom('links').select('account_id').execute();
          assert.equal(links.length, people);
          const licensed = await next.store.db.selectFrom('directory_license_assignments').select('user_id').execute();
          assert.equal(new Set(licensed.map((l) => l.user_id)).size, people, 'every account licensed');
          const inFlight = await next.store.db.selectFrom('apply_journal').select('sourced_id').execute();
          assert.deepEqual(inFlight, [], 'no creation left in flight');
          const results = await next.store.db.selectFrom('run_results').selectAll().where('run_id', '=', id).execute();
          assert.equal(results.length, people);
          assert.ok(results.every((r) => r.error_code === null && r.outcome !== 'failed'));
          const decisions = new Set(results.map((r) => r.decision));
          assert.deepEqual([...decisions], [window === 'after create' ? 'link' : 'noop']);
        } finally {
          await next.close();
          await dying.close().catch(() => undefined);
          await variant.cleanup(url);
        }
      });
    }
  });
}

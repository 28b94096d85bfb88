import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { DirectoryError } from '../../src/directory/errors.js';
import type {
  BatchResult,
  DirectoryAccount,
  DirectoryAdapter,
  ManagedAttributes,
  NewAccount,
} from '../../src/directory/types.js';

/** What the contract needs beyond the adapter: the out-of-band setup an administrator would do. */
export interface DirectoryFixture {
  directory: DirectoryAdapter;
  /** Makes a licence SKU with `seats` seats available; returns its skuId GUID. */
  addSku(skuPartNumber: string, seats: number): Promise<string>;
  /** Deletes an account behind the engine's back, as an administrator would. */
  deleteAccount(id: string): Promise<void>;
  /** False for a target that keeps no modification time (Entra has none on users): then it need not move. */
  tracksModification?: boolean;
  close(): Promise<void>;
}

const PASSWORD = 'Correct-Horse-7';

/**
 * The behaviour every directory target must show to the provisioning engine. Each test uses its own UPN domain,
 * so one directory serves the whole suite.
 */
export function runDirectoryContract(name: string, factory: () => Promise<DirectoryFixture>): void {
  describe(`directory contract: ${name}`, () => {
    let fx: DirectoryFixture;
    let dir: DirectoryAdapter;
    before(async () => {
      fx = await factory();
      dir = fx.directory;
    });
    after(async () => fx?.close());

    /** A fresh domain per test keeps tests independent on a shared directory. */
    const domain = () => `t${randomBytes(4).toString('hex')}.example.edu`;
    const account = (upn: string, extra: Partial<NewAccount> = {}): NewAccount => ({
      userPrincipalName: upn,
      displayName: upn.split('@')[0],
      password: PASSWORD,
      forceChangePasswordNextSignIn: true,
      ...extra,
    });
    const created = async (inputs: NewAccount[]): Promise<DirectoryAccount[]> =>
      (await dir.createAccounts(inputs)).map((r) => value(r));

    test('creates accounts with defaults and never returns the password', async () => {
      const d = domain();
      const results = await dir.createAccounts([
        account(`ada@${d}`, { givenName: 'Ada', surname: 'Lovelace', mail: `Ada.Lovelace@${d}`, usageLocation: 'gb' }),
        account(`alan.t@${d}`, { accountEnabled: false, anchor: 'User_s-2', ageGroup: 'minor', grade: '09' }),
      ]);
      const [ada, alan] = results.map((r) => value(r));
      assert.match(ada.id, /^[0-9a-f-]{36}$/);
      assert.equal(ada.userPrincipalName, `ada@${d}`);
      assert.equal(ada.mailNickname, 'ada', 'mailNickname defaults to the UPN local part');
      assert.equal(ada.accountEnabled, true);
      assert.equal(ada.mail, `Ada.Lovelace@${d}`);
      assert.equal(ada.usageLocation, 'GB');
      assert.deepEqual(ada.assignedLicenses, []);
      assert.deepEqual(ada.relatedContacts, []);
      assert.equal(alan.accountEnabled, false);
      assert.equal(alan.mailNickname, 'alan.t');
      assert.equal(alan.ageGroup, 'minor');
      assert.equal(alan.grade, '09');
      assert.ok(!JSON.stringify(results).includes(PASSWORD), 'the password never comes back');
      const again = await dir.getAccounts([ada.id, alan.id]);
      assert.deepEqual(again.get(ada.id), ada);
    });

    test('an existing UPN (any case) or one repeated in the batch is a Conflict; the rest are created', async () => {
      const d = domain();
      await created([account(`taken@${d}`)]);
      const results = await dir.createAccounts([
        account(`TAKEN@${d.toUpperCase()}`),
        account(`fresh@${d}`),
        account(`Fresh@${d}`),
        account(`other@${d}`),
      ]);
      assert.equal(code(results[0]), 'Conflict');
      assert.equal(value(results[1]).userPrincipalName, `fresh@${d}`);
      assert.equal(code(results[2]), 'Conflict');
      assert.ok(results[3].ok);
    });

    test('values the directory rejects fail only their item, with InvalidConfig', async () => {
      const d = domain();
      const results = await dir.createAccounts([
        account('no-domain'),
        account(`weak@${d}`, { password: 'password' }),
        account(`nick@${d}`, { mailNickname: 'has space' }),
        account(`good@${d}`),
      ]);
      assert.deepEqual(results.map(code), ['InvalidConfig', 'InvalidConfig', 'InvalidConfig', undefined]);
    });

    test('finds candidates for many UPNs at once, case-insensitively, keyed by the lower-cased value', async () => {
      const d = domain();
      const accounts = await created(Array.from({ length: 40 }, (_, i) => account(`Student${i}@${d}`)));
      const asked = [
        ...accounts.map((a, i) => (i % 2 ? a.userPrincipalName.toUpperCase() : a.userPrincipalName)),
        `nobody@${d}`,
      ];
      const found = await dir.findCandidates({ attribute: 'userPrincipalName', values: asked });
      assert.equal(found.size, 41);
      accounts.forEach((a) =>
        assert.deepEqual(
          found.get(a.userPrincipalName.toLowerCase())?.map((c) => c.id),
          [a.id],
        ),
      );
      assert.deepEqual(found.get(`nobody@${d}`), []);
    });

    test('finds candidates by mail and reports every account sharing one (ambiguous match)', async () => {
      const d = domain();
      const [a, b, c] = await created([
        account(`a@${d}`, { mail: `shared@${d}` }),
        account(`b@${d}`, { mail: `SHARED@${d}` }),
        account(`c@${d}`, { mail: `c.mail@${d}` }),
      ]);
      const found = await dir.findCandidates({
        attribute: 'mail',
        values: [`Shared@${d}`, `C.Mail@${d}`, `none@${d}`],
      });
      assert.deepEqual(
        found
          .get(`shared@${d}`)
          ?.map((x) => x.id)
          .sort(),
        [a.id, b.id].sort(),
      );
      assert.deepEqual(
        found.get(`c.mail@${d}`)?.map((x) => x.id),
        [c.id],
      );
      assert.deepEqual(found.get(`none@${d}`), []);
    });

    test('finds candidates by anchor and by id', async () => {
      const d = domain();
      const tag = randomBytes(3).toString('hex');
      const [a, b] = await created([account(`a@${d}`, { anchor: `User_${tag}-A` }), account(`b@${d}`)]);
      const byAnchor = await dir.findCandidates({ attribute: 'anchor', values: [`user_${tag}-a`, `User_${tag}-none`] });
      assert.deepEqual(
        byAnchor.get(`user_${tag}-a`)?.map((x) => x.id),
        [a.id],
      );
      assert.deepEqual(byAnchor.get(`user_${tag}-none`), []);
      const byId = await dir.findCandidates({ attribute: 'id', values: [b.id.toUpperCase()] });
      assert.deepEqual(
        byId.get(b.id)?.map((x) => x.userPrincipalName),
        [`b@${d}`],
      );
    });

    test('updates only the managed attributes given', async () => {
      const d = domain();
      const [before] = await created([
        account(`u@${d}`, { givenName: 'Una', surname: 'Smith', employeeId: 'E1', mail: `u@${d}`, grade: '03' }),
      ]);
      const results = await dir.updateAccounts([
        { id: before.id, changes: { displayName: 'Una Jones', surname: 'Jones', grade: null, anchor: 'User_u1' } },
        { id: '00000000-0000-4000-8000-000000000000', changes: { displayName: 'Nobody' } },
        { id: before.id, changes: { usageLocation: 'not-a-country' } },
        // Not a managed attribute: silently left alone, even when a caller slips it in.
        { id: before.id, changes: { userPrincipalName: `renamed@${d}` } as Partial<ManagedAttributes> },
      ]);
      assert.deepEqual(results.map(code), [undefined, 'NotFound', 'InvalidConfig', undefined]);
      const after = (await dir.getAccounts([before.id])).get(before.id)!;
      assert.deepEqual(
        {
          ...after,
          lastModifiedDateTime: before.lastModifiedDateTime,
          ...(before.stamp ? { stamp: before.stamp } : {}),
        },
        { ...before, displayName: 'Una Jones', surname: 'Jones', grade: null, anchor: 'User_u1' },
      );
      if (before.stamp !== undefined) assert.notEqual(after.stamp, before.stamp, 'the change stamp moves');
      if (fx.tracksModification !== false) {
        assert.ok(after.lastModifiedDateTime > before.lastModifiedDateTime, 'lastModifiedDateTime moves forward');
      }
    });

    test('change stamps: read without the account, moved by every update, gone with the account', async (t) => {
      if (!dir.readStamps) return t.skip('target keeps no change stamp');
      const d = domain();
      const [a, b] = await created([account(`a@${d}`, { usageLocation: 'US' }), account(`b@${d}`)]);
      assert.ok(a.stamp, 'created accounts carry their stamp');
      const first = await dir.readStamps([a.id.toUpperCase(), b.id]);
      assert.deepEqual(first.get(a.id.toUpperCase()), { stamp: a.stamp, userPrincipalName: `a@${d}` });
      assert.equal(first.get(b.id)?.stamp, (await dir.getAccounts([b.id])).get(b.id)?.stamp);
      // Two updates within one clock tick still give two different stamps.
      await dir.updateAccounts([{ id: a.id, changes: { grade: '01' } }]);
      const second = (await dir.readStamps([a.id])).get(a.id)!.stamp;
      await dir.updateAccounts([{ id: a.id, changes: { grade: '02' } }]);
      const third = (await dir.readStamps([a.id])).get(a.id)!.stamp;
      assert.equal(new Set([a.stamp, second, third]).size, 3);
      assert.equal((await dir.getAccounts([a.id])).get(a.id)?.stamp, third);
      await fx.deleteAccount(b.id);
      assert.equal((await dir.readStamps([b.id])).has(b.id), false, 'a deleted account has no stamp');
    });

    test('assigns licences per item: seat exhaustion fails only the items that found no seat', async (t) => {
      if (!dir.capabilities.licenses) return t.skip('target has no licences');
      const d = domain();
      const part = `SKU_${randomBytes(3).toString('hex').toUpperCase()}`;
      const skuId = await fx.addSku(part, 2);
      const [a, b, c, noLocation] = await created([
        account(`a@${d}`, { usageLocation: 'US' }),
        account(`b@${d}`, { usageLocation: 'US' }),
        account(`c@${d}`, { usageLocation: 'US' }),
        account(`n@${d}`),
      ]);
      const results = await dir.assignLicenses([
        { id: a.id, skus: [skuId] },
        { id: b.id, skus: [part.toLowerCase()] }, // by skuPartNumber, any case
        { id: c.id, skus: [skuId] },
        { id: a.id, skus: [skuId] }, // already held: no second seat
        { id: noLocation.id, skus: [skuId] },
        { id: c.id, skus: ['NO_SUCH_SKU'] },
        { id: '00000000-0000-4000-8000-000000000000', skus: [skuId] },
      ]);
      assert.deepEqual(results.map(code), [
        undefined,
        undefined,
        'QuotaExceeded',
        undefined,
        'InvalidConfig',
        'InvalidConfig',
        'NotFound',
      ]);
      const accounts = await dir.getAccounts([a.id, b.id, c.id]);
      assert.deepEqual(accounts.get(a.id)?.assignedLicenses, [{ skuId }]);
      assert.deepEqual(accounts.get(b.id)?.assignedLicenses, [{ skuId }]);
      assert.deepEqual(accounts.get(c.id)?.assignedLicenses, []);
    });

    test('concurrent assignments never take more seats than there are', async (t) => {
      if (!dir.capabilities.licenses) return t.skip('target has no licences');
      const d = domain();
      const skuId = await fx.addSku(`RACE_${randomBytes(3).toString('hex').toUpperCase()}`, 3);
      const accounts = await created(
        Array.from({ length: 8 }, (_, i) => account(`r${i}@${d}`, { usageLocation: 'NL' })),
      );
      const results = (
        await Promise.all(accounts.map((a) => dir.assignLicenses([{ id: a.id, skus: [skuId] }])))
      ).flat();
      assert.equal(results.filter((r) => r.ok).length, 3);
      assert.ok(results.filter((r) => !r.ok).every((r) => code(r) === 'QuotaExceeded'));
    });

    test('the anchor round-trips exactly and reads back by anchor, case-insensitively', async () => {
      const d = domain();
      const anchor = `User_${randomBytes(4).toString('hex')}AbC`;
      const [a] = await created([account(`anchored@${d}`, { anchor })]);
      assert.equal(a.anchor, anchor);
      const asked = anchor.toLowerCase();
      const read = await dir.readByAnchor([anchor, asked, 'User_missing']);
      assert.equal(read.get(anchor)?.id, a.id);
      assert.equal(read.get(asked)?.anchor, anchor);
      assert.equal(read.has('User_missing'), false);
    });

    test('readByAnchor prefers the exact-case holder of a shared anchor, then the oldest', async () => {
      const d = domain();
      const tag = randomBytes(4).toString('hex');
      const [older] = await created([account(`older@${d}`, { anchor: `User_${tag}` })]);
      const [exact] = await created([account(`exact@${d}`, { anchor: `USER_${tag}` })]);
      await created([account(`newer@${d}`, { anchor: `user_${tag}` })]);
      const read = await dir.readByAnchor([`USER_${tag}`, `User_${tag.toUpperCase()}`]);
      assert.equal(read.get(`USER_${tag}`)?.id, exact.id);
      assert.equal(read.get(`User_${tag.toUpperCase()}`)?.id, older.id);
      const all = await dir.findCandidates({ attribute: 'anchor', values: [`User_${tag}`] });
      assert.equal(all.get(`user_${tag}`)?.length, 3);
    });

    test('a deleted account is missing from getAccounts and readByAnchor, and updates to it are NotFound', async () => {
      const d = domain();
      const anchor = `User_del_${randomBytes(4).toString('hex')}`;
      const [gone, kept] = await created([account(`gone@${d}`, { anchor }), account(`kept@${d}`)]);
      await fx.deleteAccount(gone.id);
      const read = await dir.getAccounts([gone.id, kept.id]);
      assert.equal(read.has(gone.id), false);
      assert.equal(read.get(kept.id)?.id, kept.id);
      assert.equal((await dir.readByAnchor([anchor])).size, 0);
      const [update] = await dir.updateAccounts([{ id: gone.id, changes: { displayName: 'x' } }]);
      assert.equal(code(update), 'NotFound');
    });
  });
}

function value<T>(result: BatchResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function code(result: BatchResult<unknown>): DirectoryError['code'] | undefined {
  return result.ok ? undefined : result.error.code;
}

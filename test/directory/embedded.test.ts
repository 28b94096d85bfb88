import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DirectoryService,
  EmbeddedDirectory,
  meetsPasswordPolicy,
  parseAccountsCsv,
  randomPassword,
  verifyPassword,
} from '../../src/directory/embedded/index.js';
import { openStore, type Store } from '../../src/store/database.js';

describe('embedded directory internals', () => {
  let store: Store;
  let service: DirectoryService;
  before(async () => {
    store = await openStore('sqlite::memory:');
    service = new DirectoryService(store);
  });
  after(async () => store.close());

  test('passwords are stored only as scrypt hashes that verify', async () => {
    const password = 'Only-Hash-Me-42';
    const account = await service.create({
      userPrincipalName: 'hash@pw.edu',
      displayName: 'Hash',
      password,
      forceChangePasswordNextSignIn: true,
    });
    const row = await store.db
      .selectFrom('directory_users')
      .select(['password_hash', 'force_change_password'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash, /^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.ok(!row.password_hash.includes(password));
    assert.equal(row.force_change_password, 1);
    assert.equal(await verifyPassword(password, row.password_hash), true);
    assert.equal(await verifyPassword('Only-Hash-Me-43', row.password_hash), false);
    await service.update(account.id, {
      passwordProfile: { password: 'Changed-Pw-99', forceChangePasswordNextSignIn: false },
    });
    const changed = await store.db
      .selectFrom('directory_users')
      .select('password_hash')
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    assert.equal(await verifyPassword('Changed-Pw-99', changed.password_hash), true);
  });

  test('readStamps gives the same answer by index probes and by the scan it uses for most of the table', async () => {
    const probing = new EmbeddedDirectory(store, { scanFrom: Number.MAX_SAFE_INTEGER });
    const scanning = new EmbeddedDirectory(store, { scanFrom: 1 });
    const made = await probing.createAccounts(
      ['st1', 'st2', 'st3'].map((n) => ({
        userPrincipalName: `${n}@stamps.edu`,
        displayName: n,
        password: 'Stamp-Pass-123',
        forceChangePasswordNextSignIn: true,
      })),
    );
    const ids = made.map((r) => (r.ok ? r.value.id : assert.fail('created')));
    await probing.updateAccounts([{ id: ids[1], changes: { grade: '05' } }]);
    const asked = [ids[0].toUpperCase(), ids[1], '00000000-0000-4000-8000-000000000000'];
    const total = await probing.users.count();
    assert.ok(asked.length * 2 >= total, 'the scan path is taken: most of the table is asked for');
    const byProbe = await probing.readStamps(asked);
    assert.deepEqual(await scanning.readStamps(asked), byProbe);
    assert.deepEqual(
      [...byProbe],
      [
        [ids[0].toUpperCase(), { stamp: '1', userPrincipalName: 'st1@stamps.edu' }],
        [ids[1], { stamp: '2', userPrincipalName: 'st2@stamps.edu' }],
      ],
    );
  });

  test('random passwords meet the policy', () => {
    for (let i = 0; i < 200; i++) assert.ok(meetsPasswordPolicy(randomPassword()));
    assert.equal(meetsPasswordPolicy('alllowercase1'), false);
    assert.equal(meetsPasswordPolicy('Sh0rt!'), false);
  });

  test('deleting a licensed user gives its seat back', async () => {
    const sku = await service.addSku({ skuPartNumber: 'SEAT_BACK', seats: 1 });
    const a = await service.create({
      userPrincipalName: 'seat@pw.edu',
      displayName: 'Seat',
      usageLocation: 'DE',
      password: 'Seat-Holder-1',
      forceChangePasswordNextSignIn: true,
    });
    await service.assignLicense(a.id, [sku.skuId], []);
    assert.equal((await service.subscribedSkus()).find((s) => s.skuId === sku.skuId)?.consumedUnits, 1);
    await service.delete(a.userPrincipalName);
    assert.equal((await service.subscribedSkus()).find((s) => s.skuId === sku.skuId)?.consumedUnits, 0);
  });

  test('accounts CSV: any column case, first physical line of multi-line records, per-row problems', () => {
    const { rows, problems } = parseAccountsCsv(
      '\uFEFFUserPrincipalName,DISPLAYNAME,accountEnabled\n' +
        'a@csv.edu,A,TRUE\n' +
        '\n' +
        'b@csv.edu,"two\nlines",maybe\n' +
        ',nobody,false\n' +
        'c@csv.edu\n',
    );
    assert.deepEqual(rows, [
      { line: 2, userPrincipalName: 'a@csv.edu', attributes: { displayName: 'A', accountEnabled: true } },
    ]);
    assert.deepEqual(problems, [
      { line: 4, message: "accountEnabled must be true or false, not 'maybe'" },
      { line: 6, message: 'userPrincipalName is empty' },
      { line: 7, message: 'expected 3 fields, found 1' },
    ]);
    assert.throws(() => parseAccountsCsv('displayName\nx\n'), /userPrincipalName column is required/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Attribute, Change, Client, InvalidCredentialsError } from 'ldapts';
import { LdapDirectory, type LdapDirectoryOptions } from '../../src/directory/ldap/index.js';
import type { BatchResult, DirectoryAccount, NewAccount } from '../../src/directory/types.js';
import { slapdSkipReason, startSlapd, type Slapd } from '../support/slapd.js';

const PASSWORD = 'Correct-Horse-7';
const account = (upn: string, extra: Partial<NewAccount> = {}): NewAccount => ({
  userPrincipalName: upn,
  displayName: upn.split('@')[0],
  password: PASSWORD,
  forceChangePasswordNextSignIn: true,
  ...extra,
});
const value = <T>(r: BatchResult<T>): T => {
  if (!r.ok) assert.fail(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/** Reads raw entries as the root DN would, to see exactly what the adapter wrote. */
async function raw(slapd: Slapd, filter: string, attributes: string[] = ['*', '+']) {
  const client = new Client({ url: slapd.url });
  try {
    await client.bind(slapd.rootDN, slapd.rootPassword);
    const { searchEntries } = await client.search(slapd.suffix, {
      filter,
      attributes,
      explicitBufferAttributes: ['unicodePwd'],
    });
    return searchEntries;
  } finally {
    await client.unbind();
  }
}

async function canBind(slapd: Slapd, dn: string, password: string): Promise<boolean> {
  const client = new Client({ url: slapd.url });
  try {
    await client.bind(dn, password);
    return true;
  } catch (err) {
    if (err instanceof InvalidCredentialsError) return false;
    throw err;
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

const skip = slapdSkipReason();

describe('LDAP adapter against a real slapd', { skip }, () => {
  let slapd: Slapd;
  const dirs: LdapDirectory[] = [];
  const directory = (extra: Partial<LdapDirectoryOptions> = {}) => {
    const dir = new LdapDirectory({
      url: slapd.url,
      bindDN: slapd.rootDN,
      password: slapd.rootPassword,
      baseDN: slapd.peopleDN,
      ...extra,
    });
    dirs.push(dir);
    return dir;
  };
  before(async () => (slapd = await startSlapd()));
  after(async () => {
    for (const d of dirs) await d.close();
    await slapd?.stop();
  });

  test('Password Modify exop: the server hashes the password and the account can bind with it', async () => {
    const [r] = await directory().createAccounts([account('exop@pw.edu')]);
    value(r);
    const [entry] = await raw(slapd, '(uid=exop@pw.edu)', ['userPassword']);
    assert.match(String(entry.userPassword), /^\{SSHA\}/, 'stored hashed by slapd');
    assert.equal(await canBind(slapd, entry.dn, PASSWORD), true);
    assert.equal(await canBind(slapd, entry.dn, 'Wrong-Horse-7'), false);
  });

  test('passwordMode userPassword: a client-side {SSHA} on the add, and the account can bind with it', async () => {
    const [r] = await directory({ passwordMode: 'userPassword' }).createAccounts([account('ssha@pw.edu')]);
    value(r);
    const [entry] = await raw(slapd, '(uid=ssha@pw.edu)', ['userPassword']);
    assert.match(String(entry.userPassword), /^\{SSHA\}/);
    assert.ok(!String(entry.userPassword).includes(PASSWORD));
    assert.equal(await canBind(slapd, entry.dn, PASSWORD), true);
  });

  test('filter and DN escaping: special characters match only themselves', async () => {
    const dir = directory();
    const created = (
      await dir.createAccounts([
        account('#hash@esc.edu', { anchor: 'User_a*(b)\\c' }),
        account("o'brien@esc.edu", { anchor: 'User_abbc' }),
        account('star@esc.edu', { anchor: 'User_a' }),
      ])
    ).map((r) => value(r));
    const [hash] = await raw(slapd, '(employeeNumber=User_a\\2a\\28b\\29\\5cc)', ['dn']);
    assert.match(hash.dn, /^uid=\\(#|23)hash@esc\.edu,ou=people,/, 'a leading # is escaped (slapd shows it as \\23)');
    const read = await dir.readByAnchor(['User_a*(b)\\c', 'User_a*']);
    assert.equal(read.get('User_a*(b)\\c')?.id, created[0].id);
    assert.equal(read.has('User_a*'), false, 'a * in a value is no wildcard');
    const byUpn = await dir.findCandidates({
      attribute: 'userPrincipalName',
      values: ["O'Brien@esc.edu", '*@esc.edu'],
    });
    assert.deepEqual(
      byUpn.get("o'brien@esc.edu")?.map((a) => a.id),
      [created[1].id],
    );
    assert.deepEqual(byUpn.get('*@esc.edu'), []);
  });

  test('paged searches return every match across pages and OR chunks', async () => {
    const dir = directory({ pageSize: 10, chunkSize: 25 });
    const inputs = Array.from({ length: 120 }, (_, i) => account(`p${i}@paged.edu`, { mail: `shared@paged.edu` }));
    (await dir.createAccounts(inputs)).forEach((r) => value(r));
    const byMail = await dir.findCandidates({ attribute: 'mail', values: ['SHARED@paged.edu'] });
    assert.equal(byMail.get('shared@paged.edu')?.length, 120);
  });

  test('licences are not offered: capabilities say so and each item is NotImplemented', async () => {
    const dir = directory();
    assert.equal(dir.capabilities.licenses, false);
    const results = await dir.assignLicenses([{ id: 'x', skus: ['A'] }]);
    assert.equal(!results[0].ok && results[0].error.code, 'NotImplemented');
  });

  describe('Active Directory profile (shape only: slapd with msuser.schema is not AD)', () => {
    // What AD generates itself and slapd's msuser.schema requires (mstop MUST), plus extensibleObject because the
    // schema defines sAMAccountName and employeeID but no class that allows them (AD's securityPrincipal is absent).
    const adOnSlapd = (): Partial<LdapDirectoryOptions> => ({
      profile: 'activeDirectory',
      allowPlaintextPasswords: true, // real AD: ldaps:// only
      idAttribute: 'entryUUID', // real AD: objectGUID, which only AD generates
      objectClasses: ['top', 'person', 'organizationalPerson', 'user', 'extensibleObject'],
      entryFilter: '(objectClass=user)',
      addAttributes: {
        instanceType: '4',
        objectCategory: 'cn=Person,cn=Schema,cn=Configuration,dc=rosterlink,dc=test',
        nTSecurityDescriptor: 'placeholder',
      },
    });

    test('writes sAMAccountName, userPrincipalName, unicodePwd (quoted UTF-16LE), userAccountControl, pwdLastSet', async () => {
      const dir = directory(adOnSlapd());
      const [on, off] = (
        await dir.createAccounts([
          account('Ada.Lovelace-Byron-King@ad.edu', { surname: 'Lovelace', employeeId: 'E7', anchor: 'User_ad1' }),
          account('off@ad.edu', { surname: 'Off', accountEnabled: false, forceChangePasswordNextSignIn: false }),
        ])
      ).map((r) => value(r));
      const [entry] = await raw(slapd, '(cn=Ada.Lovelace-Byron-King@ad.edu)');
      assert.deepEqual(entry.objectClass, ['top', 'person', 'organizationalPerson', 'user', 'extensibleObject']);
      assert.equal(entry.sAMAccountName, 'Ada.Lovelace-Byron-K', 'the local part, 20 characters at most');
      assert.equal(entry.userPrincipalName, 'Ada.Lovelace-Byron-King@ad.edu');
      assert.deepEqual(entry.unicodePwd, Buffer.from(`"${PASSWORD}"`, 'utf16le'));
      assert.equal(entry.userAccountControl, '512');
      assert.equal(entry.pwdLastSet, '0', 'must change the password at next sign-in');
      assert.equal(entry.employeeID, 'E7');
      assert.equal(entry.employeeNumber, 'User_ad1');
      assert.equal(on.accountEnabled, true);
      assert.equal(off.accountEnabled, false);
      const [offEntry] = await raw(slapd, '(cn=off@ad.edu)', ['userAccountControl', 'pwdLastSet']);
      assert.equal(offEntry.userAccountControl, '514');
      assert.deepEqual(offEntry.pwdLastSet ?? [], [], 'no pwdLastSet without forceChangePasswordNextSignIn');
    });

    test('enabling and disabling flips only the ACCOUNTDISABLE bit of userAccountControl', async () => {
      const dir = directory(adOnSlapd());
      const [a] = (await dir.createAccounts([account('uac@ad.edu', { surname: 'U' })])).map((r) => value(r));
      const client = new Client({ url: slapd.url });
      await client.bind(slapd.rootDN, slapd.rootPassword);
      const dn = 'cn=uac@ad.edu,ou=people,dc=rosterlink,dc=test';
      // DONT_EXPIRE_PASSWORD | NORMAL_ACCOUNT, as an administrator might have set it.
      const modification = new Attribute({ type: 'userAccountControl', values: ['66048'] });
      await client.modify(dn, new Change({ operation: 'replace', modification }));
      await client.unbind();
      const fresh = directory(adOnSlapd());
      assert.deepEqual((await fresh.updateAccounts([{ id: a.id, changes: { accountEnabled: false } }]))[0], {
        ok: true,
        value: undefined,
      });
      assert.equal((await raw(slapd, '(cn=uac@ad.edu)', ['userAccountControl']))[0].userAccountControl, '66050');
      const read = await fresh.getAccounts([a.id]);
      assert.equal(read.get(a.id)?.accountEnabled, false);
      assert.deepEqual((await fresh.updateAccounts([{ id: a.id, changes: { accountEnabled: true } }]))[0], {
        ok: true,
        value: undefined,
      });
      assert.equal((await raw(slapd, '(cn=uac@ad.edu)', ['userAccountControl']))[0].userAccountControl, '66048');
      assert.equal((await fresh.getAccounts([a.id])).get(a.id)?.accountEnabled, true);
    });

    test('what slapd cannot prove: msuser.schema gives userPrincipalName no EQUALITY rule, so UPN lookups find nothing', async () => {
      const dir = directory(adOnSlapd());
      const [a] = (await dir.createAccounts([account('lookup@ad.edu', { surname: 'L', anchor: 'User_lookup' })])).map(
        (r): DirectoryAccount => value(r),
      );
      const byUpn = await dir.findCandidates({ attribute: 'userPrincipalName', values: ['lookup@ad.edu'] });
      assert.deepEqual(byUpn.get('lookup@ad.edu'), [], 'on AD this finds the account');
      // The anchor (employeeNumber, from inetorgperson.schema) does have one.
      assert.equal((await dir.readByAnchor(['User_lookup'])).get('User_lookup')?.id, a.id);
    });
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLdapConfig, resolveSchema } from './config.js';
import {
  encodeUnicodePwd,
  escapeDnValue,
  escapeFilterBytes,
  escapeFilterValue,
  guidFromBytes,
  guidToBytes,
  ldapTimeToGraph,
  orFilter,
  samAccountNameOf,
} from './ldap-values.js';
import { changesFor, fromEntry, newEntry, normalizeEntry, type LdapEntry } from './mapping.js';
import { passwordModifyValue } from './password-modify.js';

const base = { url: 'ldap://x', bindDN: 'cn=a', baseDN: 'ou=people,dc=x' };
const std = resolveSchema(base);
const ad = resolveSchema({ ...base, profile: 'activeDirectory' });
const NOW = '2026-01-02T03:04:05.0000000Z';

test('filter escaping (RFC 4515) and OR filters', () => {
  assert.equal(escapeFilterValue('a*(b)\\c\0'), 'a\\2a\\28b\\29\\5cc\\00');
  assert.equal(escapeFilterValue("o'brien@x.edu"), "o'brien@x.edu");
  assert.equal(escapeFilterBytes(Buffer.from([0, 255])), '\\00\\ff');
  assert.equal(orFilter('uid', ['a']), '(uid=a)');
  assert.equal(orFilter('uid', ['a', 'b']), '(|(uid=a)(uid=b))');
});

test('DN value escaping (RFC 4514)', () => {
  assert.equal(escapeDnValue('a,b+c"d\\e<f>g;h=i'), 'a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h\\=i');
  assert.equal(escapeDnValue('#x y '), '\\#x y\\ ');
  assert.equal(escapeDnValue(' a#'), '\\ a#');
});

test('AD objectGUID byte order, unicodePwd, sAMAccountName, LDAP times', () => {
  const guid = '01020304-0506-0708-090a-0b0c0d0e0f10';
  assert.equal(guidToBytes(guid).toString('hex'), '0403020106050807090a0b0c0d0e0f10');
  assert.equal(guidFromBytes(guidToBytes(guid)), guid);
  assert.deepEqual(encodeUnicodePwd('Pw1!'), Buffer.from([0x22, 0, 0x50, 0, 0x77, 0, 0x31, 0, 0x21, 0, 0x22, 0]));
  assert.equal(samAccountNameOf('first.last.longer.name@x.edu'), 'first.last.longer.na');
  assert.equal(samAccountNameOf('abcdefghijklmnopqrs.t@x.edu'), 'abcdefghijklmnopqrs', 'no trailing dot');
  assert.equal(samAccountNameOf('a[b]c@x.edu'), 'abc');
  assert.equal(ldapTimeToGraph('20260102030405Z'), NOW);
  assert.equal(ldapTimeToGraph('20260102030405.123456Z#000000#000#000000'), '2026-01-02T03:04:05.1234560Z');
  assert.equal(ldapTimeToGraph('20260102030405.0Z'), NOW);
  assert.equal(ldapTimeToGraph('garbage'), null);
});

test('Password Modify request value: SEQUENCE { [0] userIdentity, [2] newPasswd }', () => {
  const v = passwordModifyValue('uid=a', 'pw');
  assert.equal(v.toString('hex'), '300b' + '800575' + '69643d61' + '82027077');
});

test('standard profile: new entry with cn, sn standing in for a missing surname, and the properties value', () => {
  const e = newEntry(
    {
      userPrincipalName: 'ada@x.edu',
      displayName: 'Ada',
      password: 'secret',
      forceChangePasswordNextSignIn: true,
      accountEnabled: false,
      usageLocation: 'gb',
      grade: '09',
      anchor: 'User_1',
      relatedContacts: [],
    },
    std,
    { baseDN: 'ou=people,dc=x', now: NOW, passwordOnAdd: false },
  );
  assert.equal(e.dn, 'uid=ada@x.edu,ou=people,dc=x');
  assert.deepEqual(e.attrs.uid, ['ada@x.edu']);
  assert.deepEqual(e.attrs.cn, ['Ada']);
  assert.deepEqual(e.attrs.sn, ['Ada']);
  assert.deepEqual(e.attrs.employeenumber, ['User_1']);
  assert.equal(e.attrs.userpassword, undefined, 'set by extended operation instead');
  const props = JSON.parse(String(e.attrs.description[0]).slice('rosterlink:'.length));
  assert.deepEqual(props, { created: NOW, accountEnabled: false, usageLocation: 'GB', grade: '09', noSurname: true });
  const account = fromEntry({ ...e, attrs: { ...e.attrs, entryuuid: ['ABC'] } }, std);
  assert.equal(account.id, 'abc');
  assert.equal(account.surname, null);
  assert.equal(account.accountEnabled, false);
  assert.equal(account.mailNickname, 'ada');
  assert.equal(account.createdDateTime, NOW);
});

test('changesFor: replace per attribute, sn follows the display name while there is no surname, others kept', () => {
  const current: LdapEntry = normalizeEntry({
    dn: 'uid=a@x.edu,ou=people,dc=x',
    uid: 'a@x.edu',
    cn: 'A',
    sn: 'A',
    displayName: 'A',
    description: ['Hand-written note', `rosterlink:${JSON.stringify({ created: NOW, noSurname: true, grade: '01' })}`],
  });
  const changes = changesFor(current, { displayName: 'B', grade: null, mail: null, usageLocation: 'nl' }, std);
  const byType = Object.fromEntries(changes.map((c) => [c.type.toLowerCase(), c.values]));
  assert.deepEqual(byType.displayname, ['B']);
  assert.deepEqual(byType.cn, ['B']);
  assert.deepEqual(byType.sn, ['B']);
  assert.deepEqual(byType.mail, [], 'replace with no values removes the attribute');
  assert.equal(byType.description[0], 'Hand-written note');
  assert.deepEqual(JSON.parse(String(byType.description[1]).slice(11)), {
    created: NOW,
    noSurname: true,
    usageLocation: 'NL',
  });
  const surname = changesFor(current, { surname: 'Lee' }, std);
  assert.deepEqual(surname.find((c) => c.type === 'sn')?.values, ['Lee']);
  assert.deepEqual(changesFor(current, {}, std), []);
});

test('AD profile: userAccountControl carries accountEnabled; no sn needed; RDN cn is the UPN', () => {
  const e = newEntry(
    { userPrincipalName: 'b@x.edu', displayName: 'B', password: 'Pw1!', forceChangePasswordNextSignIn: false },
    ad,
    { baseDN: 'ou=p,dc=x', now: NOW, passwordOnAdd: true },
  );
  assert.equal(e.dn, 'cn=b@x.edu,ou=p,dc=x');
  assert.deepEqual(e.attrs.useraccountcontrol, ['512']);
  assert.equal(e.attrs.sn, undefined);
  assert.deepEqual(e.attrs.unicodepwd, [encodeUnicodePwd('Pw1!')]);
  const guid = guidToBytes('01020304-0506-0708-090a-0b0c0d0e0f10');
  const account = fromEntry({ ...e, attrs: { ...e.attrs, objectguid: [guid], useraccountcontrol: ['514'] } }, ad);
  assert.equal(account.id, '01020304-0506-0708-090a-0b0c0d0e0f10');
  assert.equal(account.accountEnabled, false);
});

test('config: named field errors, the password from the environment, LDAPS for AD', () => {
  assert.throws(() => resolveSchema({ ...base, attributes: { anchor: 'not valid' } }), /attributes\.anchor/);
  assert.throws(() => readLdapConfig({ ...base, url: 'http://x' }), /directory\.ldap\.url/);
  assert.throws(() => readLdapConfig(base, {}), /ROSTERLINK_LDAP_PASSWORD/);
  assert.equal(readLdapConfig(base, { ROSTERLINK_LDAP_PASSWORD: 's3' }).password, 's3');
  assert.throws(
    () => readLdapConfig({ ...base, profile: 'activeDirectory' }, { ROSTERLINK_LDAP_PASSWORD: 's' }),
    /LDAPS/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_PROPERTY_NAMES as NAMES,
  eqAnyFilter,
  fromGraphUser,
  inFilter,
  toCreateBody,
  toGraphProperties,
  userSelect,
} from './mapping.js';

const ANCHOR = NAMES.anchor;

test('fromGraphUser: absent extension properties are null, licences reduce to skuIds, no modification time', () => {
  const account = fromGraphUser(
    {
      id: 'a1',
      userPrincipalName: 'ada@school.edu',
      displayName: 'Ada',
      accountEnabled: false,
      assignedLicenses: [{ skuId: 's1', disabledPlans: [] }],
      createdDateTime: '2026-01-02T03:04:05Z',
      [ANCHOR]: 'User_1',
    },
    NAMES,
  );
  assert.equal(account.anchor, 'User_1');
  assert.equal(account.grade, null);
  assert.equal(account.mailNickname, 'ada', 'derived from the UPN when not selected');
  assert.equal(account.accountEnabled, false);
  assert.deepEqual(account.assignedLicenses, [{ skuId: 's1' }]);
  assert.deepEqual(account.relatedContacts, []);
  assert.equal(account.lastModifiedDateTime, account.createdDateTime);
});

test('relatedContacts round-trip through a collection property or a JSON string extension', () => {
  const contacts = [
    { displayName: 'Mum', emailAddress: null, mobilePhone: '1', relationship: 'parent', accessConsent: true },
  ];
  assert.deepEqual(toGraphProperties({ relatedContacts: contacts }, NAMES), { relatedContacts: contacts });
  const asExtension = { ...NAMES, relatedContacts: 'extension_abc_Contacts' };
  const wire = toGraphProperties({ relatedContacts: contacts }, asExtension);
  assert.equal(typeof wire.extension_abc_Contacts, 'string');
  assert.deepEqual(fromGraphUser({ id: 'x', ...wire }, asExtension).relatedContacts, contacts);
  assert.deepEqual(toGraphProperties({ relatedContacts: [] }, asExtension), { extension_abc_Contacts: null });
  assert.deepEqual(toGraphProperties({ relatedContacts: contacts }, { ...NAMES, relatedContacts: null }), {});
  assert.deepEqual(fromGraphUser({ id: 'x', extension_abc_Contacts: 'not json' }, asExtension).relatedContacts, []);
});

test('toGraphProperties: only given keys; null clears; usageLocation upper-cased; extension names', () => {
  assert.deepEqual(toGraphProperties({ grade: null, anchor: 'User_2', usageLocation: 'gb', surname: 'Lee' }, NAMES), {
    [NAMES.grade!]: null,
    [ANCHOR]: 'User_2',
    usageLocation: 'GB',
    surname: 'Lee',
  });
  assert.deepEqual(toGraphProperties({ grade: '03' }, { ...NAMES, grade: null }), {}, 'unmapped: not written');
});

test("toCreateBody: Graph's required properties with defaults, nulls left out", () => {
  const body = toCreateBody(
    {
      userPrincipalName: 'Alan.T@school.edu',
      displayName: 'Alan',
      password: 'pw',
      forceChangePasswordNextSignIn: true,
      givenName: null,
      ageGroup: 'minor',
    },
    NAMES,
  );
  assert.deepEqual(body, {
    accountEnabled: true,
    displayName: 'Alan',
    mailNickname: 'Alan.T',
    userPrincipalName: 'Alan.T@school.edu',
    passwordProfile: { password: 'pw', forceChangePasswordNextSignIn: true },
    ageGroup: 'minor',
  });
});

test('filters: OData quoting, in-lists, eq-or chains; $select carries the extension names', () => {
  assert.equal(inFilter('mail', ["o'brien@x.edu", 'b@x.edu']), "mail in ('o''brien@x.edu','b@x.edu')");
  assert.equal(eqAnyFilter(ANCHOR, ['a', "b'"]), `${ANCHOR} eq 'a' or ${ANCHOR} eq 'b'''`);
  assert.ok(userSelect(NAMES).includes(ANCHOR));
  assert.ok(!userSelect({ ...NAMES, relatedContacts: null }).includes('relatedContacts'));
});

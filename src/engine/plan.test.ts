import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { account, lookupsFor, person, planInput, role, rule, settings } from './fixtures-for-tests.js';
import { plan } from './plan.js';
import type { PlanRow } from './types.js';

const only = (rows: PlanRow[], sourcedId: string) => {
  const row = rows.find((r) => r.sourcedId === sourcedId);
  assert.ok(row, `no row for ${sourcedId}`);
  return row;
};

describe('plan: people tied to an account', () => {
  test('a linked account that is up to date → noop; with stale managed attributes → update', () => {
    const a = account('user1@contoso.edu', { anchor: 'User_1' });
    const b = account('user2@contoso.edu', { anchor: 'User_2', grade: '04' });
    const rows = plan(
      planInput({
        people: [person('1'), person('2')],
        settings: settings({ gradeLevel: true }),
        lookups: lookupsFor([a, b], { links: { '1': a.id, '2': b.id } }),
      }),
    );
    const first = only(rows, '1');
    // Person 1's grade is 05 but grade level is on: the account has none, so it is an update too.
    assert.equal(first.decision, 'update');
    assert.deepEqual(first.changes, { grade: { from: null, to: '05' } });
    assert.equal(first.accountId, a.id);
    const second = only(rows, '2');
    assert.equal(second.decision, 'update');
    assert.deepEqual(second.changes.grade, { from: '04', to: '05' });

    const c = account('user3@contoso.edu', { anchor: 'User_3' });
    const noop = plan(planInput({ people: [person('3')], lookups: lookupsFor([c], { links: { '3': c.id } }) }));
    assert.equal(noop[0].decision, 'noop');
    assert.deepEqual(noop[0].changes, {});
    assert.equal(noop[0].plannedUpn, 'user3@contoso.edu');
    assert.match(noop[0].reason, /Linked by an earlier run/);
  });

  test('matched by the rule (case-insensitively) → link, writing the anchor', () => {
    const a = account('USER1@Contoso.edu');
    const [row] = plan(planInput({ people: [person('1')], lookups: lookupsFor([a]) }));
    assert.equal(row.decision, 'link');
    assert.equal(row.accountId, a.id);
    assert.deepEqual(row.candidateIds, [a.id]);
    assert.deepEqual(row.changes, { anchor: { from: null, to: 'User_1' } });
    assert.equal(row.rule, 'username → userPrincipalName (+@contoso.edu)');
    assert.match(row.reason, /Matched by userPrincipalName/);
  });

  test('an account carrying the person’s anchor → link, before and regardless of the rule', () => {
    const anchored = account('renamed@contoso.edu', { anchor: 'User_1' });
    const byRule = account('user1@contoso.edu');
    const [row] = plan(planInput({ people: [person('1')], lookups: lookupsFor([anchored, byRule]) }));
    assert.equal(row.decision, 'link');
    assert.equal(row.accountId, anchored.id);
    assert.deepEqual(row.changes, {});
    assert.match(row.reason, /anchor/);
  });

  test('an anchored account linked to someone else is not taken over', () => {
    const anchored = account('x@contoso.edu', { anchor: 'User_1' });
    const rows = plan(
      planInput({
        people: [person('1', { username: 'x' })],
        lookups: lookupsFor([anchored], { otherOwners: { [anchored.id]: '999' } }),
      }),
    );
    assert.equal(rows[0].decision, 'conflict');
    assert.match(rows[0].reason, /already linked to person '999'/);
  });
});

describe('plan: conflicts never create', () => {
  test('two accounts with the matched value → ambiguous conflict, nothing created', () => {
    const mailRule = new Map([['students', rule('students', { sourceIdentifier: 'email', matchTarget: 'mail' })]]);
    const a = account('a@contoso.edu', { mail: 'kid@contoso.edu' });
    const b = account('b@contoso.edu', { mail: 'KID@contoso.edu' });
    const [row] = plan(
      planInput({ people: [person('1', { email: 'kid@contoso.edu' })], rules: mailRule, lookups: lookupsFor([a, b]) }),
    );
    assert.equal(row.decision, 'conflict');
    assert.match(row.reason, /Ambiguous match: 2 accounts have mail 'kid@contoso.edu'/);
    assert.deepEqual(row.candidateIds.sort(), [a.id, b.id].sort());
    assert.equal(row.plannedUpn, null);
    assert.equal(row.accountId, null);
  });

  test('a matching account linked to another person → conflict (taken)', () => {
    const a = account('user1@contoso.edu');
    const [row] = plan(
      planInput({ people: [person('1')], lookups: lookupsFor([a], { otherOwners: { [a.id]: '77' } }) }),
    );
    assert.equal(row.decision, 'conflict');
    assert.match(row.reason, /already linked to person '77'/);
  });

  test('a matching account linked earlier to the same person (deleted link) is re-matched', () => {
    const a = account('user1@contoso.edu');
    const [row] = plan(
      planInput({ people: [person('1')], lookups: lookupsFor([a], { links: { '1': 'gone' }, otherOwners: {} }) }),
    );
    assert.equal(row.decision, 'link');
    assert.equal(row.accountId, a.id);
    assert.match(row.reason, /^The linked account was deleted\. Matched by userPrincipalName/);
  });

  test('two people resolving to one existing account: the first links, the second is a conflict', () => {
    const a = account('same@contoso.edu');
    const rows = plan(
      planInput({
        people: [person('1', { username: 'same' }), person('2', { username: 'SAME' })],
        lookups: lookupsFor([a]),
      }),
    );
    assert.equal(only(rows, '1').decision, 'link');
    assert.equal(only(rows, '2').decision, 'conflict');
    assert.match(only(rows, '2').reason, /already linked to person '1'/);
  });

  test('two people resolving to one new UPN: the first is created, the second is a conflict', () => {
    const rows = plan(planInput({ people: [person('1', { username: 'twin' }), person('2', { username: 'Twin' })] }));
    assert.equal(only(rows, '1').decision, 'create');
    assert.equal(only(rows, '2').decision, 'conflict');
    assert.match(only(rows, '2').reason, /Person '1' resolves to the same userPrincipalName 'Twin@contoso.edu'/);
  });

  test('a person linked by an earlier run keeps the account against a newcomer with the same value', () => {
    const a = account('same@contoso.edu', { anchor: 'User_2' });
    // Person 1 comes first in the roster, but person 2 holds the link: links are honoured before rules.
    const rows = plan(
      planInput({
        people: [person('1', { username: 'same' }), person('2', { username: 'same' })],
        lookups: lookupsFor([a], { links: { '2': a.id } }),
      }),
    );
    assert.equal(only(rows, '2').decision, 'noop');
    assert.equal(only(rows, '1').decision, 'conflict');
  });

  test('a missing source identifier → conflict naming it', () => {
    const emailRule = new Map([['students', rule('students', { sourceIdentifier: 'email' })]]);
    const [row] = plan(planInput({ people: [person('1', { email: null })], rules: emailRule }));
    assert.equal(row.decision, 'conflict');
    assert.match(row.reason, /no email, which the students rule matches on/);
  });

  test('a value without @ and no domainName cannot be a UPN → conflict when creating', () => {
    const bare = new Map([['students', rule('students', { domainName: null })]]);
    const [row] = plan(planInput({ people: [person('1', { username: 'ada' })], rules: bare }));
    assert.equal(row.decision, 'conflict');
    assert.match(row.reason, /'ada' is not a valid userPrincipalName/);
    assert.equal(row.plannedUpn, null);
  });

  test('no default password (and none on the row) → conflict; a per-row password is enough', () => {
    const noPassword = settings({
      creation: new Map([['students', { sealedPassword: null, licenseSkus: [] }]]),
    });
    const rows = plan(
      planInput({
        people: [person('1'), person('2', { sealedPassword: 'sealed-row' })],
        settings: noPassword,
      }),
    );
    assert.equal(only(rows, '1').decision, 'conflict');
    assert.match(only(rows, '1').reason, /role group 'students' has no default password/);
    assert.equal(only(rows, '2').decision, 'create');
  });

  test('no creation configuration for the role group → conflict', () => {
    const staffOnly = settings({ creation: new Map([['staff', { sealedPassword: 's', licenseSkus: [] }]]) });
    const [row] = plan(planInput({ people: [person('1')], settings: staffOnly }));
    assert.equal(row.decision, 'conflict');
    assert.match(row.reason, /no creation configuration for role group 'students'/);
  });

  test('missing givenName or familyName → conflict when creating, not when matching', () => {
    const a = account('user2@contoso.edu');
    const rows = plan(
      planInput({
        people: [person('1', { givenName: null }), person('2', { familyName: null }), person('3', { familyName: '' })],
        lookups: lookupsFor([a]),
      }),
    );
    assert.equal(only(rows, '1').decision, 'conflict');
    assert.match(only(rows, '1').reason, /givenName and familyName are required/);
    assert.equal(only(rows, '2').decision, 'link');
    assert.equal(only(rows, '3').decision, 'conflict');
  });
});

describe('plan: creation and skips', () => {
  test('an unmatched person → create with the UPN from the rule and the managed attributes', () => {
    const [row] = plan(
      planInput({
        people: [person('1', { username: 'Ada', userNumber: 'S-1' })],
        settings: settings({ gradeLevel: true, userNumber: true, studentAgeGroup: 'minor' }),
      }),
    );
    assert.equal(row.decision, 'create');
    assert.equal(row.plannedUpn, 'Ada@contoso.edu');
    assert.equal(row.roleGroup, 'students');
    assert.equal(row.role, 'student');
    assert.deepEqual(row.changes, {
      anchor: { from: null, to: 'User_1' },
      grade: { from: null, to: '05' },
      userNumber: { from: null, to: 'S-1' },
      ageGroup: { from: null, to: 'minor' },
    });
    assert.match(row.reason, /No account matches\. A new account will be created\./);
  });

  test('a person with staff and student roles is planned with the staff rule', () => {
    const rules = new Map([
      ['staff', rule('staff', { domainName: 'staff.contoso.edu' })],
      ['students', rule('students', { domainName: 'students.contoso.edu' })],
    ]);
    const both = person('1', { username: 'dual', roles: [role('student'), role('teacher')] });
    const [row] = plan(planInput({ people: [both], rules }));
    assert.equal(row.roleGroup, 'staff');
    assert.equal(row.role, 'teacher');
    assert.equal(row.plannedUpn, 'dual@staff.contoso.edu');
    assert.equal(row.rule, 'username → userPrincipalName (+@staff.contoso.edu)');
  });

  test('a deleted linked account: re-created, with the reason saying so', () => {
    const [row] = plan(planInput({ people: [person('1')], lookups: lookupsFor([], { links: { '1': 'deleted' } }) }));
    assert.equal(row.decision, 'create');
    assert.match(row.reason, /^The linked account was deleted\. No account matches\./);
  });

  test('a deleted linked account: an account with the anchor is linked instead', () => {
    const anchored = account('elsewhere@contoso.edu', { anchor: 'User_1' });
    const [row] = plan(
      planInput({ people: [person('1')], lookups: lookupsFor([anchored], { links: { '1': 'deleted' } }) }),
    );
    assert.equal(row.decision, 'link');
    assert.equal(row.accountId, anchored.id);
    assert.match(row.reason, /linked account was deleted; an account with the person’s anchor was found/);
  });

  test('a deleted linked account and creation off → skip, with the reason saying so', () => {
    const [row] = plan(
      planInput({
        people: [person('1')],
        settings: settings({ createUnmatchedUsers: false }),
        lookups: lookupsFor([], { links: { '1': 'deleted' } }),
      }),
    );
    assert.equal(row.decision, 'skip');
    assert.match(row.reason, /^The linked account was deleted\. No account matches and createUnmatchedUsers is off/);
  });

  test('no matching rule for the role group → skip', () => {
    const staffOnly = new Map([['staff', rule('staff')]]);
    const [row] = plan(planInput({ people: [person('1')], rules: staffOnly }));
    assert.equal(row.decision, 'skip');
    assert.match(row.reason, /no matching rule for role group 'students'/);
    assert.equal(row.rule, null);
  });

  test('roles in no role group → skip', () => {
    const [row] = plan(planInput({ people: [person('1', { roles: [role('other')] })] }));
    assert.equal(row.decision, 'skip');
    assert.equal(row.roleGroup, null);
    assert.equal(row.role, 'other');
    assert.match(row.reason, /No role group contains the roles 'other'/);
  });

  test('createUnmatchedUsers off → skip, nothing planned', () => {
    const [row] = plan(planInput({ people: [person('1')], settings: settings({ createUnmatchedUsers: false }) }));
    assert.equal(row.decision, 'skip');
    assert.equal(row.plannedUpn, null);
    assert.match(row.reason, /createUnmatchedUsers is off/);
  });
});

describe('plan: departed people', () => {
  const departedAccount = account('gone@contoso.edu', { anchor: 'User_9' });

  test('deprovision none leaves the account as it is', () => {
    const rows = plan(planInput({ people: [], departed: [{ sourcedId: '9', account: departedAccount }] }));
    assert.equal(rows.length, 1);
    assert.equal(rows[0].decision, 'skip');
    assert.equal(rows[0].accountId, departedAccount.id);
    assert.equal(rows[0].roleGroup, null);
    assert.match(rows[0].reason, /deprovision policy 'none' leaves the account/);
  });

  test('deprovision disable disables an enabled account, and only once', () => {
    const options = { usageLocation: 'US', deprovision: 'disable' as const };
    const [row] = plan(planInput({ people: [], options, departed: [{ sourcedId: '9', account: departedAccount }] }));
    assert.equal(row.decision, 'update');
    assert.deepEqual(row.changes, { accountEnabled: { from: true, to: false } });
    const disabled = { ...departedAccount, accountEnabled: false };
    const [again] = plan(planInput({ people: [], options, departed: [{ sourcedId: '9', account: disabled }] }));
    assert.equal(again.decision, 'skip');
  });

  test('a departed person whose account was deleted is reported, nothing else', () => {
    const [row] = plan(planInput({ people: [], departed: [{ sourcedId: '9', account: null }] }));
    assert.equal(row.decision, 'skip');
    assert.match(row.reason, /linked account no longer exists/);
  });
});

describe('plan: operator resolutions', () => {
  test('resolution "account" links the chosen account even when the rule is ambiguous', () => {
    const a = account('kid@contoso.edu', { mail: 'kid@x.edu' });
    const b = account('kid2@contoso.edu', { mail: 'kid@x.edu' });
    const mailRule = new Map([['students', rule('students', { sourceIdentifier: 'email', matchTarget: 'mail' })]]);
    const [row] = plan(
      planInput({
        people: [person('1', { email: 'kid@x.edu' })],
        rules: mailRule,
        lookups: lookupsFor([a, b], { resolutions: { '1': { resolution: 'account', accountId: b.id } } }),
      }),
    );
    assert.equal(row.decision, 'link');
    assert.equal(row.accountId, b.id);
    assert.match(row.reason, /resolved by an operator/);
  });

  test('resolution "account" naming an account linked to another person is not honoured', () => {
    const a = account('other@contoso.edu');
    const [row] = plan(
      planInput({
        people: [person('1')],
        settings: settings({ createUnmatchedUsers: false }),
        lookups: lookupsFor([a], {
          otherOwners: { [a.id]: '5' },
          resolutions: { '1': { resolution: 'account', accountId: a.id } },
        }),
      }),
    );
    assert.notEqual(row.accountId, a.id);
    assert.equal(row.decision, 'skip');
  });

  test('resolution "create" ignores the (ambiguous) rule candidates and creates', () => {
    const mailRule = new Map([['students', rule('students', { sourceIdentifier: 'email', matchTarget: 'mail' })]]);
    const a = account('a@contoso.edu', { mail: 'kid@x.edu' });
    const b = account('b@contoso.edu', { mail: 'kid@x.edu' });
    const input = planInput({
      people: [person('1', { email: 'kid@x.edu' })],
      rules: mailRule,
      lookups: lookupsFor([a, b]),
    });
    assert.equal(plan(input)[0].decision, 'conflict');
    const resolved = {
      ...input,
      lookups: lookupsFor([a, b], { resolutions: { '1': { resolution: 'create', accountId: null } } }),
    };
    const [row] = plan(resolved);
    assert.equal(row.decision, 'create');
    assert.equal(row.plannedUpn, 'kid@x.edu');
    assert.deepEqual(row.candidateIds, []);
    assert.match(row.reason, /Created as resolved by an operator/);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RelatedContact } from '../directory/types.js';
import { diffAttributes, managedAttributes } from './desired.js';
import { GROUPS, RULES, account, person, role, settings } from './fixtures-for-tests.js';
import { effectiveRole } from './role-groups.js';
import type { RosterPerson } from './types.js';

const contact = (name: string, over: Partial<RelatedContact> = {}): RelatedContact => ({
  displayName: name,
  emailAddress: `${name.toLowerCase()}@mail.example`,
  mobilePhone: null,
  relationship: 'parent',
  accessConsent: null,
  ...over,
});

const desiredFor = (p: RosterPerson, s = settings()) => managedAttributes(p, effectiveRole(p.roles, GROUPS, RULES)!, s);

const ALL_ON = settings({
  gradeLevel: true,
  userNumber: true,
  studentAgeGroup: 'minor',
  allowStudentContactAssociation: true,
});

describe('managedAttributes (spec §4)', () => {
  test('always the anchor; nothing else with every option off', () => {
    assert.deepEqual(desiredFor(person('1', { userNumber: 'N1' })), { anchor: 'User_1' });
  });

  test('students get grade, userNumber, ageGroup and contacts when the options are on', () => {
    const kid = person('1', { userNumber: 'N1', contacts: [contact('Zoe'), contact('Adam')] });
    assert.deepEqual(desiredFor(kid, ALL_ON), {
      anchor: 'User_1',
      grade: '05',
      userNumber: 'N1',
      ageGroup: 'minor',
      relatedContacts: [contact('Adam'), contact('Zoe')],
    });
  });

  test('staff get userNumber only: no grade, age group or contacts', () => {
    const teacher = person('2', {
      userNumber: 'T2',
      roles: [role('teacher', { grade: '05', isPrimary: true })],
      contacts: [contact('Zoe')],
    });
    assert.deepEqual(desiredFor(teacher, ALL_ON), { anchor: 'User_2', userNumber: 'T2' });
  });

  test('the grade comes from the primary student role', () => {
    const kid = person('1', {
      roles: [role('student', { orgSourcedId: 'a', grade: '06' }), role('student', { grade: '07', isPrimary: true })],
    });
    assert.equal(desiredFor(kid, ALL_ON).grade, '07');
  });

  test('values the roster lacks are left out, not cleared', () => {
    const kid = person('1', { userNumber: null, roles: [role('student', { grade: null })] });
    const desired = desiredFor(kid, ALL_ON);
    assert.equal('grade' in desired, false);
    assert.equal('userNumber' in desired, false);
    const acc = account('k@contoso.edu', {
      anchor: 'User_1',
      grade: '03',
      userNumber: 'OLD',
      ageGroup: 'minor',
    });
    assert.deepEqual(diffAttributes(acc, desired), {});
  });

  test('studentAgeGroup null turns age groups off', () => {
    assert.equal('ageGroup' in desiredFor(person('1'), settings({ studentAgeGroup: null })), false);
    assert.equal(desiredFor(person('1'), settings({ studentAgeGroup: 'notAdult' })).ageGroup, 'notAdult');
  });
});

describe('diffAttributes', () => {
  test('reports only what differs, with from and to', () => {
    const acc = account('k@contoso.edu', { anchor: 'User_1', grade: '04', ageGroup: 'minor' });
    const changes = diffAttributes(acc, { anchor: 'User_1', grade: '05', ageGroup: 'minor', userNumber: 'N' });
    assert.deepEqual(changes, { grade: { from: '04', to: '05' }, userNumber: { from: null, to: 'N' } });
  });

  test('anchors compare case-insensitively, as the directory searches them', () => {
    assert.deepEqual(diffAttributes(account('k@x.edu', { anchor: 'user_ab' }), { anchor: 'User_AB' }), {});
    assert.deepEqual(diffAttributes(account('k@x.edu', { anchor: null }), { anchor: 'User_AB' }), {
      anchor: { from: null, to: 'User_AB' },
    });
  });

  test('related contacts compare order-insensitively and with absent optional fields as null', () => {
    const stored = [
      { displayName: 'Zoe', emailAddress: 'zoe@mail.example', relationship: 'parent' } as RelatedContact,
      contact('Adam'),
    ];
    const acc = account('k@x.edu', { relatedContacts: stored });
    const desired = desiredFor(person('1', { contacts: [contact('Adam'), contact('Zoe')] }), ALL_ON);
    assert.equal('relatedContacts' in diffAttributes(acc, desired), false);
  });

  test('contacts that differ only in a later field still compare order-insensitively', () => {
    const twice = [contact('Sam', { relationship: 'parent' }), contact('Sam', { relationship: 'guardian' })];
    const acc = account('k@x.edu', { relatedContacts: twice });
    const desired = desiredFor(person('1', { contacts: [...twice].reverse() }), ALL_ON);
    assert.equal('relatedContacts' in diffAttributes(acc, desired), false);
  });

  test('a changed contact is a change of the whole list', () => {
    const acc = account('k@x.edu', { relatedContacts: [contact('Adam')] });
    const contactsOnly = settings({ allowStudentContactAssociation: true });
    const desired = desiredFor(
      person('1', { contacts: [contact('Adam', { mobilePhone: '+15550100' })] }),
      contactsOnly,
    );
    const changes = diffAttributes(acc, desired);
    assert.deepEqual(Object.keys(changes), ['anchor', 'relatedContacts']);
    assert.deepEqual(changes.relatedContacts.to, [contact('Adam', { mobilePhone: '+15550100' })]);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GROUPS, RULES, role, rule } from './fixtures-for-tests.js';
import { effectiveRole } from './role-groups.js';
import type { PersonRole } from './types.js';

const groupOf = (roles: PersonRole[], rules = RULES) => effectiveRole(roles, GROUPS, rules)?.group.id ?? null;

describe('effectiveRole: the isPrimary rules of spec §2.2', () => {
  test('isPrimary on all of the student roles, staff roles also present → students', () => {
    const roles = [
      role('teacher', { orgSourcedId: 'a', isPrimary: false }),
      role('student', { orgSourcedId: 'b', isPrimary: true }),
      role('student', { orgSourcedId: 'c', isPrimary: true }),
    ];
    assert.equal(groupOf(roles), 'students');
    assert.equal(groupOf([role('teacher'), role('student', { isPrimary: true })]), 'students');
  });

  test('isPrimary on any staff role → staff', () => {
    const roles = [role('teacher', { isPrimary: true }), role('student', { isPrimary: false })];
    assert.equal(groupOf(roles), 'staff');
  });

  test('isPrimary on both a staff and a student role → staff', () => {
    const roles = [role('student', { isPrimary: true }), role('teacher', { isPrimary: true })];
    assert.equal(groupOf(roles), 'staff');
  });

  test('isPrimary nowhere (mixed roles) → staff, whether false or absent', () => {
    assert.equal(groupOf([role('student'), role('teacher')]), 'staff');
    assert.equal(groupOf([role('student', { isPrimary: false }), role('aide', { isPrimary: false })]), 'staff');
  });

  test('staff wins an unclear case even without matching rules', () => {
    assert.equal(groupOf([role('student'), role('teacher')], new Map()), 'staff');
  });

  test('priorityOrder of the rules decides an unclear case (lowest first)', () => {
    const studentsFirst = new Map([
      ['staff', rule('staff', { priorityOrder: 5 })],
      ['students', rule('students', { priorityOrder: 1 })],
    ]);
    assert.equal(groupOf([role('student'), role('teacher')], studentsFirst), 'students');
  });

  test('roles in a single group → that group, isPrimary or not', () => {
    assert.equal(groupOf([role('student', { isPrimary: false })]), 'students');
    assert.equal(groupOf([role('teacher'), role('principal', { orgSourcedId: 'b' })]), 'staff');
  });

  test('roles in no group → null; unknown roles are ignored beside known ones', () => {
    assert.equal(effectiveRole([role('other')], GROUPS, RULES), null);
    assert.equal(effectiveRole([], GROUPS, RULES), null);
    assert.equal(groupOf([role('other', { isPrimary: true }), role('student')]), 'students');
  });

  test('the representative role is a primary one of the chosen group, else its first', () => {
    const primary = role('student', { orgSourcedId: 'b', grade: '07', isPrimary: true });
    const eff = effectiveRole([role('student', { orgSourcedId: 'a', grade: '06' }), primary], GROUPS, RULES);
    assert.equal(eff?.role, primary);
    const first = role('teacher', { orgSourcedId: 'a' });
    const staff = effectiveRole([first, role('principal', { orgSourcedId: 'b' })], GROUPS, RULES);
    assert.equal(staff?.role, first);
    // A primary role of the group that lost is not the representative.
    const mixed = effectiveRole(
      [role('student', { isPrimary: true }), role('teacher', { isPrimary: true, orgSourcedId: 'x' })],
      GROUPS,
      RULES,
    );
    assert.equal(mixed?.role.role, 'teacher');
  });
});

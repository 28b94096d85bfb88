import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decisionCounts, mergeRoleCounts, peopleByRole } from './statistics.js';
import type { Decision, PlanRow } from './types.js';

const row = (decision: Decision, role: string | null, roleGroup: string | null = role ? 'g' : null): PlanRow => ({
  sourcedId: Math.random().toString(36),
  roleGroup,
  role,
  rule: null,
  candidateIds: [],
  decision,
  reason: '',
  plannedUpn: null,
  changes: {},
  accountId: null,
});

describe('statistics', () => {
  test('matched people had an account (link, update, noop); the rest are unmatched; departed rows count nowhere', () => {
    const rows = [
      row('link', 'student'),
      row('noop', 'student'),
      row('update', 'teacher'),
      row('create', 'student'),
      row('conflict', 'teacher'),
      row('skip', 'other', null),
      row('skip', null, null),
    ];
    assert.deepEqual(peopleByRole(rows), {
      matched: [
        { count: 2, role: 'student' },
        { count: 1, role: 'teacher' },
      ],
      unmatched: [
        { count: 1, role: 'student' },
        { count: 1, role: 'teacher' },
      ],
    });
  });

  test('decision counts and merged role counts', () => {
    assert.deepEqual(decisionCounts([row('link', 'a'), row('link', 'a'), row('skip', null)]), {
      create: 0,
      link: 2,
      update: 0,
      noop: 0,
      conflict: 0,
      skip: 1,
    });
    assert.deepEqual(
      mergeRoleCounts([
        [{ count: 1, role: 'teacher' }],
        [
          { count: 2, role: 'student' },
          { count: 3, role: 'teacher' },
        ],
      ]),
      [
        { count: 4, role: 'teacher' },
        { count: 2, role: 'student' },
      ],
    );
  });
});

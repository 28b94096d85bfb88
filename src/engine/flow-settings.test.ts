import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readMatchingRules, readUserFlowSettings, userFlowReadiness } from './flow-settings.js';
import { rule, settings } from './fixtures-for-tests.js';

/** Settings as the configuration service stores them: bound role groups under `roleGroup@id`. */

describe('readMatchingRules', () => {
  test('one rule per role group, the lowest priorityOrder winning, with defaults and a trimmed domain', () => {
    const rules = readMatchingRules({
      userMatchingSettings: [
        { 'roleGroup@id': 'students', priorityOrder: 3, sourceIdentifier: { code: 'email' } },
        {
          'roleGroup@id': 'students',
          priorityOrder: 1,
          sourceIdentifier: { code: 'username' },
          matchTarget: { code: 'mail' },
          domainName: '  contoso.edu ',
        },
        { 'roleGroup@id': 'staff', domainName: '   ' },
      ],
    });
    assert.deepEqual(rules.get('students'), {
      roleGroupId: 'students',
      sourceIdentifier: 'username',
      matchTarget: 'mail',
      domainName: 'contoso.edu',
      priorityOrder: 1,
    });
    assert.deepEqual(rules.get('staff'), {
      roleGroupId: 'staff',
      sourceIdentifier: 'username',
      matchTarget: 'userPrincipalName',
      domainName: null,
      priorityOrder: 0,
    });
    assert.equal(readMatchingRules(null).size, 0);
  });
});

describe('readUserFlowSettings', () => {
  test('creation per role group, management options and the flow set filter', () => {
    const s = readUserFlowSettings(
      {
        createUnmatchedUsers: true,
        creationOptions: {
          configurations: [
            {
              'roleGroup@id': 'staff',
              defaultPasswordSettings: { password: 'sealed' },
              licenseSkus: ['a'],
            },
          ],
        },
        managementOptions: {
          additionalAttributes: ['userGradeLevel'],
          additionalOptions: { studentAgeGroup: 'notAdult', allowStudentContactAssociation: true },
        },
      },
      { filter: { attribute: 'orgExternalId', in: ['school-1'] } },
    );
    assert.equal(s.createUnmatchedUsers, true);
    assert.deepEqual(s.creation.get('staff'), { sealedPassword: 'sealed', licenseSkus: ['a'] });
    assert.equal(s.gradeLevel, true);
    assert.equal(s.userNumber, false);
    assert.equal(s.studentAgeGroup, 'notAdult');
    assert.equal(s.allowStudentContactAssociation, true);
    assert.deepEqual([...s.orgFilter!], ['school-1']);
    const empty = readUserFlowSettings({}, {});
    assert.equal(empty.createUnmatchedUsers, false);
    assert.equal(empty.orgFilter, null);
    assert.equal(empty.studentAgeGroup, null);
  });
});

describe('userFlowReadiness (docs/decisions.md)', () => {
  const both = new Map([
    ['staff', rule('staff')],
    ['students', rule('students')],
  ]);

  test('notReady without any matching rule', () => {
    assert.deepEqual(userFlowReadiness(settings(), new Map()), {
      status: 'notReady',
      reason: 'No source system has user matching settings.',
    });
  });

  test('matching only (creation off) is ready with rules alone', () => {
    assert.equal(
      userFlowReadiness(settings({ createUnmatchedUsers: false, creation: new Map() }), both).status,
      'ready',
    );
  });

  test('with creation on, every role group with a rule needs a configuration with a password', () => {
    assert.equal(userFlowReadiness(settings(), both).status, 'ready');
    const staffOnly = settings({ creation: new Map([['staff', { sealedPassword: 's', licenseSkus: [] }]]) });
    assert.match(userFlowReadiness(staffOnly, both).reason!, /role group 'students' has no creation configuration/);
    const noPassword = settings({
      creation: new Map([
        ['staff', { sealedPassword: 's', licenseSkus: [] }],
        ['students', { sealedPassword: null, licenseSkus: [] }],
      ]),
    });
    assert.deepEqual(userFlowReadiness(noPassword, both), {
      status: 'notReady',
      reason: "Role group 'students' has no default password.",
    });
    // A role group without a rule needs no configuration.
    assert.equal(userFlowReadiness(staffOnly, new Map([['staff', rule('staff')]])).status, 'ready');
  });
});

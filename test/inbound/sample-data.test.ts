/**
 * Every SDS v2.1 / OneRoster sample set under shared/data (see its SOURCES.md): clean sets import with zero
 * errors and counts that match the files; the defective OneRoster 1.2 set has each defect reported at its
 * documented severity; legacy SDS v1/v2 sets are recognised and rejected.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Finding } from '../../src/inbound/model.js';
import { read, show } from './support/roster.js';
import { sharedData } from './support/shared-data.js';

/** Data rows of a sample file (non-empty lines after the header). */
function rows(set: string, file: string): number {
  const text = readFileSync(sharedData(set, file), 'utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
}

function has(findings: Finding[], code: string, where: Partial<Finding> = {}): Finding[] {
  return findings.filter(
    (f) => f.code === code && Object.entries(where).every(([k, v]) => f[k as keyof Finding] === v),
  );
}

describe('sample data: SDS v2.1 (Microsoft sample)', () => {
  const set = 'o365-edu-tools-sds-v2.1';

  it('imports with zero findings and the counts of the files', async () => {
    const res = await read(sharedData(set));
    assert.equal(res.catastrophic, null);
    assert.equal(res.format, 'sds-v2.1');
    assert.equal(res.mode, 'bulk');
    assert.deepEqual(res.findings, [], show(res.findings));
    const expected = {
      orgs: rows(set, 'orgs.csv'),
      persons: rows(set, 'users.csv'),
      roles: rows(set, 'roles.csv'),
      sessions: rows(set, 'academicSessions.csv'),
      courses: rows(set, 'courses.csv'),
      classes: rows(set, 'classes.csv'),
      enrollments: rows(set, 'enrollments.csv'),
      demographics: rows(set, 'demographics.csv'),
      userFlags: rows(set, 'userFlags.csv'),
      relationships: rows(set, 'relationships.csv'),
    };
    assert.deepEqual(expected, {
      orgs: 4,
      persons: 8,
      roles: 7,
      sessions: 2,
      courses: 3,
      classes: 2,
      enrollments: 6,
      demographics: 6,
      userFlags: 3,
      relationships: 3,
    });
    for (const [entity, n] of Object.entries(expected)) {
      assert.equal(res.counts.accepted[entity as keyof typeof expected], n, entity);
    }
  });

  it('normalizes values: contacts, booleans, grades, org types', async () => {
    const { records } = await read(sharedData(set));
    assert.ok(records);
    const contacts = records.persons.filter((p) => p.isContact).map((p) => p.sourcedId);
    assert.deepEqual(contacts, ['114002', '114005']);
    const multi = records.roles.filter((r) => r.userSourcedId === '114007');
    assert.deepEqual(
      multi.map((r) => [r.orgSourcedId, r.role, r.isPrimary]),
      [
        ['110004', 'teacher', true],
        ['110003', 'teacher', false],
      ],
    );
    assert.equal(records.roles.find((r) => r.userSourcedId === '114006')?.grade, 'ps1');
    assert.deepEqual(records.courses.find((c) => c.sourcedId === 'C12001')?.grades, ['ps1']);
    assert.equal(records.orgs.find((o) => o.sourcedId === '110004')?.type, 'ministryOfEducation');
    assert.equal(records.orgs.find((o) => o.sourcedId === '110003')?.parentSourcedId, '110004');
  });
});

describe('sample data: legacy SDS formats are recognised and rejected', () => {
  const sets = [
    'o365-edu-tools-sds-v2',
    ...['o365-edu-tools-sds-v1', 'o365-edu-tools-sds-v1-uk'].flatMap((v) =>
      readdirSync(sharedData(v)).map((sub) => `${v}/${sub}`),
    ),
  ];
  for (const set of sets) {
    it(set, async () => {
      const res = await read(sharedData(set));
      assert.equal(res.catastrophic?.code, 'UNSUPPORTED_FORMAT', show(res.findings));
      assert.match(res.catastrophic.message, set.endsWith('sds-v2') ? /SDS v2 \(2020 preview\)/ : /legacy SDS v1/);
      assert.equal(res.format, null);
      assert.equal(res.counts.accepted.persons, 0);
    });
  }
});

describe('sample data: clean OneRoster sets', () => {
  const cases = [
    { set: 'catalyst-moodle-enrol-oneroster/Test_full_data_set', format: 'oneroster-1.1', mode: 'bulk' },
    { set: 'catalyst-moodle-enrol-oneroster/Test_minimal_data_set', format: 'oneroster-1.1', mode: 'bulk' },
    { set: 'catalyst-moodle-enrol-oneroster/oneroster_test_data', format: 'oneroster-1.2', mode: 'delta' },
  ];
  for (const c of cases) {
    it(`${c.set} imports with zero errors`, async () => {
      const res = await read(sharedData(c.set));
      assert.equal(res.catastrophic, null, show(res.findings));
      assert.equal(res.format, c.format);
      assert.equal(res.mode, c.mode);
      assert.equal(res.counts.findings.error, 0, show(res.findings));
      assert.equal(res.counts.accepted.orgs, rows(c.set, 'orgs.csv'));
      assert.equal(res.counts.accepted.persons, rows(c.set, 'users.csv'));
      assert.equal(res.counts.accepted.classes, rows(c.set, 'classes.csv'));
      assert.equal(res.counts.accepted.enrollments, rows(c.set, 'enrollments.csv'));
      assert.equal(res.counts.accepted.sessions, rows(c.set, 'academicSessions.csv'));
    });
  }

  it('OneRoster 1.1: one role per org of each non-contact user, contacts and relationships from agents', async () => {
    const res = await read(sharedData('catalyst-moodle-enrol-oneroster/Test_full_data_set'));
    const { records, findings } = res;
    assert.ok(records);
    // 6 users: the parent becomes a contact, the 5 others one role each in their single org.
    assert.equal(records.roles.length, 5);
    assert.deepEqual(
      records.persons.filter((p) => p.isContact).map((p) => p.sourcedId),
      ['usr-222-1234561'],
    );
    assert.deepEqual(records.relationships, [
      { userSourcedId: 'usr-222-66778899', relationshipUserSourcedId: 'usr-222-1234561', relationshipRole: 'parent' },
    ]);
    // Known quirks of the set are warnings, never errors.
    assert.equal(has(findings, 'UNEXPECTED_DELTA_FIELD').length, 10, show(findings));
    assert.equal(has(findings, 'UNKNOWN_REFERENCE', { field: 'parentSourcedId', severity: 'warning' }).length, 3);
    assert.equal(has(findings, 'INVALID_PHONE', { severity: 'warning' }).length, 12);
    assert.equal(has(findings, 'REFERENCED_FILE_ABSENT', { file: 'classes.csv', field: 'courseSourcedId' }).length, 1);
    assert.equal(has(findings, 'INVALID_AGENT').length, 4);
    assert.equal(records.classes[0].classType, 'scheduled');
    assert.deepEqual(records.classes[1].sessionSourcedIds, ['as-trm-222-1234', 'as-trm-222-1235']);
  });

  it('OneRoster 1.2 delta: records carry status and dateLastModified, roleType primary → isPrimary', async () => {
    const { records, findings } = await read(sharedData('catalyst-moodle-enrol-oneroster/oneroster_test_data'));
    assert.deepEqual(findings, [], show(findings));
    assert.ok(records);
    assert.equal(records.persons[0].status, 'active');
    assert.equal(records.persons[0].dateLastModified, '2023-10-02T00:00:00.000Z');
    assert.deepEqual(
      [records.roles[0].role, records.roles[0].isPrimary, records.roles[0].sourcedId],
      ['student', true, 'ROLE_8'],
    );
    assert.equal(records.userProfiles[0].vendorId, 'WEI18954');
  });
});

describe('sample data: defective OneRoster 1.2 set (v1p2_full_dataset)', () => {
  const set = 'catalyst-moodle-enrol-oneroster/v1p2_full_dataset';

  it('reports each defect at its documented severity and still reads every record', async () => {
    const res = await read(sharedData(set));
    const f = res.findings;
    assert.equal(res.catastrophic, null, show(f));
    assert.equal(res.counts.findings.error, 0, show(f));
    // `dataLastModified` typo and the two trailing unnamed columns of roles.csv.
    assert.equal(
      has(f, 'UNKNOWN_HEADER', { file: 'roles.csv', field: 'dataLastModified', severity: 'warning' }).length,
      1,
    );
    assert.match(has(f, 'UNKNOWN_HEADER', { file: 'roles.csv' })[0].message, /did you mean dateLastModified/);
    assert.equal(has(f, 'EMPTY_HEADER', { file: 'roles.csv', severity: 'warning' }).length, 1);
    // `preffered*` typos in users.csv.
    const typos = has(f, 'UNKNOWN_HEADER', { file: 'users.csv', severity: 'warning' }).map((x) => x.field);
    assert.deepEqual(typos, ['prefferedGivenName', 'prefferedMiddleName', 'prefferedFamilyName']);
    // userprofiles.csv (wrong case, a copy of roles.csv) is not read; the manifest leaves file.userProfiles empty.
    const unsupported = has(f, 'UNSUPPORTED_FILE', { file: 'userprofiles.csv', severity: 'warning' });
    assert.match(unsupported[0].message, /did you mean userProfiles\.csv/);
    const manifest = has(f, 'INVALID_MANIFEST_VALUE', { severity: 'warning' }).map((x) => x.field);
    assert.deepEqual(manifest.sort(), ['file.scoreScales', 'file.userProfiles', 'file.userResources']);
    // Non-ISO dates such as 1/05/2023.
    const dates = has(f, 'INVALID_DATE', { file: 'users.csv', field: 'dateLastModified', severity: 'warning' });
    assert.deepEqual(
      dates.map((d) => [d.line, d.value]),
      [
        [2, '1/05/2023'],
        [4, '1/05/2023'],
        [5, '1/05/2023'],
        [6, '1/05/2023'],
        [7, '15/06/2023'],
      ],
    );
    assert.equal(res.counts.accepted.persons, rows(set, 'users.csv'));
    assert.equal(res.counts.accepted.roles, rows(set, 'roles.csv') - 1); // the guardian row makes a contact
  });

  it('maps roles (siteAdministrator → principal) and turns the guardian role into relationships', async () => {
    const { records } = await read(sharedData(set));
    assert.ok(records);
    assert.equal(records.roles.find((r) => r.sourcedId === 'rol-654-4564')?.role, 'principal');
    assert.equal(records.roles.find((r) => r.sourcedId === 'rol-654-4564')?.isPrimary, false);
    assert.equal(records.roles.find((r) => r.sourcedId === 'rol-123-1234')?.grade, '12');
    assert.deepEqual(
      records.relationships.map((r) => [r.userSourcedId, r.relationshipUserSourcedId, r.relationshipRole]),
      [
        ['usr-222-66778899', 'usr-222-123456', 'guardian'],
        ['usr-222-987654', 'usr-222-123456', 'guardian'],
        ['usr-222-1234561232', 'usr-222-123456', 'guardian'],
      ],
    );
  });
});

describe('sample data: OneRoster 1.1 set with header deviations (oat-sa)', () => {
  it('stops at the first missing required header', async () => {
    const res = await read(sharedData('oat-sa-oneroster-import/OneRosterv1p1BaseCSV'));
    assert.equal(res.format, 'oneroster-1.1');
    assert.equal(res.catastrophic?.code, 'MISSING_REQUIRED_HEADER');
    assert.equal(res.catastrophic.file, 'academicSessions.csv');
    assert.equal(res.catastrophic.field, 'schoolYear');
    // Caught in the header preflight: nothing was emitted.
    assert.equal(res.counts.accepted.orgs, 0);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDistrict } from './generate-district.js';
import type { GeneratedDistrictSummary } from './generate-district.js';
import { apportion } from './plan.js';
import { assertUnique, countBy, readCsv } from './read-csv-for-tests.js';
import type { Table } from './read-csv-for-tests.js';

// Typed out from Microsoft's SDS v2.1 sample files, not imported from the writer.
const SDS_HEADERS: Record<string, string> = {
  'orgs.csv': 'sourcedId,name,type,parentSourcedId',
  'users.csv': 'sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms',
  'roles.csv': 'userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary,roleStartDate,roleEndDate',
  'academicSessions.csv': 'sourcedId,title,type,schoolYear,startDate,endDate',
  'classes.csv': 'sourcedId,orgSourcedId,title,sessionSourcedIds,courseSourcedId',
  'enrollments.csv': 'classSourcedId,userSourcedId,role',
  'relationships.csv': 'userSourcedId,relationshipUserSourcedId,relationshipRole',
  'demographics.csv': 'userSourcedId,sex,birthDate,birthCity,birthState,birthCountry,ethnicityCodes,raceCodes',
};
const GRADE = /^(KG|0[1-9]|1[0-2])$/;
const SCHOOL_USERNAME = /^[a-z]+\.[a-z]+\d{3,}@contoso\.edu$/;

let root = '';
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'rosterlink-generate-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function sameFiles(a: string, b: string): Promise<boolean> {
  const names = (await readdir(a)).sort();
  assert.deepEqual((await readdir(b)).sort(), names);
  for (const n of names) if (!(await readFile(join(a, n))).equals(await readFile(join(b, n)))) return false;
  return true;
}

describe('generateDistrict determinism', () => {
  for (const format of ['sds-v2.1', 'oneroster-1.1'] as const) {
    test(`${format}: same seed gives identical files, another seed different ones`, async () => {
      const run = (dir: string, seed: number) =>
        generateDistrict({ persons: 1500, out: join(root, dir), format, seed });
      const a = await run(`${format}-a`, 7);
      const b = await run(`${format}-b`, 7);
      await run(`${format}-c`, 8);
      assert.deepEqual(a, b);
      assert.equal(await sameFiles(join(root, `${format}-a`), join(root, `${format}-b`)), true);
      assert.equal(await sameFiles(join(root, `${format}-a`), join(root, `${format}-c`)), false);
    });
  }
});

describe('generateDistrict sds-v2.1', () => {
  const persons = 5000;
  let dir = '';
  let summary: GeneratedDistrictSummary;
  const t: Record<string, Table> = {};

  before(async () => {
    dir = join(root, 'sds');
    summary = await generateDistrict({ persons, out: dir, format: 'sds-v2.1', seed: 42 });
    for (const name of Object.keys(SDS_HEADERS)) t[name] = await readCsv(dir, name);
  });

  test('writes exactly the SDS v2.1 files with Microsoft sample headers and CRLF lines', async () => {
    assert.deepEqual([...summary.files].sort(), Object.keys(SDS_HEADERS).sort());
    assert.deepEqual((await readdir(dir)).sort(), Object.keys(SDS_HEADERS).sort());
    for (const [name, header] of Object.entries(SDS_HEADERS)) {
      const text = await readFile(join(dir, name), 'utf8');
      assert.ok(text.startsWith(`${header}\r\n`), `${name} header`);
      assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, `${name} uses CRLF only`);
    }
  });

  test('summary matches the files and the requested ratios', () => {
    const roles = t['roles.csv'].rows;
    const students = new Set(roles.filter((r) => r.role === 'student').map((r) => r.userSourcedId));
    const staff = new Set(roles.filter((r) => r.role !== 'student').map((r) => r.userSourcedId));
    assert.equal(summary.persons, persons);
    assert.equal(students.size, summary.students);
    assert.equal(staff.size, summary.staff);
    assert.equal(summary.students + summary.staff, persons);
    assert.ok(Math.abs(summary.students / persons - 0.92) < 0.005);
    assert.equal(t['users.csv'].rows.length, persons + summary.contacts);
    assert.equal(roles.length, summary.roles);
    assert.equal(t['classes.csv'].rows.length, summary.classes);
    assert.equal(t['enrollments.csv'].rows.length, summary.enrollments);
    assert.equal(t['relationships.csv'].rows.length, summary.relationships);
    const schools = t['orgs.csv'].rows.filter((o) => o.type === 'school');
    assert.equal(schools.length, persons / 500);
    assert.equal(t['orgs.csv'].rows.filter((o) => o.type === 'district').length, 1);
    assert.ok(summary.classes > (summary.students / 25) * 0.85 && summary.classes < (summary.students / 25) * 1.2);
    // Guardians: 0–2 per family, families sometimes shared by siblings.
    assert.ok(summary.contacts > summary.students * 0.9 && summary.contacts < summary.students * 1.6);
  });

  test('ids and usernames are unique', () => {
    const users = t['users.csv'].rows;
    assertUnique(
      users.map((u) => u.sourcedId),
      'user sourcedId',
    );
    assertUnique(
      users.map((u) => u.username.toLowerCase()),
      'username',
    );
    assertUnique(
      t['orgs.csv'].rows.map((o) => o.sourcedId),
      'org sourcedId',
    );
    assertUnique(
      t['classes.csv'].rows.map((c) => c.sourcedId),
      'class sourcedId',
    );
    assertUnique(
      t['enrollments.csv'].rows.map((e) => `${e.classSourcedId}|${e.userSourcedId}`),
      'enrollment',
    );
    assertUnique(
      t['roles.csv'].rows.map((r) => `${r.userSourcedId}|${r.orgSourcedId}|${r.role}`),
      'role',
    );
  });

  test('every reference points at an existing record', () => {
    const users = new Set(t['users.csv'].rows.map((u) => u.sourcedId));
    const orgs = new Set(t['orgs.csv'].rows.map((o) => o.sourcedId));
    const sessions = new Set(t['academicSessions.csv'].rows.map((s) => s.sourcedId));
    const classes = new Map(t['classes.csv'].rows.map((c) => [c.sourcedId, c]));
    for (const o of t['orgs.csv'].rows) assert.ok(o.parentSourcedId === '' || orgs.has(o.parentSourcedId));
    for (const r of t['roles.csv'].rows) {
      assert.ok(
        users.has(r.userSourcedId) && orgs.has(r.orgSourcedId) && sessions.has(r.sessionSourcedId),
        JSON.stringify(r),
      );
    }
    for (const c of classes.values()) assert.ok(orgs.has(c.orgSourcedId) && sessions.has(c.sessionSourcedIds));
    for (const e of t['enrollments.csv'].rows) assert.ok(classes.has(e.classSourcedId) && users.has(e.userSourcedId));
    const roleOf = new Map(t['roles.csv'].rows.map((r) => [r.userSourcedId, r.role]));
    for (const r of t['relationships.csv'].rows) {
      assert.equal(roleOf.get(r.userSourcedId), 'student');
      assert.ok(users.has(r.relationshipUserSourcedId) && !roleOf.has(r.relationshipUserSourcedId));
      assert.match(r.relationshipRole, /^(parent|guardian|relative)$/);
    }
    for (const d of t['demographics.csv'].rows) assert.ok(roleOf.has(d.userSourcedId));
  });

  test('students have zero-padded grades that fit their age, covering KG to 12', () => {
    const birth = new Map(t['demographics.csv'].rows.map((d) => [d.userSourcedId, d.birthDate]));
    const student = t['roles.csv'].rows.filter((r) => r.role === 'student');
    for (const r of student) {
      assert.match(r.grade, GRADE);
      assert.equal(r.isPrimary, 'TRUE');
      const born = birth.get(r.userSourcedId) ?? '';
      const ageOnSept1 = 2025 - Number(born.slice(0, 4)) - (born.slice(5) > '09-01' ? 1 : 0);
      assert.equal(ageOnSept1, r.grade === 'KG' ? 5 : Number(r.grade) + 5, `${r.userSourcedId} ${r.grade} ${born}`);
    }
    assert.equal(new Set(student.map((r) => r.grade)).size, 13);
  });

  test('staff: RefRole codes, one principal per school, some in two schools', () => {
    const roles = t['roles.csv'].rows.filter((r) => r.role !== 'student');
    const codes = countBy(roles.map((r) => r.role));
    assert.ok((codes.get('teacher') ?? 0) / roles.length > 0.6);
    for (const code of codes.keys())
      assert.match(
        code,
        /^(principal|teacher|teacherAssistant|paraprofessional|administrator|advisor|specialServices|officeStaff|substitute|nurse|coach|itAdmin|speechTherapist)$/,
      );
    assert.equal(codes.get('principal'), summary.orgs - 1);
    const byUser = new Map<string, typeof roles>();
    for (const r of roles) byUser.set(r.userSourcedId, [...(byUser.get(r.userSourcedId) ?? []), r]);
    const multi = [...byUser.values()].filter((rs) => rs.length > 1);
    assert.ok(
      multi.length / byUser.size > 0.02 && multi.length / byUser.size < 0.09,
      `multi-school share ${multi.length}`,
    );
    for (const rs of multi) {
      assert.deepEqual(
        rs.map((r) => r.isPrimary),
        ['TRUE', 'FALSE'],
      );
      assert.notEqual(rs[0].orgSourcedId, rs[1].orgSourcedId);
    }
    const users = new Map(t['users.csv'].rows.map((u) => [u.sourcedId, u]));
    for (const id of byUser.keys()) {
      const u = users.get(id);
      assert.ok(u && u.activeDirectoryMatchId !== '' && u.email !== '', id);
      assert.match(u.username, SCHOOL_USERNAME);
    }
  });

  test('every class has one teacher from its school and some students', () => {
    const schoolsOf = new Map<string, Set<string>>();
    for (const r of t['roles.csv'].rows)
      schoolsOf.set(r.userSourcedId, (schoolsOf.get(r.userSourcedId) ?? new Set()).add(r.orgSourcedId));
    const classes = new Map(t['classes.csv'].rows.map((c) => [c.sourcedId, c]));
    const teachers = countBy(
      t['enrollments.csv'].rows.filter((e) => e.role === 'teacher').map((e) => e.classSourcedId),
    );
    const students = countBy(
      t['enrollments.csv'].rows.filter((e) => e.role === 'student').map((e) => e.classSourcedId),
    );
    for (const e of t['enrollments.csv'].rows) {
      assert.ok(
        schoolsOf.get(e.userSourcedId)?.has(classes.get(e.classSourcedId)?.orgSourcedId ?? ''),
        JSON.stringify(e),
      );
    }
    for (const id of classes.keys()) {
      assert.equal(teachers.get(id), 1, id);
      assert.ok((students.get(id) ?? 0) >= 5, id);
    }
  });

  test('contacts: users rows without a role, outside mail domain, names set', () => {
    const withRole = new Set(t['roles.csv'].rows.map((r) => r.userSourcedId));
    const contacts = t['users.csv'].rows.filter((u) => !withRole.has(u.sourcedId));
    assert.equal(contacts.length, summary.contacts);
    for (const c of contacts) {
      assert.ok(c.givenName && c.familyName, c.sourcedId);
      assert.equal(c.email, c.username);
      assert.doesNotMatch(c.email, /@contoso\.edu$/);
      assert.equal(c.activeDirectoryMatchId, '');
      if (c.phone) assert.match(c.phone, /^\+1\d{10}$/);
    }
    const students = t['users.csv'].rows.filter((u) => withRole.has(u.sourcedId));
    for (const s of students) assert.match(s.username, SCHOOL_USERNAME);
  });
});

describe('generateDistrict options', () => {
  test('custom domain, school count and no guardians', async () => {
    const out = join(root, 'opts');
    const s = await generateDistrict({
      persons: 800,
      out,
      format: 'sds-v2.1',
      domain: 'Fabrikam.org',
      schools: 3,
      guardians: false,
    });
    assert.equal(s.contacts, 0);
    assert.equal(s.relationships, 0);
    assert.equal(s.orgs, 4);
    assert.equal(s.files.includes('relationships.csv'), false);
    const users = await readCsv(out, 'users.csv');
    for (const u of users.rows) assert.match(u.username, /@fabrikam\.org$/);
  });

  test('rejects bad input', async () => {
    const out = join(root, 'bad');
    await assert.rejects(generateDistrict({ persons: 0, out, format: 'sds-v2.1' }), RangeError);
    await assert.rejects(generateDistrict({ persons: 10, out, format: 'sds-v2.1', schools: 0 }), RangeError);
    await assert.rejects(
      generateDistrict({ persons: 10, out, format: 'sds-v2.1', domain: 'not a domain' }),
      RangeError,
    );
  });

  for (const [persons, schools] of [
    [30, 1],
    [3, 1],
    [60, 6],
  ]) {
    test(`tiny district (${persons} persons, ${schools} schools) still has a teacher per class`, async () => {
      const out = join(root, `tiny-${persons}`);
      const s = await generateDistrict({ persons, out, format: 'sds-v2.1', schools });
      assert.equal(s.orgs, schools + 1);
      assert.ok(s.staff >= schools && s.students > 0);
      const enr = await readCsv(out, 'enrollments.csv');
      assert.equal(enr.rows.filter((e) => e.role === 'teacher').length, s.classes);
    });
  }

  test('apportion splits exactly and proportionally', () => {
    assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(apportion(7, [0, 2, 5]), [0, 2, 5]);
    assert.deepEqual(apportion(5, [0, 0]), [0, 0]);
  });
});

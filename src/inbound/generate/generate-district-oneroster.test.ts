import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDistrict } from './generate-district.js';
import type { GeneratedDistrictSummary } from './generate-district.js';
import { assertUnique, countBy, items, readCsv } from './read-csv-for-tests.js';
import type { Table } from './read-csv-for-tests.js';

// OneRoster 1.1 CSV tables, column order as in the specification.
const HEADERS: Record<string, string> = {
  'manifest.csv': 'propertyName,value',
  'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
  'users.csv':
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'academicSessions.csv': 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
  'classes.csv':
    'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
  'courses.csv':
    'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes',
  'enrollments.csv':
    'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
};
const ENTITY_FILES = Object.keys(HEADERS).filter((n) => n !== 'manifest.csv');

describe('generateDistrict oneroster-1.1', () => {
  const persons = 4000;
  let root = '';
  let summary: GeneratedDistrictSummary;
  const t: Record<string, Table> = {};

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'rosterlink-generate-or-'));
    summary = await generateDistrict({ persons, out: root, format: 'oneroster-1.1', seed: 3 });
    for (const name of Object.keys(HEADERS)) t[name] = await readCsv(root, name);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('writes the 1.1 files with exact headers', async () => {
    assert.deepEqual([...summary.files].sort(), Object.keys(HEADERS).sort());
    assert.deepEqual((await readdir(root)).sort(), Object.keys(HEADERS).sort());
    for (const [name, header] of Object.entries(HEADERS)) {
      assert.ok((await readFile(join(root, name), 'utf8')).startsWith(`${header}\r\n`), name);
    }
  });

  test('manifest: bulk for files written, absent for the rest', () => {
    const m = new Map(t['manifest.csv'].rows.map((r) => [r.propertyName, r.value]));
    assert.equal(m.get('manifest.version'), '1.0');
    assert.equal(m.get('oneroster.version'), '1.1');
    const fileRows = [...m].filter(([k]) => k.startsWith('file.'));
    assert.equal(fileRows.length, 13);
    for (const [k, v] of fileRows) {
      const written = ENTITY_FILES.includes(`${k.slice(5)}.csv`);
      assert.equal(v, written ? 'bulk' : 'absent', k);
    }
  });

  test('bulk: status and dateLastModified are empty and every file has rows', () => {
    for (const name of ENTITY_FILES) {
      assert.ok(t[name].rows.length > 0, name);
      for (const r of t[name].rows) assert.ok(r.status === '' && r.dateLastModified === '', name);
    }
  });

  test('users: roles, grades, unique ids and usernames, summary counts', () => {
    const users = t['users.csv'].rows;
    assertUnique(
      users.map((u) => u.sourcedId),
      'sourcedId',
    );
    assertUnique(
      users.map((u) => u.username.toLowerCase()),
      'username',
    );
    const roles = countBy(users.map((u) => u.role));
    for (const role of roles.keys())
      assert.match(role, /^(administrator|aide|guardian|parent|relative|student|teacher)$/);
    assert.equal(roles.get('student'), summary.students);
    assert.equal(users.length, persons + summary.contacts);
    assert.equal(
      (roles.get('parent') ?? 0) + (roles.get('guardian') ?? 0) + (roles.get('relative') ?? 0),
      summary.contacts,
    );
    for (const u of users) {
      assert.equal(u.enabledUser, 'true');
      assert.equal(u.identifier, u.sourcedId);
      if (u.role === 'student') assert.match(u.grades, /^(KG|0[1-9]|1[0-2])$/);
      else assert.equal(u.grades, '');
    }
    const staff = users.filter((u) => /^(administrator|aide|teacher)$/.test(u.role));
    assert.equal(staff.length, summary.staff);
    const orgEntries = users
      .filter((u) => u.role === 'student' || staff.includes(u))
      .reduce((n, u) => n + items(u.orgSourcedIds).length, 0);
    assert.equal(orgEntries, summary.roles);
    assert.ok(
      staff.some((u) => items(u.orgSourcedIds).length === 2),
      'multi-school staff',
    );
  });

  test('referential integrity: orgs, agents, classes, courses, enrollments', () => {
    const orgs = new Set(t['orgs.csv'].rows.map((o) => o.sourcedId));
    const sessions = new Set(t['academicSessions.csv'].rows.map((s) => s.sourcedId));
    const users = new Map(t['users.csv'].rows.map((u) => [u.sourcedId, u]));
    const courses = new Set(t['courses.csv'].rows.map((c) => c.sourcedId));
    const classes = new Map(t['classes.csv'].rows.map((c) => [c.sourcedId, c]));
    for (const s of t['academicSessions.csv'].rows)
      assert.ok(s.parentSourcedId === '' || sessions.has(s.parentSourcedId));
    for (const c of t['courses.csv'].rows) assert.ok(orgs.has(c.orgSourcedId) && sessions.has(c.schoolYearSourcedId));
    for (const c of classes.values()) {
      assert.ok(courses.has(c.courseSourcedId) && orgs.has(c.schoolSourcedId));
      for (const term of items(c.termSourcedIds)) assert.ok(sessions.has(term), term);
    }
    let links = 0;
    for (const u of users.values()) {
      for (const org of items(u.orgSourcedIds)) assert.ok(orgs.has(org), org);
      for (const agent of items(u.agentSourcedIds)) {
        // Links go both ways: student → guardian and guardian → student.
        const other = users.get(agent);
        assert.ok(other && items(other.agentSourcedIds).includes(u.sourcedId), `${u.sourcedId} → ${agent}`);
        if (u.role === 'student') links++;
      }
    }
    assert.equal(links, summary.relationships);
    assertUnique(
      t['enrollments.csv'].rows.map((e) => e.sourcedId),
      'enrollment sourcedId',
    );
    const teachers = countBy(
      t['enrollments.csv'].rows.filter((e) => e.role === 'teacher').map((e) => e.classSourcedId),
    );
    for (const e of t['enrollments.csv'].rows) {
      const c = classes.get(e.classSourcedId);
      const u = users.get(e.userSourcedId);
      assert.ok(c && u && c.schoolSourcedId === e.schoolSourcedId, e.sourcedId);
      assert.ok(items(u.orgSourcedIds).includes(e.schoolSourcedId), e.sourcedId);
      assert.equal(e.role, u.role === 'student' ? 'student' : 'teacher');
    }
    assert.equal(t['enrollments.csv'].rows.length, summary.enrollments);
    for (const id of classes.keys()) assert.equal(teachers.get(id), 1, id);
  });
});

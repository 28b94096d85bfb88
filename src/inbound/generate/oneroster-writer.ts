/**
 * OneRoster 1.1 CSV writer (bulk). Column order follows the 1.1 CSV tables; `status` and
 * `dateLastModified` stay empty as bulk mode requires. The manifest lists the files written as
 * `bulk` and every other 1.1 file as `absent`.
 */
import { join } from 'node:path';
import { CsvFile, CsvSet, esc, list } from './csv-file.js';
import type {
  ClassInfo,
  ContactLink,
  ContactRole,
  Course,
  DistrictSink,
  Org,
  Person,
  RoleAssignment,
  Session,
} from './types.js';

export const ONEROSTER_HEADERS = {
  'manifest.csv': 'propertyName,value',
  'orgs.csv': 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
  'users.csv':
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,' +
    'middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
  'academicSessions.csv': 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
  'classes.csv':
    'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,' +
    'termSourcedIds,subjects,subjectCodes,periods',
  'courses.csv':
    'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes',
  'enrollments.csv':
    'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
} as const;

type OrFile = keyof typeof ONEROSTER_HEADERS;

/** Every file of the 1.1 manifest, in the order the specification lists them. */
const MANIFEST_FILES = [
  'academicSessions',
  'categories',
  'classes',
  'classResources',
  'courses',
  'courseResources',
  'demographics',
  'enrollments',
  'lineItems',
  'orgs',
  'resources',
  'results',
  'users',
] as const;

/**
 * OneRoster 1.1 has only administrator, aide, guardian, parent, proctor, relative, student and
 * teacher; SDS role codes are folded into the nearest of those.
 */
export function oneRosterRole(sdsRole: string): string {
  switch (sdsRole) {
    case 'teacher':
    case 'substitute':
      return 'teacher';
    case 'teacherAssistant':
    case 'paraprofessional':
    case 'aide':
      return 'aide';
    case 'student':
    case 'proctor':
      return sdsRole;
    default:
      return 'administrator';
  }
}

export class OneRosterWriter implements DistrictSink {
  private readonly set = new CsvSet();
  private readonly f = {} as Record<OrFile, CsvFile>;
  private enrollmentNo = 0;
  private yearId = '';
  private terms = '';
  private dates = ',';

  constructor(out: string) {
    for (const name of Object.keys(ONEROSTER_HEADERS) as OrFile[]) {
      this.f[name] = this.set.add(new CsvFile(join(out, name), name, ONEROSTER_HEADERS[name]));
    }
    const written = new Set<string>(Object.keys(ONEROSTER_HEADERS).map((n) => n.replace(/\.csv$/, '')));
    const m = this.f['manifest.csv'];
    m.add('manifest.version,1.0');
    m.add('oneroster.version,1.1');
    for (const name of MANIFEST_FILES) m.add(`file.${name},${written.has(name) ? 'bulk' : 'absent'}`);
    m.add('source.systemName,rosterlink');
    m.add('source.systemCode,rosterlink-generator');
  }

  get files(): string[] {
    return this.set.names();
  }

  orgs(orgs: readonly Org[]): void {
    for (const o of orgs) {
      this.f['orgs.csv'].add(`${o.sourcedId},,,${esc(o.name)},${o.type},${o.identifier},${o.parentSourcedId}`);
    }
  }

  sessions(sessions: readonly Session[], yearId: string): void {
    for (const s of sessions) {
      // 1.1: schoolYear is the year the session's school year ends in.
      const row = `${s.sourcedId},,,${esc(s.title)},${s.type},${s.startDate},${s.endDate},${s.parentSourcedId},${s.startYear + 1}`;
      this.f['academicSessions.csv'].add(row);
      if (s.sourcedId === yearId) this.dates = `${s.startDate},${s.endDate}`;
    }
    this.yearId = yearId;
    const terms = sessions.filter((s) => s.parentSourcedId === yearId).map((s) => s.sourcedId);
    this.terms = list(terms.length > 0 ? terms : [yearId]);
  }

  courses(courses: readonly Course[]): void {
    for (const c of courses) {
      this.f['courses.csv'].add(
        `${c.sourcedId},,,${this.yearId},${esc(c.title)},${c.code},${c.grade},${c.orgSourcedId},Homeroom,`,
      );
    }
  }

  classes(classes: readonly ClassInfo[]): void {
    for (const c of classes) {
      this.f['classes.csv'].add(
        `${c.sourcedId},,,${esc(c.title)},${c.grade},${c.courseSourcedId},${c.code},homeroom,${esc(c.location)},${c.orgSourcedId},${this.terms},Homeroom,,1`,
      );
    }
  }

  staff(p: Person, roles: readonly RoleAssignment[], teaches: readonly ClassInfo[]): void {
    // Primary org first; 1.1 has no per-org primary flag.
    const orgs = [...roles].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)).map((r) => r.orgSourcedId);
    this.user(p, orgs, oneRosterRole(roles[0]?.role ?? 'teacher'), '', '');
    for (const c of teaches) this.enrollment(c, p.sourcedId, 'teacher', 'true');
  }

  student(p: Person, role: RoleAssignment, cls: ClassInfo | undefined, contacts: readonly ContactLink[]): void {
    this.user(p, [role.orgSourcedId], 'student', list(contacts.map((c) => c.sourcedId)), role.grade);
    if (cls) this.enrollment(cls, p.sourcedId, 'student', 'false');
  }

  /** Guardians: role parent/guardian/relative, agents = their children (both directions are linked). */
  contact(p: Person, role: ContactRole, orgSourcedId: string, children: readonly string[]): void {
    this.user(p, [orgSourcedId], role, list(children), '');
  }

  tick(): Promise<void> {
    return this.set.tick();
  }

  close(): Promise<void> {
    return this.set.close();
  }

  abort(): void {
    this.set.abort();
  }

  private user(p: Person, orgs: readonly string[], role: string, agents: string, grades: string): void {
    this.f['users.csv'].add(
      `${p.sourcedId},,,true,${list(orgs)},${role},${esc(p.username)},,${esc(p.givenName)},${esc(p.familyName)},${esc(p.middleName)},${p.sourcedId},${esc(p.email)},${p.sms},${p.phone},${agents},${grades},`,
    );
  }

  private enrollment(c: ClassInfo, userId: string, role: string, primary: string): void {
    const id = `enr-${String(++this.enrollmentNo).padStart(8, '0')}`;
    this.f['enrollments.csv'].add(
      `${id},,,${c.sourcedId},${c.orgSourcedId},${userId},${role},${primary},${this.dates}`,
    );
  }
}

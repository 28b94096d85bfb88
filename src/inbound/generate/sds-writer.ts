/**
 * SDS v2.1 CSV writer. Headers follow Microsoft's sample set (O365-EDU-Tools "CSV Samples/SDS v2.1")
 * column for column; booleans are written TRUE/FALSE as in that sample. courses.csv is not
 * written, so classes leave `courseSourcedId` empty.
 */
import { join } from 'node:path';
import { CsvFile, CsvSet, esc } from './csv-file.js';
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

export const SDS_HEADERS = {
  'orgs.csv': 'sourcedId,name,type,parentSourcedId',
  'users.csv': 'sourcedId,username,givenName,familyName,password,activeDirectoryMatchId,email,phone,sms',
  'roles.csv': 'userSourcedId,orgSourcedId,role,sessionSourcedId,grade,isPrimary,roleStartDate,roleEndDate',
  'academicSessions.csv': 'sourcedId,title,type,schoolYear,startDate,endDate',
  'classes.csv': 'sourcedId,orgSourcedId,title,sessionSourcedIds,courseSourcedId',
  'enrollments.csv': 'classSourcedId,userSourcedId,role',
  'relationships.csv': 'userSourcedId,relationshipUserSourcedId,relationshipRole',
  'demographics.csv': 'userSourcedId,sex,birthDate,birthCity,birthState,birthCountry,ethnicityCodes,raceCodes',
} as const;

type SdsFile = keyof typeof SDS_HEADERS;

export class SdsWriter implements DistrictSink {
  private readonly set = new CsvSet();
  private readonly f: Partial<Record<SdsFile, CsvFile>> = {};
  /** The school-year session every role and class points at, and its `startDate,endDate`. */
  private sessionId = '';
  private dates = ',';

  constructor(out: string, withRelationships: boolean) {
    for (const name of Object.keys(SDS_HEADERS) as SdsFile[]) {
      if (name === 'relationships.csv' && !withRelationships) continue;
      this.f[name] = this.set.add(new CsvFile(join(out, name), name, SDS_HEADERS[name]));
    }
  }

  get files(): string[] {
    return this.set.names();
  }

  private file(name: SdsFile): CsvFile {
    const file = this.f[name];
    if (!file) throw new Error(`${name} is not being written`);
    return file;
  }

  orgs(orgs: readonly Org[]): void {
    const f = this.file('orgs.csv');
    for (const o of orgs) f.add(`${o.sourcedId},${esc(o.name)},${o.type},${o.parentSourcedId}`);
  }

  sessions(sessions: readonly Session[], yearId: string): void {
    const f = this.file('academicSessions.csv');
    for (const s of sessions) {
      // Microsoft's sample labels 2021-08 → 2022-06 as schoolYear 2021: the starting year.
      f.add(`${s.sourcedId},${esc(s.title)},${s.type},${s.startYear},${s.startDate},${s.endDate}`);
      if (s.sourcedId === yearId) this.dates = `${s.startDate},${s.endDate}`;
    }
    this.sessionId = yearId;
  }

  courses(_courses: readonly Course[]): void {}

  classes(classes: readonly ClassInfo[]): void {
    const f = this.file('classes.csv');
    for (const c of classes) f.add(`${c.sourcedId},${c.orgSourcedId},${esc(c.title)},${this.sessionId},`);
  }

  staff(p: Person, roles: readonly RoleAssignment[], teaches: readonly ClassInfo[]): void {
    this.user(p);
    for (const r of roles) this.role(p.sourcedId, r);
    const enr = this.file('enrollments.csv');
    for (const c of teaches) enr.add(`${c.sourcedId},${p.sourcedId},teacher`);
  }

  student(p: Person, role: RoleAssignment, cls: ClassInfo | undefined, contacts: readonly ContactLink[]): void {
    this.user(p);
    this.role(p.sourcedId, role);
    if (cls) this.file('enrollments.csv').add(`${cls.sourcedId},${p.sourcedId},student`);
    if (contacts.length > 0) {
      const rel = this.file('relationships.csv');
      for (const c of contacts) rel.add(`${p.sourcedId},${c.sourcedId},${c.role}`);
    }
  }

  /** Contacts are users rows with no role (as users 114002/114005 in the sample). */
  contact(p: Person, _role: ContactRole, _orgSourcedId: string, _children: readonly string[]): void {
    this.user(p);
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

  private user(p: Person): void {
    this.file('users.csv').add(
      `${p.sourcedId},${esc(p.username)},${esc(p.givenName)},${esc(p.familyName)},,${esc(p.activeDirectoryMatchId)},${esc(p.email)},${p.phone},${p.sms}`,
    );
    if (p.birthDate) {
      this.file('demographics.csv').add(
        `${p.sourcedId},${p.sex},${p.birthDate},${esc(p.birthCity)},${p.birthState},USA,${p.ethnicityCodes},${p.raceCodes}`,
      );
    }
  }

  private role(userId: string, r: RoleAssignment): void {
    this.file('roles.csv').add(
      `${userId},${r.orgSourcedId},${r.role},${this.sessionId},${r.grade},${r.isPrimary ? 'TRUE' : 'FALSE'},${this.dates}`,
    );
  }
}

/** Shared shapes of the district generator. Format writers only see these. */

export type RosterFormat = 'sds-v2.1' | 'oneroster-1.1';

export interface GenerateDistrictOptions {
  /** Students + staff. Contacts (guardians) come on top of this number. */
  persons: number;
  /** Output folder; created if missing. Files of the same name are overwritten, others are left alone. */
  out: string;
  format: RosterFormat;
  /** PRNG seed; the same seed and options give byte-identical files. Default 1. */
  seed?: number;
  /** Tenant domain for student and staff usernames. Default `contoso.edu`. */
  domain?: string;
  /** Number of schools. Default one per ~500 persons, at least 1. */
  schools?: number;
  /** Write guardians as contacts. Default true. */
  guardians?: boolean;
  /** Calendar year the school year starts in (August). Default 2025, fixed so output never depends on the clock. */
  schoolYear?: number;
}

export interface GeneratedDistrictSummary {
  persons: number;
  students: number;
  staff: number;
  contacts: number;
  /** District + schools. */
  orgs: number;
  /** (user, org, role) assignments of students and staff: roles.csv rows, or orgSourcedIds entries in OneRoster. */
  roles: number;
  classes: number;
  /** Enrollment rows (students and teachers). */
  enrollments: number;
  /** Student → contact links: relationships.csv rows, or student agentSourcedIds entries in OneRoster. */
  relationships: number;
  /** File names written into `out`, in a fixed order. */
  files: string[];
}

export interface Org {
  sourcedId: string;
  name: string;
  type: 'district' | 'school';
  identifier: string;
  parentSourcedId: string;
}

export interface Session {
  sourcedId: string;
  title: string;
  type: 'schoolYear' | 'semester';
  startDate: string;
  endDate: string;
  parentSourcedId: string;
  /** Calendar year the school year starts in; each writer renders its own convention. */
  startYear: number;
}

export interface Course {
  sourcedId: string;
  orgSourcedId: string;
  title: string;
  code: string;
  grade: string;
}

export interface ClassInfo {
  sourcedId: string;
  orgSourcedId: string;
  courseSourcedId: string;
  title: string;
  code: string;
  grade: string;
  location: string;
}

export type Sex = 'male' | 'female';

export interface Person {
  sourcedId: string;
  givenName: string;
  familyName: string;
  middleName: string;
  username: string;
  email: string;
  phone: string;
  sms: string;
  activeDirectoryMatchId: string;
  sex: Sex;
  birthDate: string;
  birthCity: string;
  birthState: string;
  ethnicityCodes: string;
  raceCodes: string;
}

/** One roles.csv row in SDS terms; OneRoster writers map the role to the 1.1 vocabulary. */
export interface RoleAssignment {
  orgSourcedId: string;
  role: string;
  grade: string;
  isPrimary: boolean;
}

export type ContactRole = 'parent' | 'guardian' | 'relative';

export interface ContactLink {
  sourcedId: string;
  role: ContactRole;
}

/** A format writer. Small tables arrive first, then people one by one. */
export interface DistrictSink {
  /** Names of the files being written, in a fixed order. */
  readonly files: string[];
  orgs(orgs: readonly Org[]): void;
  sessions(sessions: readonly Session[], yearId: string): void;
  courses(courses: readonly Course[]): void;
  classes(classes: readonly ClassInfo[]): void;
  staff(person: Person, roles: readonly RoleAssignment[], teaches: readonly ClassInfo[]): void;
  student(person: Person, role: RoleAssignment, cls: ClassInfo | undefined, contacts: readonly ContactLink[]): void;
  contact(person: Person, role: ContactRole, orgSourcedId: string, children: readonly string[]): void;
  /** Flushes full buffers (backpressure point). */
  tick(): Promise<void>;
  close(): Promise<void>;
  /** Error path: close the files without finishing them. */
  abort(): void;
}

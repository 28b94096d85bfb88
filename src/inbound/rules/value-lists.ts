/**
 * Default value lists (spec provisioning-behaviour §6, Learn "Default List of Values"). They mirror the
 * reference definitions the store seeds (src/configuration/default-values.ts); tenants may add codes through
 * `readRoster({ extraCodes })`.
 */
import { EnumList } from './enum-list.js';

/** §6.1 */
export const ORG_TYPES = new EnumList('org type', [
  'school', 'ministryOfEducation', 'localAuthority', 'department', 'university', 'region', 'district', 'college',
  'division', 'local', 'campus', 'province', 'state', 'adultEducation', 'researchCenter', 'national',
  'municipality', 'program', 'departmentOfEducation', 'academicTrust',
]); // prettier-ignore

/** §6.2 plus `aide`, which the Graph staff role-group example lists. */
export const ORG_ROLES = new EnumList('role', [
  'principal', 'chair', 'professor', 'researcher', 'adjunct', 'affiliate', 'occupationalTherapist',
  'physicalTherapist', 'speechTherapist', 'visionTherapist', 'paraprofessional', 'specialServices', 'advisor',
  'proctor', 'nurse', 'officeStaff', 'lecturer', 'itAdmin', 'administrator', 'teacher', 'faculty', 'staff',
  'teacherAssistant', 'assistant', 'instructor', 'substitute', 'coach', 'alumni', 'student', 'other', 'aide',
]); // prettier-ignore

/** §6.3: `1`..`9` are zero-padded before the lookup (see rules/values.ts). `14` is accepted as fortytwo does. */
export const GRADES = new EnumList('grade', [
  'it', 'pr', 'pk', 'tk', 'kg', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14',
  'ps', 'ug', 'other', 'ps1', 'ps2', 'ps3', 'ps4', 'undergraduate', 'graduate', 'postgraduate', 'alumni',
  'adultEducation',
]); // prettier-ignore

/** §6.4: the 27 enrollment roles. */
export const ENROLLMENT_ROLES = new EnumList('enrollment role', [
  'student', 'teacher', 'professor', 'lecturer', 'instructor', 'substitute', 'aide', 'proctor', 'teacherAssistant',
  'paraprofessional', 'principal', 'administrator', 'advisor', 'coach', 'specialServices', 'occupationalTherapist',
  'physicalTherapist', 'speechTherapist', 'visionTherapist', 'affiliate', 'assistant', 'adjunct', 'staff', 'alumni',
  'chair', 'itAdmin', 'officeStaff',
]); // prettier-ignore

/** §6.5 */
export const RELATIONSHIP_ROLES = new EnumList('relationship role', [
  'parent', 'guardian', 'relative', 'aide', 'doctor', 'other',
]); // prettier-ignore

/** §6.6 plus OneRoster `term`/`gradingPeriod` (same list in both formats). */
export const SESSION_TYPES = new EnumList('session type', [
  'schoolYear',
  'semester',
  'term',
  'gradingPeriod',
  'quarter',
]);

/** §6.6 (`notSelected`) plus OneRoster 1.2 `other`; OneRoster `unspecified` means not selected. */
export const SEXES = new EnumList('sex', ['male', 'female', 'notSelected', 'other'], { unspecified: 'notSelected' });

/** SDS demographics `raceCodes` / OneRoster race booleans. */
export const RACE_CODES = new EnumList('race code', [
  'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican', 'nativeHawaiianOrOtherPacificIslander', 'white',
  'demographicRaceTwoOrMoreRaces',
]); // prettier-ignore

export const ETHNICITY_CODES = new EnumList('ethnicity code', ['hispanicOrLatinoEthnicity']);

/**
 * userFlags: an open list ([unconfirmed] beyond these). Known flags get their canonical spelling,
 * unknown ones are kept as received.
 */
export const USER_FLAGS = new EnumList('flag', ['iep', 'freeLunch', '504', 'giftedOrTalented', 'ell', 'homeless']);

export const CLASS_TYPES = new EnumList('class type', ['homeroom', 'scheduled']);

export const RECORD_STATUSES = new EnumList('status', ['active', 'tobedeleted']);

/** OneRoster 1.2 roles.csv `roleType`. */
export const ROLE_TYPES = new EnumList('role type', ['primary', 'secondary']);

/** OneRoster roles that describe a contact, not a staff or student role (spec roster-formats §5.2). */
export const CONTACT_ROLES = new EnumList('contact role', ['parent', 'guardian', 'relative']);

/**
 * OneRoster user roles (1.1 users.role, 1.2 roles.role) → SDS RefRole (spec roster-formats §5.2).
 * Contact roles are absent: they become relationships. Overridable with `readRoster({ roleMap })`.
 */
export const DEFAULT_ONEROSTER_ROLE_MAP: Readonly<Record<string, string>> = {
  administrator: 'administrator',
  districtAdministrator: 'administrator',
  siteAdministrator: 'principal',
  systemAdministrator: 'itAdmin',
  counselor: 'advisor',
  aide: 'aide',
  principal: 'principal',
  proctor: 'proctor',
  student: 'student',
  teacher: 'teacher',
};

export const ONEROSTER_ROLES = new EnumList('OneRoster role', [
  ...Object.keys(DEFAULT_ONEROSTER_ROLE_MAP),
  ...['parent', 'guardian', 'relative'],
]);

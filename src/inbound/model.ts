/**
 * Normalized roster records shared by every inbound format, shaped like SDS v2.1 (spec roster-formats §5.2).
 *
 * Records are plain objects built with every key in a fixed order (optional values may be `undefined`) so V8
 * keeps one hidden class per entity: a 1 M-person roster stays monomorphic downstream.
 */
import type { FindingCode } from './codes.js';

/** The roster formats readRoster understands. Legacy SDS v1/v2 are recognised only to be rejected. */
export type RosterFormat = 'sds-v2.1' | 'oneroster-1.1' | 'oneroster-1.2';

/** OneRoster manifest `file.*` processing mode. SDS v2.1 is always `bulk`. */
export type RosterMode = 'bulk' | 'delta';

export type Severity = 'catastrophic' | 'error' | 'warning';

/** OneRoster record status. Only carried by records from delta files. */
export type RecordStatus = 'active' | 'tobedeleted';

/** Present (and required) on records read from a OneRoster delta file; `undefined` in bulk. */
export interface DeltaFields {
  status?: RecordStatus;
  /** ISO 8601, as received. */
  dateLastModified?: string;
}

export interface OrgRecord extends DeltaFields {
  sourcedId: string;
  name: string;
  /** camelCase org type code (RefOrgType), e.g. `school`. */
  type: string;
  parentSourcedId?: string;
  identifier?: string;
}

export interface PersonRecord extends DeltaFields {
  sourcedId: string;
  username: string;
  givenName?: string;
  familyName?: string;
  middleName?: string;
  /** Per-user password. Never logged: findings show `[redacted]`. */
  password?: string;
  activeDirectoryMatchId?: string;
  /** Lowercased. */
  email?: string;
  /** E.164, as received. */
  phone?: string;
  sms?: string;
  /** SDS `userNumber` (third-party column) or OneRoster `identifier`. */
  userNumber?: string;
  /** OneRoster `enabledUser`; `false` means inactive. */
  enabledUser?: boolean;
  /**
   * True when the file itself says this person is a contact: SDS v2.1 (referenced as
   * `relationshipUserSourcedId`) and OneRoster 1.1 (role parent/guardian/relative). OneRoster 1.2 states this
   * only in roles.csv, read after users.csv, so it stays `undefined` there; see README.
   */
  isContact?: boolean;
}

export interface RoleRecord extends DeltaFields {
  /** OneRoster 1.2 roles.csv `sourcedId`; absent for SDS v2.1 and OneRoster 1.1. */
  sourcedId?: string;
  userSourcedId: string;
  orgSourcedId: string;
  /** camelCase RefRole code, e.g. `teacher`, `principal`. */
  role: string;
  sessionSourcedId?: string;
  /** RefGradeLevel code, zero-padded (`1` → `01`). */
  grade?: string;
  isPrimary?: boolean;
  startDate?: string;
  endDate?: string;
}

/**
 * What tells two roles without a sourcedId apart (SDS v2.1 roles.csv, OneRoster 1.1 roles from users.csv): user,
 * org, role and session, joined by `separator`. The reader's duplicate check and the lake's key are both built
 * here, so the two cannot disagree about which roles are one.
 */
export function roleIdentity(
  r: Pick<RoleRecord, 'userSourcedId' | 'orgSourcedId' | 'role' | 'sessionSourcedId'>,
  separator: string,
): string {
  return r.userSourcedId + separator + r.orgSourcedId + separator + r.role + separator + (r.sessionSourcedId ?? '');
}

export interface SessionRecord extends DeltaFields {
  sourcedId: string;
  title: string;
  /** schoolYear | semester | term | gradingPeriod | quarter. */
  type: string;
  /** YYYY. */
  schoolYear?: string;
  startDate: string;
  endDate: string;
  parentSourcedId?: string;
}

export interface CourseRecord extends DeltaFields {
  sourcedId: string;
  orgSourcedId: string;
  title: string;
  code?: string;
  schoolYearSourcedId?: string;
  subjects?: string[];
  grades?: string[];
}

export interface ClassRecord extends DeltaFields {
  sourcedId: string;
  orgSourcedId: string;
  title: string;
  sessionSourcedIds?: string[];
  courseSourcedId?: string;
  classCode?: string;
  /** OneRoster `homeroom` | `scheduled`. */
  classType?: string;
  grades?: string[];
  subjects?: string[];
}

export interface EnrollmentRecord extends DeltaFields {
  /** OneRoster only. */
  sourcedId?: string;
  classSourcedId: string;
  userSourcedId: string;
  /** Enrollment role code, e.g. `student`, `teacher`. */
  role: string;
  /** OneRoster `schoolSourcedId`. */
  orgSourcedId?: string;
  isPrimary?: boolean;
  beginDate?: string;
  endDate?: string;
}

export interface DemographicRecord extends DeltaFields {
  userSourcedId: string;
  sex?: string;
  birthDate?: string;
  birthCity?: string;
  birthState?: string;
  birthCountry?: string;
  ethnicityCodes?: string[];
  raceCodes?: string[];
}

export interface UserFlagRecord {
  userSourcedId: string;
  flag: string;
}

export interface RelationshipRecord {
  /** The student. */
  userSourcedId: string;
  /** The contact. */
  relationshipUserSourcedId: string;
  /** parent | guardian | relative | aide | doctor | other. */
  relationshipRole: string;
}

/** OneRoster 1.2 userProfiles.csv. */
export interface UserProfileRecord extends DeltaFields {
  sourcedId: string;
  userSourcedId: string;
  profileType: string;
  vendorId: string;
  applicationId?: string;
  description?: string;
  credentialType?: string;
  username?: string;
  /** Never logged. */
  password?: string;
}

/** Entity name → record type. Batches and counts are keyed by these names. */
export interface EntityRecordMap {
  orgs: OrgRecord;
  sessions: SessionRecord;
  courses: CourseRecord;
  persons: PersonRecord;
  userProfiles: UserProfileRecord;
  roles: RoleRecord;
  classes: ClassRecord;
  enrollments: EnrollmentRecord;
  demographics: DemographicRecord;
  userFlags: UserFlagRecord;
  relationships: RelationshipRecord;
}

export type EntityName = keyof EntityRecordMap;

/** Entities in the order their batches are emitted (dependencies first). */
export const ENTITY_NAMES: readonly EntityName[] = [
  'orgs',
  'sessions',
  'courses',
  'persons',
  'userProfiles',
  'roles',
  'classes',
  'enrollments',
  'demographics',
  'userFlags',
  'relationships',
];

/** One batch handed to `onBatch`: discriminated on `entity`. */
export type RecordBatch = { [E in EntityName]: { entity: E; records: EntityRecordMap[E][] } }[EntityName];

export type RosterRecords = { [E in EntityName]: EntityRecordMap[E][] };

/** One validation result. `line` is the physical line (header = 1); 0 when the finding concerns no line. */
export interface Finding {
  file: string;
  line: number;
  sourcedId: string;
  severity: Severity;
  code: FindingCode;
  field: string;
  /** The offending value, truncated; `[redacted]` for password fields. */
  value: string;
  message: string;
}

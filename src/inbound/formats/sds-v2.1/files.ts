/**
 * SDS v2.1 CSV files (spec roster-formats §1). Columns are matched by name, so their order is free;
 * `*` marks Y (required) columns. Extra columns seen in third-party generators (`userNumber`, `code`) are known.
 */
import { cols, fileSpec } from '../types.js';

export const SDS_FILES = {
  orgs: fileSpec('orgs.csv', 'orgs', cols('sourcedId*', 'name*', 'type*', 'parentSourcedId'), { core: true }),
  academicSessions: fileSpec(
    'academicSessions.csv',
    'sessions',
    cols('sourcedId*', 'title*', 'type*', 'schoolYear*', 'startDate*', 'endDate*'),
  ),
  courses: fileSpec(
    'courses.csv',
    'courses',
    cols('sourcedId*', 'orgSourcedId*', 'title*', 'code', 'schoolYearSourcedId', 'subject', 'grade'),
  ),
  users: fileSpec(
    'users.csv',
    'persons',
    cols(
      'sourcedId*',
      'username*',
      'givenName',
      'familyName',
      'password',
      'activeDirectoryMatchId',
      'email',
      'phone',
      'sms',
      'userNumber',
    ),
    { core: true },
  ),
  roles: fileSpec(
    'roles.csv',
    'roles',
    cols(
      'userSourcedId*',
      'orgSourcedId*',
      'role*',
      'sessionSourcedId',
      'grade',
      'isPrimary',
      'roleStartDate',
      'roleEndDate',
    ),
    { core: true },
  ),
  classes: fileSpec(
    'classes.csv',
    'classes',
    cols('sourcedId*', 'orgSourcedId*', 'title*', 'sessionSourcedIds', 'courseSourcedId', 'code'),
  ),
  enrollments: fileSpec('enrollments.csv', 'enrollments', cols('classSourcedId*', 'userSourcedId*', 'role*')),
  demographics: fileSpec(
    'demographics.csv',
    'demographics',
    cols(
      'userSourcedId*',
      'sex',
      'birthDate',
      'birthCity',
      'birthState',
      'birthCountry',
      'ethnicityCodes',
      'raceCodes',
    ),
  ),
  userFlags: fileSpec('userFlags.csv', 'userFlags', cols('userSourcedId*', 'flag*')),
  relationships: fileSpec(
    'relationships.csv',
    'relationships',
    cols('userSourcedId*', 'relationshipUserSourcedId*', 'relationshipRole*'),
  ),
} as const;

/** Read order: every file after the files it refers to. */
export const SDS_READ_ORDER = [
  SDS_FILES.orgs,
  SDS_FILES.academicSessions,
  SDS_FILES.courses,
  SDS_FILES.users,
  SDS_FILES.roles,
  SDS_FILES.classes,
  SDS_FILES.enrollments,
  SDS_FILES.demographics,
  SDS_FILES.userFlags,
  SDS_FILES.relationships,
];

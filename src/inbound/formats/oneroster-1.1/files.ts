/** OneRoster 1.1 CSV files (spec roster-formats §3): the shared files plus 1.1 users.csv (with role and orgs). */
import {
  ONEROSTER_CLASSES,
  ONEROSTER_COURSES,
  ONEROSTER_DEMOGRAPHICS,
  ONEROSTER_ENROLLMENTS,
  ONEROSTER_ORGS,
  ONEROSTER_SESSIONS,
} from '../oneroster-common/files.js';
import { cols, fileSpec } from '../types.js';

export const OR11_USERS = fileSpec(
  'users.csv',
  'persons',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'enabledUser*',
    'orgSourcedIds*',
    'role*',
    'username*',
    'userIds',
    'givenName*',
    'familyName*',
    'middleName',
    'identifier',
    'email',
    'sms',
    'phone',
    'agentSourcedIds',
    'grades',
    'password',
  ),
  { core: true, oneRoster: true },
);

export const OR11_READ_ORDER = [
  ONEROSTER_ORGS,
  ONEROSTER_SESSIONS,
  ONEROSTER_COURSES,
  OR11_USERS,
  ONEROSTER_CLASSES,
  ONEROSTER_ENROLLMENTS,
  ONEROSTER_DEMOGRAPHICS,
];

/** OneRoster 1.2 CSV files (spec roster-formats §4): users.csv without role/orgs, plus roles.csv and userProfiles.csv. */
import {
  ONEROSTER_CLASSES,
  ONEROSTER_COURSES,
  ONEROSTER_DEMOGRAPHICS,
  ONEROSTER_ENROLLMENTS,
  ONEROSTER_ORGS,
  ONEROSTER_SESSIONS,
} from '../oneroster-common/files.js';
import { cols, fileSpec } from '../types.js';

const or = { oneRoster: true };

export const OR12_USERS = fileSpec(
  'users.csv',
  'persons',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'enabledUser*',
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
    'userMasterIdentifier',
    'resourceSourcedIds',
    'preferredGivenName',
    'preferredMiddleName',
    'preferredFamilyName',
    'primaryOrgSourcedId',
    'pronouns',
  ),
  { core: true, oneRoster: true },
);

export const OR12_USER_PROFILES = fileSpec(
  'userProfiles.csv',
  'userProfiles',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'userSourcedId*',
    'profileType*',
    'vendorId*',
    'applicationId',
    'description',
    'credentialType',
    'username',
    'password',
  ),
  or,
);

export const OR12_ROLES = fileSpec(
  'roles.csv',
  'roles',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'userSourcedId*',
    'roleType*',
    'role*',
    'beginDate',
    'endDate',
    'orgSourcedId*',
    'userProfileSourcedId',
  ),
  { core: true, oneRoster: true },
);

export const OR12_READ_ORDER = [
  ONEROSTER_ORGS,
  ONEROSTER_SESSIONS,
  ONEROSTER_COURSES,
  OR12_USERS,
  OR12_USER_PROFILES,
  OR12_ROLES,
  ONEROSTER_CLASSES,
  ONEROSTER_ENROLLMENTS,
  ONEROSTER_DEMOGRAPHICS,
];

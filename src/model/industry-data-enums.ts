import type { EnumType } from './edm.js';

const NS = 'microsoft.graph.industryData';

function enumType(name: string, members: string[]): EnumType {
  return { kind: 'enum', name: `${NS}.${name}`, members: [...members, 'unknownFutureValue'] };
}

export const readinessStatus = enumType('readinessStatus', ['notReady', 'ready', 'failed', 'disabled', 'expired']);
export const additionalUserAttributes = enumType('additionalUserAttributes', ['userGradeLevel', 'userNumber']);
export const studentAgeGroup = enumType('studentAgeGroup', ['minor', 'notAdult', 'adult']);
export const additionalClassGroupAttributes = enumType('additionalClassGroupAttributes', [
  'courseTitle',
  'courseCode',
  'courseSubject',
  'courseGradeLevel',
  'courseExternalId',
  'academicSessionTitle',
  'academicSessionExternalId',
  'classCode',
]);
export const filterOptions = enumType('filterOptions', ['orgExternalId']);
export const inboundDomain = enumType('inboundDomain', ['educationRostering']);
export const apiFormat = enumType('apiFormat', ['oneRoster']);
export const industryDataRunStatus = enumType('industryDataRunStatus', [
  'running',
  'failed',
  'completed',
  'completedWithErrors',
  'completedWithWarnings',
]);
export const industryDataActivityStatus = enumType('industryDataActivityStatus', [
  'inProgress',
  'skipped',
  'failed',
  'completed',
  'completedWithErrors',
  'completedWithWarnings',
]);
export const longRunningOperationStatus: EnumType = {
  kind: 'enum',
  name: 'microsoft.graph.longRunningOperationStatus',
  members: ['notStarted', 'running', 'succeeded', 'failed', 'skipped', 'unknownFutureValue'],
};

export const industryDataEnums = [
  readinessStatus,
  additionalUserAttributes,
  studentAgeGroup,
  additionalClassGroupAttributes,
  filterOptions,
  inboundDomain,
  apiFormat,
  industryDataRunStatus,
  industryDataActivityStatus,
  longRunningOperationStatus,
];

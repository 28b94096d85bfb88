/**
 * OneRoster CSV files shared by 1.1 and 1.2 (spec roster-formats §3.3, §4: orgs.csv and the class files are
 * unchanged in 1.2). Columns are listed in the defined order; `*` marks required values. status and
 * dateLastModified are required only in delta files (checked by header.ts and delta.ts).
 */
import { cols, fileSpec } from '../types.js';

const or = { oneRoster: true };

export const ONEROSTER_ORGS = fileSpec(
  'orgs.csv',
  'orgs',
  cols('sourcedId*', 'status', 'dateLastModified', 'name*', 'type*', 'identifier', 'parentSourcedId'),
  { core: true, oneRoster: true },
);

export const ONEROSTER_SESSIONS = fileSpec(
  'academicSessions.csv',
  'sessions',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'title*',
    'type*',
    'startDate*',
    'endDate*',
    'parentSourcedId',
    'schoolYear*',
  ),
  or,
);

export const ONEROSTER_COURSES = fileSpec(
  'courses.csv',
  'courses',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'schoolYearSourcedId',
    'title*',
    'courseCode',
    'grades',
    'orgSourcedId*',
    'subjects',
    'subjectCodes',
  ),
  or,
);

export const ONEROSTER_CLASSES = fileSpec(
  'classes.csv',
  'classes',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'title*',
    'grades',
    'courseSourcedId*',
    'classCode',
    'classType*',
    'location',
    'schoolSourcedId*',
    'termSourcedIds*',
    'subjects',
    'subjectCodes',
    'periods',
  ),
  or,
);

export const ONEROSTER_ENROLLMENTS = fileSpec(
  'enrollments.csv',
  'enrollments',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'classSourcedId*',
    'schoolSourcedId*',
    'userSourcedId*',
    'role*',
    'primary',
    'beginDate',
    'endDate',
  ),
  or,
);

export const ONEROSTER_DEMOGRAPHICS = fileSpec(
  'demographics.csv',
  'demographics',
  cols(
    'sourcedId*',
    'status',
    'dateLastModified',
    'birthDate',
    'sex',
    'americanIndianOrAlaskaNative',
    'asian',
    'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander',
    'white',
    'demographicRaceTwoOrMoreRaces',
    'hispanicOrLatinoEthnicity',
    'countryOfBirthCode',
    'stateOfBirthAbbreviation',
    'cityOfBirth',
    'publicSchoolResidenceStatus',
  ),
  or,
);

/** Gradebook and resource files: defined by OneRoster, not needed for provisioning. */
export const ONEROSTER_OTHER_FILES = new Set([
  'categories.csv',
  'lineItems.csv',
  'results.csv',
  'resources.csv',
  'classResources.csv',
  'courseResources.csv',
  'userResources.csv',
  'scoreScales.csv',
  'lineItemScoreScales.csv',
  'resultScoreScales.csv',
  'lineItemLearningObjectiveIds.csv',
  'resultLearningObjectiveIds.csv',
]);

/**
 * The default reference definitions and role groups every store starts with
 * (Learn "Default List of Values"; behaviour spec §6). Sort indexes follow the documented order.
 */
export interface DefaultDefinition {
  referenceType: string;
  code: string;
  sortIndex: number;
  source: string;
  displayName?: string;
}

/** Staff roles in their documented sort order (10, 20, ...); `aide` comes from the Graph staff role-group example. */
export const STAFF_ROLES = [
  'principal', 'chair', 'professor', 'researcher', 'adjunct', 'affiliate', 'occupationalTherapist',
  'physicalTherapist', 'speechTherapist', 'visionTherapist', 'paraprofessional', 'specialServices', 'advisor',
  'proctor', 'nurse', 'officeStaff', 'lecturer', 'itAdmin', 'administrator', 'teacher', 'faculty', 'staff',
  'teacherAssistant', 'assistant', 'instructor', 'substitute', 'coach', 'alumni', 'aide',
]; // prettier-ignore

const ORG_TYPES = [
  'school', 'ministryOfEducation', 'localAuthority', 'department', 'university', 'region', 'district', 'college',
  'division', 'local', 'campus', 'province', 'state', 'adultEducation', 'researchCenter', 'national',
  'municipality', 'program', 'departmentOfEducation', 'academicTrust',
]; // prettier-ignore

const GRADES = [
  'it', 'pr', 'pk', 'tk', 'kg', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14',
  'ps', 'ug', 'other', 'ps1', 'ps2', 'ps3', 'ps4', 'undergraduate', 'graduate', 'postgraduate', 'alumni',
  'adultEducation',
]; // prettier-ignore

function list(referenceType: string, codes: string[], source: string, step = 10): DefaultDefinition[] {
  return codes.map((code, i) => ({ referenceType, code, sortIndex: (i + 1) * step, source }));
}

function academicYears(): DefaultDefinition[] {
  const out: DefaultDefinition[] = [];
  for (let y = 2015; y <= 2040; y++) {
    out.push({ referenceType: 'RefAcademicYear', code: String(y), sortIndex: y, source: 'microsoft.com' });
  }
  return out;
}

export const DEFAULT_DEFINITIONS: DefaultDefinition[] = [
  ...list('RefRole', [...STAFF_ROLES, 'student', 'other', 'guardian', 'parent', 'relative'], 'IMS Global'),
  ...list('RefOrgType', ORG_TYPES, 'IMS Global'),
  // Grades step by 10 from `it` (10); with `14` (accepted by SIS exports) undergraduate lands on its documented 270.
  ...list('RefGradeLevel', GRADES, 'CEDS'),
  // RefIdentifierType-username has the documented sortIndex 40.
  { referenceType: 'RefIdentifierType', code: 'sourcedId', sortIndex: 10, source: 'IMS Global' },
  { referenceType: 'RefIdentifierType', code: 'email', sortIndex: 20, source: 'IMS Global' },
  { referenceType: 'RefIdentifierType', code: 'activeDirectoryMatchId', sortIndex: 30, source: 'microsoft.com' },
  { referenceType: 'RefIdentifierType', code: 'username', sortIndex: 40, source: 'IMS Global' },
  { referenceType: 'RefUserMatchTarget', code: 'userPrincipalName', sortIndex: 10, source: 'microsoft.com' },
  { referenceType: 'RefUserMatchTarget', code: 'mail', sortIndex: 20, source: 'microsoft.com' },
  ...list(
    'RefFileFormat',
    ['schoolDataSyncV1', 'schoolDataSyncV2Rev1', 'oneRosterV1p1', 'oneRosterV1p2'],
    'microsoft.com',
  ),
  ...academicYears(),
];

export const DEFAULT_ROLE_GROUPS = [
  { id: 'staff', displayName: 'Staff', roles: STAFF_ROLES },
  { id: 'students', displayName: 'Students', roles: ['student'] },
];

/** Default reference definitions carry this creation time, as in the docs' list example. */
export const DEFAULT_TIMESTAMP = '0001-01-01T00:00:00Z';

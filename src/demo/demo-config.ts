/** The Graph JSON bodies the demo configures: the same shapes a script would POST to the API. */
import { ROLE_GROUPS_URL } from '../configuration/entity-sets.js';

export const FACULTY_SKU = 'STANDARDWOFFPACK_FACULTY';
export const STUDENT_SKU = 'STANDARDWOFFPACK_STUDENT';

/** Staff match on their email against the directory's mail; students on username against the UPN. */
export const DEMO_SOURCE_SYSTEM = {
  displayName: 'Contoso SIS',
  vendor: 'Example',
  userMatchingSettings: [
    {
      matchTarget: { code: 'mail' },
      priorityOrder: 0,
      'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/staff`,
      sourceIdentifier: { code: 'email' },
    },
    {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 1,
      'roleGroup@odata.bind': `${ROLE_GROUPS_URL}('students')`,
      sourceIdentifier: { code: 'username' },
      domainName: 'contoso.edu',
    },
  ],
};

export const DEMO_FLOW_SET = { displayName: 'Contoso district' };

export const DEMO_USER_FLOW = {
  '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
  createUnmatchedUsers: true,
  managementOptions: {
    additionalAttributes: ['userGradeLevel', 'userNumber'],
    additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: true },
  },
  creationOptions: {
    configurations: [
      {
        'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/staff`,
        defaultPasswordSettings: {
          '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
          password: 'Welcome-Staff-2026!',
        },
        licenseSkus: [FACULTY_SKU],
      },
      {
        'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/students`,
        defaultPasswordSettings: {
          '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
          password: 'Welcome-Student-2026!',
        },
        licenseSkus: [STUDENT_SKU],
      },
    ],
  },
};

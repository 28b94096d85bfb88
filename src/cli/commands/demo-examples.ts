/** The Graph JSON bodies the demo configures: the same shapes a script would POST to the API. */
export const EXAMPLE_SOURCE_SYSTEM = {
  displayName: 'Example SIS',
  userMatchingSettings: [
    {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 0,
      'roleGroup@odata.bind': 'https://graph.microsoft.com/beta/external/industryData/roleGroups/staff',
      sourceIdentifier: { code: 'username' },
      domainName: 'contoso.edu',
    },
    {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 1,
      'roleGroup@odata.bind': "https://graph.microsoft.com/beta/external/industryData/roleGroups('students')",
      sourceIdentifier: { code: 'username' },
      domainName: 'contoso.edu',
    },
  ],
};

export const EXAMPLE_FLOW_SET = {
  displayName: 'Example district',
};

export const EXAMPLE_USER_FLOW = {
  '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
  createUnmatchedUsers: true,
  managementOptions: {
    additionalAttributes: ['userGradeLevel', 'userNumber'],
    additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: true },
  },
  creationOptions: {
    configurations: [
      {
        'roleGroup@odata.bind': 'https://graph.microsoft.com/beta/external/industryData/roleGroups/staff',
        defaultPasswordSettings: {
          '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
          password: 'Welcome-Staff-2026!',
        },
        licenseSkus: ['STANDARDWOFFPACK_FACULTY'],
      },
      {
        'roleGroup@odata.bind': 'https://graph.microsoft.com/beta/external/industryData/roleGroups/students',
        defaultPasswordSettings: {
          '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
          password: 'Welcome-Student-2026!',
        },
        licenseSkus: ['STANDARDWOFFPACK_STUDENT'],
      },
    ],
  },
};

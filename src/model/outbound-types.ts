import type { StructuredType } from './edm.js';
import {
  additionalClassGroupAttributes,
  additionalUserAttributes,
  filterOptions,
  readinessStatus,
  studentAgeGroup,
} from './industry-data-enums.js';
import { roleGroup, sectionRoleReferenceValue } from './reference-types.js';

const NS = 'microsoft.graph.industryData';
const SET = 'external/industryData';

export const filter: StructuredType = { kind: 'complex', name: `${NS}.filter`, abstract: true, properties: [] };

export const basicFilter: StructuredType = {
  kind: 'complex',
  name: `${NS}.basicFilter`,
  base: filter,
  properties: [
    { name: 'attribute', type: filterOptions, nullable: false, required: true },
    { name: 'in', type: 'Edm.String', collection: true, nullable: false, required: true },
  ],
};

export const outboundProvisioningFlowSet: StructuredType = {
  kind: 'entity',
  name: `${NS}.outboundProvisioningFlowSet`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'createdDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'lastModifiedDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true, maxLength: 100 },
    { name: 'filter', type: filter },
  ],
};

export const provisioningFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.provisioningFlow`,
  abstract: true,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'createdDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'lastModifiedDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'readinessStatus', type: readinessStatus, readOnly: true },
  ],
};

export const passwordSettings: StructuredType = {
  kind: 'complex',
  name: `${NS}.passwordSettings`,
  abstract: true,
  properties: [],
};

export const simplePasswordSettings: StructuredType = {
  kind: 'complex',
  name: `${NS}.simplePasswordSettings`,
  base: passwordSettings,
  properties: [{ name: 'password', type: 'Edm.String', nullable: false, required: true, secret: true, maxLength: 256 }],
};

export const userConfiguration: StructuredType = {
  kind: 'complex',
  name: `${NS}.userConfiguration`,
  properties: [
    { name: 'licenseSkus', type: 'Edm.String', collection: true },
    { name: 'defaultPasswordSettings', type: passwordSettings },
  ],
  navigations: [{ name: 'roleGroup', target: () => roleGroup, entitySet: `${SET}/roleGroups`, required: true }],
};

export const userCreationOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.userCreationOptions`,
  properties: [{ name: 'configurations', type: userConfiguration, collection: true }],
};

export const additionalUserOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.additionalUserOptions`,
  properties: [
    { name: 'markAllStudentsAsMinors', type: 'Edm.Boolean' },
    { name: 'allowStudentContactAssociation', type: 'Edm.Boolean' },
    { name: 'studentAgeGroup', type: studentAgeGroup },
  ],
  // studentAgeGroup is the truth; the deprecated flag is only an input alias and a derived output.
  onWrite(value) {
    if (value.studentAgeGroup === undefined && value.markAllStudentsAsMinors !== undefined) {
      value.studentAgeGroup = value.markAllStudentsAsMinors === true ? 'minor' : null;
    }
    delete value.markAllStudentsAsMinors;
  },
  onRead(value) {
    value.markAllStudentsAsMinors = value.studentAgeGroup === 'minor';
  },
};

export const userManagementOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.userManagementOptions`,
  properties: [
    { name: 'additionalAttributes', type: additionalUserAttributes, collection: true },
    { name: 'additionalOptions', type: additionalUserOptions, nullable: false },
  ],
};

export const userProvisioningFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.userProvisioningFlow`,
  base: provisioningFlow,
  properties: [
    { name: 'createUnmatchedUsers', type: 'Edm.Boolean' },
    { name: 'managementOptions', type: userManagementOptions, nullable: false, required: true },
    { name: 'creationOptions', type: userCreationOptions },
  ],
};

export const securityGroupCreationOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.securityGroupCreationOptions`,
  properties: [
    { name: 'createBasedOnRoleGroup', type: 'Edm.Boolean', nullable: false },
    { name: 'createBasedOnOrgPlusRoleGroup', type: 'Edm.Boolean', nullable: false },
  ],
};

export const securityGroupProvisioningFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.securityGroupProvisioningFlow`,
  base: provisioningFlow,
  properties: [{ name: 'creationOptions', type: securityGroupCreationOptions, nullable: false, required: true }],
};

export const adminUnitCreationOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.adminUnitCreationOptions`,
  properties: [
    { name: 'createBasedOnOrg', type: 'Edm.Boolean', nullable: false },
    { name: 'createBasedOnOrgPlusRoleGroup', type: 'Edm.Boolean', nullable: false },
  ],
};

export const administrativeUnitProvisioningFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.administrativeUnitProvisioningFlow`,
  base: provisioningFlow,
  properties: [{ name: 'creationOptions', type: adminUnitCreationOptions, nullable: false, required: true }],
};

export const additionalClassGroupOptions: StructuredType = {
  kind: 'complex',
  name: `${NS}.additionalClassGroupOptions`,
  properties: [
    { name: 'createTeam', type: 'Edm.Boolean', nullable: false },
    { name: 'writeDisplayNameOnCreateOnly', type: 'Edm.Boolean', nullable: false },
  ],
};

export const enrollmentMappings: StructuredType = {
  kind: 'complex',
  name: `${NS}.enrollmentMappings`,
  properties: [
    { name: 'memberEnrollmentMappings', type: sectionRoleReferenceValue, collection: true },
    { name: 'ownerEnrollmentMappings', type: sectionRoleReferenceValue, collection: true },
  ],
};

export const classGroupConfiguration: StructuredType = {
  kind: 'complex',
  name: `${NS}.classGroupConfiguration`,
  properties: [
    { name: 'additionalAttributes', type: additionalClassGroupAttributes, collection: true },
    { name: 'additionalOptions', type: additionalClassGroupOptions, nullable: false },
    { name: 'enrollmentMappings', type: enrollmentMappings, nullable: false },
  ],
};

export const classGroupProvisioningFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.classGroupProvisioningFlow`,
  base: provisioningFlow,
  properties: [{ name: 'configuration', type: classGroupConfiguration, nullable: false, required: true }],
};

export const provisioningFlowTypes = [
  userProvisioningFlow,
  securityGroupProvisioningFlow,
  administrativeUnitProvisioningFlow,
  classGroupProvisioningFlow,
];

export const outboundTypes = [
  filter,
  basicFilter,
  outboundProvisioningFlowSet,
  provisioningFlow,
  passwordSettings,
  simplePasswordSettings,
  userConfiguration,
  userCreationOptions,
  additionalUserOptions,
  userManagementOptions,
  securityGroupCreationOptions,
  adminUnitCreationOptions,
  additionalClassGroupOptions,
  enrollmentMappings,
  classGroupConfiguration,
  ...provisioningFlowTypes,
];

import type { StructuredType } from './edm.js';

const NS = 'microsoft.graph.industryData';
const SET = 'external/industryData';

export const referenceDefinition: StructuredType = {
  kind: 'entity',
  name: `${NS}.referenceDefinition`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'code', type: 'Edm.String', nullable: false, required: true },
    { name: 'createdDateTime', type: 'Edm.DateTimeOffset', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String' },
    { name: 'isDisabled', type: 'Edm.Boolean', nullable: false },
    { name: 'lastModifiedDateTime', type: 'Edm.DateTimeOffset', nullable: false, readOnly: true },
    { name: 'referenceType', type: 'Edm.String', nullable: false, required: true },
    { name: 'sortIndex', type: 'Edm.Int32', nullable: false },
    { name: 'source', type: 'Edm.String', nullable: false, readOnly: true },
  ],
};

/** Abstract `referenceValue`: `{code}` or `value@odata.bind` to a referenceDefinition. */
export const referenceValue: StructuredType = {
  kind: 'complex',
  name: `${NS}.referenceValue`,
  abstract: true,
  properties: [{ name: 'code', type: 'Edm.String' }],
  navigations: [{ name: 'value', target: () => referenceDefinition, entitySet: `${SET}/referenceDefinitions` }],
};

function referenceValueType(name: string, referenceType: string): StructuredType {
  return { kind: 'complex', name: `${NS}.${name}`, base: referenceValue, properties: [], referenceType };
}

export const identifierTypeReferenceValue = referenceValueType('identifierTypeReferenceValue', 'RefIdentifierType');
export const roleReferenceValue = referenceValueType('roleReferenceValue', 'RefRole');
export const userMatchTargetReferenceValue = referenceValueType('userMatchTargetReferenceValue', 'RefUserMatchTarget');
export const yearReferenceValue = referenceValueType('yearReferenceValue', 'RefAcademicYear');
export const fileFormatReferenceValue = referenceValueType('fileFormatReferenceValue', 'RefFileFormat');
export const sectionRoleReferenceValue = referenceValueType('sectionRoleReferenceValue', 'RefRole');

export const roleGroup: StructuredType = {
  kind: 'entity',
  name: `${NS}.roleGroup`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true },
    { name: 'roles', type: roleReferenceValue, collection: true, nullable: false },
  ],
};

export const userMatchingSetting: StructuredType = {
  kind: 'complex',
  name: `${NS}.userMatchingSetting`,
  properties: [
    { name: 'matchTarget', type: userMatchTargetReferenceValue },
    { name: 'priorityOrder', type: 'Edm.Int32', nullable: false },
    { name: 'sourceIdentifier', type: identifierTypeReferenceValue, nullable: false, required: true },
    // Not in the resource table, but used by Microsoft's Postman collection and ADF template (behaviour spec §2.1).
    { name: 'domainName', type: 'Edm.String', maxLength: 255 },
  ],
  navigations: [{ name: 'roleGroup', target: () => roleGroup, entitySet: `${SET}/roleGroups`, required: true }],
};

export const sourceSystemDefinition: StructuredType = {
  kind: 'entity',
  name: `${NS}.sourceSystemDefinition`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true, maxLength: 100 },
    { name: 'vendor', type: 'Edm.String', maxLength: 100 },
    { name: 'userMatchingSettings', type: userMatchingSetting, collection: true },
  ],
};

export const referenceTypes = [
  referenceDefinition,
  referenceValue,
  identifierTypeReferenceValue,
  roleReferenceValue,
  userMatchTargetReferenceValue,
  yearReferenceValue,
  fileFormatReferenceValue,
  sectionRoleReferenceValue,
  roleGroup,
  userMatchingSetting,
  sourceSystemDefinition,
];

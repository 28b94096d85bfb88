import type { StructuredType } from './edm.js';
import { apiFormat, inboundDomain, longRunningOperationStatus, readinessStatus } from './industry-data-enums.js';
import { fileFormatReferenceValue, sourceSystemDefinition, yearReferenceValue } from './reference-types.js';

const NS = 'microsoft.graph.industryData';
const SET = 'external/industryData';

export const yearTimePeriodDefinition: StructuredType = {
  kind: 'entity',
  name: `${NS}.yearTimePeriodDefinition`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true, maxLength: 100 },
    { name: 'startDate', type: 'Edm.Date', nullable: false, required: true },
    { name: 'endDate', type: 'Edm.Date', nullable: false, required: true },
    { name: 'year', type: yearReferenceValue, nullable: false, required: true },
  ],
};

export const credential: StructuredType = {
  kind: 'complex',
  name: `${NS}.credential`,
  abstract: true,
  properties: [
    { name: 'displayName', type: 'Edm.String', maxLength: 100 },
    { name: 'isValid', type: 'Edm.Boolean', readOnly: true },
    { name: 'lastValidDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
  ],
};

export const oAuthClientCredential: StructuredType = {
  kind: 'complex',
  name: `${NS}.oAuthClientCredential`,
  base: credential,
  abstract: true,
  properties: [
    { name: 'clientId', type: 'Edm.String', required: true },
    // Write-only: stored encrypted, never returned.
    { name: 'clientSecret', type: 'Edm.String', secret: true, writeOnly: true },
  ],
};

export const oAuth1ClientCredential: StructuredType = {
  kind: 'complex',
  name: `${NS}.oAuth1ClientCredential`,
  base: oAuthClientCredential,
  properties: [],
};

export const oAuth2ClientCredential: StructuredType = {
  kind: 'complex',
  name: `${NS}.oAuth2ClientCredential`,
  base: oAuthClientCredential,
  properties: [
    { name: 'scope', type: 'Edm.String' },
    { name: 'tokenUrl', type: 'Edm.String', required: true },
  ],
};

export const industryDataConnector: StructuredType = {
  kind: 'entity',
  name: `${NS}.industryDataConnector`,
  abstract: true,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true, maxLength: 100 },
  ],
  navigations: [{ name: 'sourceSystem', target: () => sourceSystemDefinition, entitySet: `${SET}/sourceSystems` }],
};

export const fileDataConnector: StructuredType = {
  kind: 'entity',
  name: `${NS}.fileDataConnector`,
  base: industryDataConnector,
  abstract: true,
  properties: [],
};

export const azureDataLakeConnector: StructuredType = {
  kind: 'entity',
  name: `${NS}.azureDataLakeConnector`,
  base: fileDataConnector,
  properties: [{ name: 'fileFormat', type: fileFormatReferenceValue }],
};

export const apiDataConnector: StructuredType = {
  kind: 'entity',
  name: `${NS}.apiDataConnector`,
  base: industryDataConnector,
  abstract: true,
  properties: [
    { name: 'apiFormat', type: apiFormat, nullable: false },
    { name: 'baseUrl', type: 'Edm.String', nullable: false, required: true },
    { name: 'credential', type: credential },
  ],
};

export const oneRosterApiDataConnector: StructuredType = {
  kind: 'entity',
  name: `${NS}.oneRosterApiDataConnector`,
  base: apiDataConnector,
  // Non-nullable in the typings: a connector created without them reads back with the only format and `false`.
  onRead: (v) => {
    v.apiFormat ??= 'oneRoster';
    for (const flag of ['isContactsEnabled', 'isDemographicsEnabled', 'isFlagsEnabled']) v[flag] ??= false;
  },
  properties: [
    { name: 'apiVersion', type: 'Edm.String', nullable: false },
    { name: 'isContactsEnabled', type: 'Edm.Boolean', nullable: false },
    { name: 'isDemographicsEnabled', type: 'Edm.Boolean', nullable: false },
    { name: 'isFlagsEnabled', type: 'Edm.Boolean', nullable: false },
  ],
};

export const industryDataActivity: StructuredType = {
  kind: 'entity',
  name: `${NS}.industryDataActivity`,
  abstract: true,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, required: true, maxLength: 100 },
    { name: 'readinessStatus', type: readinessStatus, nullable: false, readOnly: true },
  ],
};

export const inboundFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.inboundFlow`,
  base: industryDataActivity,
  abstract: true,
  properties: [
    { name: 'dataDomain', type: inboundDomain, nullable: false, required: true },
    { name: 'effectiveDateTime', type: 'Edm.DateTimeOffset', nullable: false, required: true },
    { name: 'expirationDateTime', type: 'Edm.DateTimeOffset' },
  ],
  navigations: [
    { name: 'dataConnector', target: () => industryDataConnector, entitySet: `${SET}/dataConnectors`, required: true },
    { name: 'year', target: () => yearTimePeriodDefinition, entitySet: `${SET}/years`, required: true },
  ],
};

export const inboundFileFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.inboundFileFlow`,
  base: inboundFlow,
  properties: [],
};

export const inboundApiFlow: StructuredType = {
  kind: 'entity',
  name: `${NS}.inboundApiFlow`,
  base: inboundFlow,
  properties: [],
};

export const fileUploadSession: StructuredType = {
  kind: 'complex',
  name: `${NS}.fileUploadSession`,
  properties: [
    { name: 'containerExpirationDateTime', type: 'Edm.DateTimeOffset' },
    { name: 'containerId', type: 'Edm.String' },
    { name: 'sessionExpirationDateTime', type: 'Edm.DateTimeOffset' },
    { name: 'sessionUrl', type: 'Edm.String' },
  ],
};

export const publicErrorDetail: StructuredType = {
  kind: 'complex',
  name: 'microsoft.graph.publicErrorDetail',
  properties: [
    { name: 'code', type: 'Edm.String' },
    { name: 'message', type: 'Edm.String' },
    { name: 'target', type: 'Edm.String' },
  ],
};

export const publicInnerError: StructuredType = {
  kind: 'complex',
  name: 'microsoft.graph.publicInnerError',
  properties: [
    { name: 'code', type: 'Edm.String' },
    { name: 'details', type: publicErrorDetail, collection: true },
    { name: 'message', type: 'Edm.String' },
    { name: 'target', type: 'Edm.String' },
  ],
};

export const publicError: StructuredType = {
  kind: 'complex',
  name: 'microsoft.graph.publicError',
  properties: [
    { name: 'code', type: 'Edm.String' },
    { name: 'details', type: publicErrorDetail, collection: true },
    { name: 'innerError', type: publicInnerError },
    { name: 'message', type: 'Edm.String' },
    { name: 'target', type: 'Edm.String' },
  ],
};

export const longRunningOperation: StructuredType = {
  kind: 'entity',
  name: 'microsoft.graph.longRunningOperation',
  abstract: true,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'createdDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'lastActionDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'resourceLocation', type: 'Edm.String', readOnly: true },
    { name: 'status', type: longRunningOperationStatus, readOnly: true },
    { name: 'statusDetail', type: 'Edm.String', readOnly: true },
  ],
};

export const validateOperation: StructuredType = {
  kind: 'entity',
  name: `${NS}.validateOperation`,
  base: longRunningOperation,
  properties: [
    { name: 'errors', type: publicError, collection: true, readOnly: true },
    { name: 'warnings', type: publicError, collection: true, readOnly: true },
  ],
};

export const fileValidateOperation: StructuredType = {
  kind: 'entity',
  name: `${NS}.fileValidateOperation`,
  base: validateOperation,
  properties: [{ name: 'validatedFiles', type: 'Edm.String', collection: true, readOnly: true }],
};

export const inboundTypes = [
  yearTimePeriodDefinition,
  credential,
  oAuthClientCredential,
  oAuth1ClientCredential,
  oAuth2ClientCredential,
  industryDataConnector,
  fileDataConnector,
  azureDataLakeConnector,
  apiDataConnector,
  oneRosterApiDataConnector,
  industryDataActivity,
  inboundFlow,
  inboundFileFlow,
  inboundApiFlow,
  fileUploadSession,
  publicErrorDetail,
  publicInnerError,
  publicError,
  longRunningOperation,
  validateOperation,
  fileValidateOperation,
];

import type { StructuredType } from './edm.js';
import { industryDataActivityStatus, industryDataRunStatus } from './industry-data-enums.js';
import { publicError } from './inbound-types.js';

const NS = 'microsoft.graph.industryData';

export const industryDataRunActivity: StructuredType = {
  kind: 'entity',
  name: `${NS}.industryDataRunActivity`,
  abstract: true,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'blockingError', type: publicError, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'status', type: industryDataActivityStatus, nullable: false, readOnly: true },
  ],
};

export const inboundFlowActivity: StructuredType = {
  kind: 'entity',
  name: `${NS}.inboundFlowActivity`,
  base: industryDataRunActivity,
  properties: [],
};

export const outboundFlowActivity: StructuredType = {
  kind: 'entity',
  name: `${NS}.outboundFlowActivity`,
  base: industryDataRunActivity,
  properties: [],
};

export const industryDataRun: StructuredType = {
  kind: 'entity',
  name: `${NS}.industryDataRun`,
  properties: [
    { name: 'id', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'blockingError', type: publicError, readOnly: true },
    { name: 'displayName', type: 'Edm.String', nullable: false, readOnly: true },
    { name: 'endDateTime', type: 'Edm.DateTimeOffset', readOnly: true },
    { name: 'startDateTime', type: 'Edm.DateTimeOffset', nullable: false, readOnly: true },
    { name: 'status', type: industryDataRunStatus, nullable: false, readOnly: true },
  ],
};

export const industryDataRunEntityCountMetric: StructuredType = {
  kind: 'complex',
  name: `${NS}.industryDataRunEntityCountMetric`,
  properties: [
    { name: 'active', type: 'Edm.Int32' },
    { name: 'inactive', type: 'Edm.Int32' },
    { name: 'total', type: 'Edm.Int32' },
  ],
};

export const industryDataRunRoleCountMetric: StructuredType = {
  kind: 'complex',
  name: `${NS}.industryDataRunRoleCountMetric`,
  properties: [
    { name: 'count', type: 'Edm.Int32' },
    { name: 'role', type: 'Edm.String' },
  ],
};

export const industryDataActivityStatistics: StructuredType = {
  kind: 'complex',
  name: `${NS}.industryDataActivityStatistics`,
  properties: [
    { name: 'activityId', type: 'Edm.String' },
    { name: 'displayName', type: 'Edm.String' },
    { name: 'status', type: industryDataActivityStatus },
  ],
};

const roleCounts = (name: string) => ({ name, type: industryDataRunRoleCountMetric, collection: true });
const entityCount = (name: string) => ({ name, type: industryDataRunEntityCountMetric });

export const inboundActivityResults: StructuredType = {
  kind: 'complex',
  name: `${NS}.inboundActivityResults`,
  base: industryDataActivityStatistics,
  properties: [
    { name: 'errors', type: 'Edm.Int32' },
    { name: 'warnings', type: 'Edm.Int32' },
    entityCount('groups'),
    entityCount('memberships'),
    entityCount('organizations'),
    entityCount('people'),
    roleCounts('matchedPeopleByRole'),
    roleCounts('unmatchedPeopleByRole'),
  ],
};

export const aggregatedInboundStatistics: StructuredType = {
  kind: 'complex',
  name: `${NS}.aggregatedInboundStatistics`,
  properties: [
    { name: 'errors', type: 'Edm.Int32' },
    { name: 'groups', type: 'Edm.Int32' },
    roleCounts('matchedPeopleByRole'),
    { name: 'memberships', type: 'Edm.Int32' },
    { name: 'organizations', type: 'Edm.Int32' },
    { name: 'people', type: 'Edm.Int32' },
    roleCounts('unmatchedPeopleByRole'),
    { name: 'warnings', type: 'Edm.Int32' },
  ],
};

export const industryDataRunStatistics: StructuredType = {
  kind: 'complex',
  name: `${NS}.industryDataRunStatistics`,
  properties: [
    { name: 'activityStatistics', type: industryDataActivityStatistics, collection: true },
    { name: 'inboundTotals', type: aggregatedInboundStatistics },
    { name: 'runId', type: 'Edm.String' },
    { name: 'status', type: industryDataRunStatus },
  ],
};

export const runTypes = [
  industryDataRunActivity,
  inboundFlowActivity,
  outboundFlowActivity,
  industryDataRun,
  industryDataRunEntityCountMetric,
  industryDataRunRoleCountMetric,
  industryDataActivityStatistics,
  inboundActivityResults,
  aggregatedInboundStatistics,
  industryDataRunStatistics,
];

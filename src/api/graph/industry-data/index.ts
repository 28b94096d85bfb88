import {
  DATA_CONNECTORS,
  FLOW_SETS,
  INBOUND_FLOWS,
  OPERATIONS,
  REFERENCE_DEFINITIONS,
  ROLE_GROUPS,
  SOURCE_SYSTEMS,
  YEARS,
} from '../../../configuration/entity-sets.js';
import { PERMISSIONS } from '../../permissions.js';
import type { IngestService } from '../../../ingest/ingest-service.js';
import type { RunService } from '../../../engine/run-service.js';
import { registerRuns } from './runs.js';
import type { GraphContext } from '../graph-context.js';
import { registerConnectorOperations } from './data-connectors.js';
import { registerEntitySet } from './entity-set-routes.js';
import { registerProvisioningFlows } from './provisioning-flows.js';

const CRUD = ['list', 'get', 'create', 'update', 'delete'] as const;

/** Every entity set under /beta/external/industryData, registered in one ordered place. */
export function registerIndustryData(ctx: GraphContext, ingest: IngestService, runs: RunService): void {
  registerEntitySet(ctx, { def: FLOW_SETS, permissions: PERMISSIONS.outboundFlows, operations: [...CRUD] });
  registerProvisioningFlows(ctx);
  registerEntitySet(ctx, {
    def: ROLE_GROUPS,
    permissions: PERMISSIONS.referenceDefinitions,
    operations: ['list', 'get'],
  });
  registerEntitySet(ctx, {
    def: REFERENCE_DEFINITIONS,
    permissions: PERMISSIONS.referenceDefinitions,
    operations: [...CRUD],
  });
  registerEntitySet(ctx, {
    def: SOURCE_SYSTEMS,
    permissions: PERMISSIONS.sourceSystems,
    operations: [...CRUD],
    expandRoleGroups: true,
  });
  registerEntitySet(ctx, { def: DATA_CONNECTORS, permissions: PERMISSIONS.dataConnectors, operations: [...CRUD] });
  registerConnectorOperations(ctx, ingest);
  registerEntitySet(ctx, { def: INBOUND_FLOWS, permissions: PERMISSIONS.inboundFlows, operations: [...CRUD] });
  registerEntitySet(ctx, { def: YEARS, permissions: PERMISSIONS.years, operations: [...CRUD] });
  registerEntitySet(ctx, { def: OPERATIONS, permissions: OPERATION_PERMISSIONS, operations: ['list', 'get'] });
  registerRuns(ctx, runs);
}

/** Operations are read by whoever may start them: connector uploaders and inbound-flow readers. */
const OPERATION_PERMISSIONS = {
  read: [...PERMISSIONS.dataConnectors.upload, ...PERMISSIONS.dataConnectors.read, ...PERMISSIONS.inboundFlows.read],
  write: [] as string[],
};

/** Entity sets: the segment after one of these is a key. */
export const ENTITY_SETS = [
  'runs',
  'activities',
  'dataconnectors',
  'inboundflows',
  'years',
  'operations',
  'outboundprovisioningflowsets',
  'provisioningflows',
  'rolegroups',
  'referencedefinitions',
  'sourcesystems',
];

/** Path segments the server knows, so an unknown one can be named in a 400 "Resource not found for the segment". */
export const KNOWN_SEGMENTS = [
  'external',
  'industrydata',
  'reset',
  'validate',
  'getuploadsession',
  'dataconnector',
  'start',
  'getstatistics',
  '$count',
  '$metadata',
  ...ENTITY_SETS,
];

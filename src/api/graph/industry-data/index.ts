import { FLOW_SETS, REFERENCE_DEFINITIONS, ROLE_GROUPS, SOURCE_SYSTEMS } from '../../../configuration/entity-sets.js';
import { PERMISSIONS } from '../../permissions.js';
import type { GraphContext } from '../graph-context.js';
import { registerEntitySet } from './entity-set-routes.js';
import { registerProvisioningFlows } from './provisioning-flows.js';

const CRUD = ['list', 'get', 'create', 'update', 'delete'] as const;

/** Every entity set under /beta/external/industryData, registered in one ordered place. */
export function registerIndustryData(ctx: GraphContext): void {
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
}

/** Entity sets: the segment after one of these is a key. */
export const ENTITY_SETS = [
  'outboundprovisioningflowsets',
  'provisioningflows',
  'rolegroups',
  'referencedefinitions',
  'sourcesystems',
];

/** Path segments the server knows, so an unknown one can be named in a 400 "Resource not found for the segment". */
export const KNOWN_SEGMENTS = ['external', 'industrydata', 'reset', '$count', '$metadata', ...ENTITY_SETS];

import type { StructuredType } from '../model/edm.js';
import {
  inboundFlow,
  industryDataConnector,
  longRunningOperation,
  yearTimePeriodDefinition,
} from '../model/inbound-types.js';
import { outboundProvisioningFlowSet, provisioningFlow } from '../model/outbound-types.js';
import { industryDataRun, industryDataRunActivity } from '../model/run-types.js';
import { referenceDefinition, roleGroup, sourceSystemDefinition } from '../model/reference-types.js';

/** A configuration collection: where its documents live and the Graph type they have. */
export interface EntitySetDef {
  /** Entity-set name, also the `documents.collection` value. */
  readonly collection: string;
  readonly type: StructuredType;
  /** Words for messages, e.g. "outboundProvisioningFlowSet". */
  readonly what: string;
}

export const FLOW_SETS: EntitySetDef = {
  collection: 'outboundProvisioningFlowSets',
  type: outboundProvisioningFlowSet,
  what: 'outboundProvisioningFlowSet',
};
export const FLOWS: EntitySetDef = {
  collection: 'provisioningFlows',
  type: provisioningFlow,
  what: 'provisioningFlow',
};
export const ROLE_GROUPS: EntitySetDef = { collection: 'roleGroups', type: roleGroup, what: 'roleGroup' };

/** The role groups' absolute URL, the base of the `roleGroup@odata.bind` values that configuration documents use. */
export const ROLE_GROUPS_URL = 'https://graph.microsoft.com/beta/external/industryData/roleGroups';
export const REFERENCE_DEFINITIONS: EntitySetDef = {
  collection: 'referenceDefinitions',
  type: referenceDefinition,
  what: 'referenceDefinition',
};
export const SOURCE_SYSTEMS: EntitySetDef = {
  collection: 'sourceSystems',
  type: sourceSystemDefinition,
  what: 'sourceSystemDefinition',
};
export const DATA_CONNECTORS: EntitySetDef = {
  collection: 'dataConnectors',
  type: industryDataConnector,
  what: 'industryDataConnector',
};
export const INBOUND_FLOWS: EntitySetDef = { collection: 'inboundFlows', type: inboundFlow, what: 'inboundFlow' };
export const YEARS: EntitySetDef = {
  collection: 'years',
  type: yearTimePeriodDefinition,
  what: 'yearTimePeriodDefinition',
};
export const OPERATIONS: EntitySetDef = {
  collection: 'operations',
  type: longRunningOperation,
  what: 'longRunningOperation',
};
export const RUNS: EntitySetDef = { collection: 'runs', type: industryDataRun, what: 'industryDataRun' };
export const ACTIVITIES: EntitySetDef = {
  collection: 'activities',
  type: industryDataRunActivity,
  what: 'industryDataRunActivity',
};

import type { StructuredType } from '../model/edm.js';
import { outboundProvisioningFlowSet, provisioningFlow } from '../model/outbound-types.js';
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

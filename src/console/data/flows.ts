import type { ConfigurationService, Doc } from '../../configuration/configuration-service.js';
import { FLOWS, FLOW_SETS } from '../../configuration/entity-sets.js';
import { flowReadiness, type Readiness } from '../../engine/readiness.js';

export interface FlowEntry {
  flowSet: Doc;
  flow: Doc;
  readiness: Readiness;
}

/** Every flow set with its flows and each flow's computed readiness (the same the API shows). */
export async function flowSetsWithFlows(config: ConfigurationService): Promise<{ flowSet: Doc; flows: FlowEntry[] }[]> {
  const out: { flowSet: Doc; flows: FlowEntry[] }[] = [];
  for (const flowSet of await config.list(FLOW_SETS)) {
    const flows: FlowEntry[] = [];
    for (const flow of await config.list(FLOWS, flowSet.id)) {
      flows.push({ flowSet, flow, readiness: await flowReadiness(config, flow) });
    }
    out.push({ flowSet, flows });
  }
  return out;
}

/** `microsoft.graph.industryData.userProvisioningFlow` → `userProvisioningFlow`. */
export const shortType = (type: string) => type.slice(type.lastIndexOf('.') + 1);

export const nameOf = (doc: Doc) => String(doc.data.displayName ?? doc.id);

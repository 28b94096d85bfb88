import type { ConfigurationService, Doc } from '../configuration/configuration-service.js';
import { FLOW_SETS, INBOUND_FLOWS, SOURCE_SYSTEMS } from '../configuration/entity-sets.js';
import { userProvisioningFlow } from '../model/outbound-types.js';
import { readMatchingRules, readUserFlowSettings, userFlowReadiness } from './flow-settings.js';
import { sourceSystemOf } from './user-flow.js';

export interface Readiness {
  status: 'ready' | 'notReady' | 'disabled';
  reason: string | null;
}

/**
 * The readinessStatus a flow shows on read. User flows follow `userFlowReadiness` against the source system of
 * the first inbound flow (or the first source system); the other flow types are kept but not run: `disabled`.
 */
export async function flowReadiness(config: ConfigurationService, flow: Doc): Promise<Readiness> {
  if (flow.type !== userProvisioningFlow.name)
    return { status: 'disabled', reason: `${flow.type} is not run by rosterlink.` };
  const flowSet = await config.get(FLOW_SETS, flow.parentId!);
  const inbound = (await config.list(INBOUND_FLOWS))[0];
  const sourceSystem = inbound ? await sourceSystemOf(config, inbound) : null;
  const settings = readUserFlowSettings(flow.data, flowSet.data);
  return userFlowReadiness(settings, readMatchingRules(sourceSystem?.data ?? (await firstSourceSystem(config))));
}

async function firstSourceSystem(config: ConfigurationService): Promise<Record<string, unknown> | null> {
  return (await config.list(SOURCE_SYSTEMS))[0]?.data ?? null;
}

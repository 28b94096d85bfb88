import type { Doc } from '../../configuration/configuration-service.js';
import { INBOUND_FLOWS } from '../../configuration/entity-sets.js';
import { LakeRepository, type LakeCounts } from '../../store/repositories/lake.js';
import type { InboundLoad } from '../../store/repositories/inbound-loads.js';
import type { ConsoleDeps } from '../deps.js';

export interface InboundSummary {
  flow: Doc;
  latest: InboundLoad | undefined;
  counts: LakeCounts;
}

/** Each inbound flow with its newest load and what its lake holds now. */
export async function inboundSummaries(deps: ConsoleDeps): Promise<InboundSummary[]> {
  const lake = new LakeRepository(deps.runtime.store.db);
  const out: InboundSummary[] = [];
  for (const flow of await deps.runtime.config.list(INBOUND_FLOWS)) {
    out.push({ flow, latest: await deps.loads.latest(flow.id), counts: await lake.counts(flow.id) });
  }
  return out;
}

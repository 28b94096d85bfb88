import type { ConfigurationService, Doc } from '../configuration/configuration-service.js';
import {
  DATA_CONNECTORS,
  INBOUND_FLOWS,
  ROLE_GROUPS_URL,
  SOURCE_SYSTEMS,
  YEARS,
} from '../configuration/entity-sets.js';
import { notFound } from '../lib/errors.js';

/**
 * The inbound flow an import without `--inbound-flow` loads into: the first existing one, or (on a fresh store) a
 * default source system (username → userPrincipalName for staff and students), year, CSV connector and inbound
 * file flow, created through the same service as the API.
 */
export async function ensureInboundFlow(config: ConfigurationService, inboundFlowId?: string): Promise<Doc> {
  if (inboundFlowId) return config.get(INBOUND_FLOWS, inboundFlowId);
  const existing = await config.list(INBOUND_FLOWS);
  if (existing.length > 0) return existing[0];
  const sourceSystem =
    (await config.list(SOURCE_SYSTEMS))[0] ?? (await config.create(SOURCE_SYSTEMS, DEFAULT_SOURCE_SYSTEM));
  const year = (await config.list(YEARS))[0] ?? (await config.create(YEARS, defaultYear(new Date())));
  const connector = await config.create(DATA_CONNECTORS, {
    '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector',
    displayName: 'CSV upload',
    'sourceSystem@odata.bind': `external/industryData/sourceSystems/${sourceSystem.id}`,
  });
  const flow = await config.create(INBOUND_FLOWS, {
    '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
    displayName: 'Roster import',
    dataDomain: 'educationRostering',
    effectiveDateTime: new Date().toISOString(),
    'dataConnector@odata.bind': `external/industryData/dataConnectors/${connector.id}`,
    'year@odata.bind': `external/industryData/years/${year.id}`,
  });
  if (!flow) throw notFound('inboundFlow', 'default');
  return flow;
}

export const DEFAULT_SOURCE_SYSTEM = {
  displayName: 'Roster source',
  userMatchingSettings: [
    {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 0,
      'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/staff`,
      sourceIdentifier: { code: 'username' },
    },
    {
      matchTarget: { code: 'userPrincipalName' },
      priorityOrder: 1,
      'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/students`,
      sourceIdentifier: { code: 'username' },
    },
  ],
};

/** The academic year containing `now`, running August to July. */
export function defaultYear(now: Date) {
  const start = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return {
    displayName: `${start}-${start + 1}`,
    startDate: `${start}-08-01`,
    endDate: `${start + 1}-07-31`,
    year: { code: String(start + 1) },
  };
}

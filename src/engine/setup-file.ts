import fs from 'node:fs';
import type { ConfigurationService, Doc } from '../configuration/configuration-service.js';
import { DATA_CONNECTORS, FLOWS, FLOW_SETS, SOURCE_SYSTEMS } from '../configuration/entity-sets.js';
import { invalid } from '../lib/errors.js';
import { registry } from '../model/index.js';
import { bindKey } from '../model/read-body.js';
import type { Store } from '../store/database.js';

/** `run --setup setup.json`: the same Graph JSON bodies the API takes. */
export interface SetupFile {
  sourceSystem?: Record<string, unknown>;
  outboundProvisioningFlowSet: Record<string, unknown>;
  provisioningFlows: Record<string, unknown>[];
}

interface SetupIds {
  sourceSystemId?: string;
  flowSetId?: string;
  flows: Record<string, string>;
}

const SETTING = 'cli.setup';

export function readSetupFile(path: string): SetupFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (err) {
    throw invalid(`${path}: not a readable JSON file (${(err as Error).message})`);
  }
  const setup = parsed as Partial<SetupFile>;
  if (typeof setup !== 'object' || setup === null || Array.isArray(setup))
    throw invalid(`${path}: must be a JSON object`);
  if (!setup.outboundProvisioningFlowSet) throw invalid(`${path}: 'outboundProvisioningFlowSet' is required`);
  if (!Array.isArray(setup.provisioningFlows)) throw invalid(`${path}: 'provisioningFlows' must be an array`);
  return setup as SetupFile;
}

/**
 * Applies a setup file through the configuration service, updating (PATCH) what an earlier call created instead
 * of creating it again, so `run` can be repeated. Returns the flow set and the source system.
 */
export async function applySetup(
  store: Store,
  config: ConfigurationService,
  setup: SetupFile,
): Promise<{ flowSet: Doc; sourceSystem: Doc | null }> {
  const ids = await loadIds(store);
  const sourceSystem = setup.sourceSystem
    ? await upsert(config, SOURCE_SYSTEMS, ids.sourceSystemId, setup.sourceSystem)
    : null;
  if (sourceSystem) ids.sourceSystemId = sourceSystem.id;
  const flowSet = await upsert(config, FLOW_SETS, ids.flowSetId, setup.outboundProvisioningFlowSet);
  ids.flowSetId = flowSet.id;
  for (const body of setup.provisioningFlows) {
    const type = registry.resolve(String(body['@odata.type'] ?? ''))?.name;
    if (!type)
      throw invalid(
        `setup: every provisioning flow needs an '@odata.type' (got ${JSON.stringify(body['@odata.type'])})`,
      );
    const flow = await upsert(config, FLOWS, ids.flows[type], body, flowSet.id);
    ids.flows[type] = flow.id;
  }
  await store.db
    .insertInto('settings')
    .values({ key: SETTING, value: JSON.stringify(ids) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(ids) }))
    .execute();
  return { flowSet, sourceSystem };
}

/** Points the connector of an inbound flow at a source system (its matching rules then apply). */
export async function bindConnectorSourceSystem(
  config: ConfigurationService,
  inboundFlow: Doc,
  sourceSystemId: string,
): Promise<void> {
  const connectorId = inboundFlow.data[bindKey('dataConnector')];
  if (typeof connectorId !== 'string') return;
  await config.update(DATA_CONNECTORS, connectorId, {
    'sourceSystem@odata.bind': `external/industryData/sourceSystems/${sourceSystemId}`,
  });
}

async function upsert(
  config: ConfigurationService,
  def: typeof FLOWS,
  id: string | undefined,
  body: Record<string, unknown>,
  parentId: string | null = null,
): Promise<Doc> {
  const existing = id ? await config.docs.get<Record<string, unknown>>(def.collection, id) : undefined;
  if (!existing) return config.create(def, body, parentId);
  await config.update(def, existing.id, body, parentId);
  return config.get(def, existing.id, parentId);
}

async function loadIds(store: Store): Promise<SetupIds> {
  const row = await store.db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  return row ? (JSON.parse(row.value) as SetupIds) : { flows: {} };
}

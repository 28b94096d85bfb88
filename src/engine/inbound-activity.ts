import type { ConfigurationService, Doc } from '../configuration/configuration-service.js';
import { DATA_CONNECTORS, INBOUND_FLOWS } from '../configuration/entity-sets.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { loadRoster } from '../ingest/load-roster.js';
import { graphNow } from '../lib/clock.js';
import type { SecretBox } from '../lib/secrets.js';
import { bindKey } from '../model/read-body.js';
import type { Store } from '../store/database.js';

export interface InboundOutcome {
  status: 'completed' | 'completedWithErrors' | 'completedWithWarnings' | 'failed' | 'skipped';
  blockingError: { code: string; message: string } | null;
  errors: number;
  warnings: number;
}

/**
 * An inbound flow's part of a run: load the newest uploaded files into its lake when they have not been loaded
 * yet. Without new files the current data set stays as it is (`skipped`); outside the flow's time window too.
 */
export async function runInboundFlow(
  deps: { store: Store; box: SecretBox; config: ConfigurationService; ingest: IngestService },
  flow: Doc,
  now = new Date(),
): Promise<InboundOutcome> {
  const effective = Date.parse(String(flow.data.effectiveDateTime));
  const expiration = flow.data.expirationDateTime ? Date.parse(String(flow.data.expirationDateTime)) : null;
  if (effective > now.getTime())
    return skipped('NotEffective', `The inbound flow takes effect on ${String(flow.data.effectiveDateTime)}.`);
  if (expiration !== null && expiration < now.getTime())
    return skipped('Expired', `The inbound flow expired on ${String(flow.data.expirationDateTime)}.`);
  const connectorId = flow.data[bindKey('dataConnector')];
  const connector =
    typeof connectorId === 'string' ? await deps.config.docs.get(DATA_CONNECTORS.collection, connectorId) : undefined;
  const folder = connector ? await deps.ingest.uploads.latestFolder(connector.id) : null;
  if (!folder || folder === flow.data._loadedFolder)
    return { ...(await lastLoad(deps.store, flow.id)), status: 'skipped', blockingError: null };
  const result = await loadRoster(deps.store, deps.box, { flowId: flow.id, path: folder });
  if (result.catastrophic) {
    return {
      status: 'failed',
      blockingError: { code: result.catastrophic.code, message: result.catastrophic.message },
      errors: result.errors,
      warnings: result.warnings,
    };
  }
  await deps.config.docs.replace(
    INBOUND_FLOWS.collection,
    flow.id,
    { ...flow.data, _loadedFolder: folder },
    graphNow(),
  );
  const status =
    result.errors > 0 ? 'completedWithErrors' : result.warnings > 0 ? 'completedWithWarnings' : 'completed';
  return { status, blockingError: null, errors: result.errors, warnings: result.warnings };
}

function skipped(code: string, message: string): InboundOutcome {
  return { status: 'skipped', blockingError: { code, message }, errors: 0, warnings: 0 };
}

/** Errors and warnings of the load that produced the current data set. */
async function lastLoad(store: Store, flowId: string): Promise<{ errors: number; warnings: number }> {
  const row = await store.db
    .selectFrom('inbound_loads')
    .select('summary')
    .where('flow_id', '=', flowId)
    .where('status', '=', 'completed')
    .orderBy('load_seq', 'desc')
    .executeTakeFirst();
  const summary = row?.summary ? (JSON.parse(row.summary) as { errors?: number; warnings?: number }) : {};
  return { errors: summary.errors ?? 0, warnings: summary.warnings ?? 0 };
}

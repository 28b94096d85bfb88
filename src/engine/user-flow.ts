import type { ConfigurationService, Doc } from '../configuration/configuration-service.js';
import { DATA_CONNECTORS, INBOUND_FLOWS, ROLE_GROUPS, SOURCE_SYSTEMS } from '../configuration/entity-sets.js';
import type { DirectoryAdapter } from '../directory/types.js';
import { bindKey } from '../model/read-body.js';
import type { Store } from '../store/database.js';
import { lakesOf } from '../store/repositories/lake.js';
import { LinkRepository, type StoredLink } from '../store/repositories/links.js';
import { phaseTrace } from '../lib/phase-trace.js';
import { applyPlan } from './apply.js';
import { readMatchingRules, readRoleGroups, readUserFlowSettings, userFlowReadiness } from './flow-settings.js';
import { gatherLookups } from './lookups.js';
import { plan, prepare, type MatchLookups, type Prepared } from './plan.js';
import { lakeHasPeople, loadRosterScope } from './scope.js';
import type { EngineOptions, PlanRow, ResultRow, UserFlowSettings } from './types.js';

export interface EngineDeps {
  store: Store;
  config: ConfigurationService;
  adapter: DirectoryAdapter;
  options: EngineOptions;
  reveal: (sealed: string) => string;
  /** Reports progress of long steps (the CLI's progress bars). */
  onProgress?: (p: EngineProgress) => void;
}

export interface EngineProgress {
  step: 'plan' | 'create' | 'update';
  done: number;
  total: number;
}

/** One userProvisioningFlow applied to one inbound flow's data set. */
export interface UserFlowJob {
  flowSet: Doc;
  flow: Doc;
  inboundFlow: Doc;
}

export interface UserFlowPlan {
  rows: PlanRow[];
  /**
   * Links whose account was read and found as desired: remembered after a real run so the next skips the read.
   * Empty for a dry run, which remembers nothing.
   */
  confirmations: StoredLink[];
  prepared: Map<string, Prepared>;
  settings: UserFlowSettings;
  sourceSystemId: string;
  readiness: { status: 'ready' | 'notReady'; reason: string | null };
}

/**
 * Computes the plan of a job without writing anything (dry run, and the first half of a real run: `forApply` then
 * also collects the links to confirm after the apply).
 */
export async function planUserFlow(deps: EngineDeps, job: UserFlowJob, forApply = false): Promise<UserFlowPlan> {
  const { store, config, adapter } = deps;
  const sourceSystem = await sourceSystemOf(config, job.inboundFlow);
  const rules = readMatchingRules(sourceSystem?.data ?? null);
  const settings = readUserFlowSettings(job.flow.data, job.flowSet.data);
  const readiness = userFlowReadiness(settings, rules);
  const sourceSystemId = sourceSystem?.id ?? 'none';
  // A flow that cannot run plans nothing: a dry run then shows what a real run would do (nothing), cheaply.
  if (readiness.status !== 'ready')
    return { rows: [], confirmations: [], prepared: new Map(), settings, sourceSystemId, readiness };
  const mark = phaseTrace('plan');
  const groups = readRoleGroups(await config.list(ROLE_GROUPS));
  const people = await loadRosterScope(store, job.inboundFlow.id, settings.orgFilter);
  mark('roster read');
  const links = new LinkRepository(store.db, store);
  const stored = await links.forSourceSystem(sourceSystemId);
  // Desired attributes are kept only for people whose link does not already remember them.
  const prepared = prepare(people, groups, rules, settings, (id, fp) => stored.get(id)?.fingerprint !== fp);
  mark('links, prepare');
  const lookups = await gatherLookups(adapter, links, sourceSystemId, prepared, stored);
  mark(`lookups (${lookups.unchanged?.size ?? 0} unchanged, ${lookups.linked.size} read)`);
  // People of every inbound flow reading this source system share its links: someone is gone only when no such
  // roster has them, and only the first of those flows reports it (each is planned on its own).
  const siblings = await inboundFlowsOf(deps, sourceSystemId);
  const departed = (siblings[0] === job.inboundFlow.id ? await departedPeople(store, sourceSystemId, siblings) : [])
    .filter((id) => stored.has(id))
    .map((sourcedId) => ({ sourcedId, account: lookups.linked.get(sourcedId)?.account ?? null }));
  deps.onProgress?.({ step: 'plan', done: 0, total: people.length });
  const rows = plan({ people, departed, groups, rules, settings, options: deps.options, lookups }, prepared);
  deps.onProgress?.({ step: 'plan', done: people.length, total: people.length });
  mark('plan');
  const byId = new Map(prepared.map((p) => [p.person.sourcedId, p]));
  const confirmations = forApply ? confirmationsOf(rows, byId, stored, lookups) : [];
  return { rows, confirmations, prepared: byId, settings, sourceSystemId, readiness };
}

/** Noop rows of accounts read in full whose link does not yet remember this fingerprint and stamp. */
function confirmationsOf(
  rows: readonly PlanRow[],
  prepared: ReadonlyMap<string, Prepared>,
  stored: ReadonlyMap<string, StoredLink>,
  lookups: MatchLookups,
): StoredLink[] {
  const out: StoredLink[] = [];
  for (const row of rows) {
    if (row.decision !== 'noop') continue;
    const account = lookups.linked.get(row.sourcedId)?.account;
    const link = stored.get(row.sourcedId);
    const fingerprint = prepared.get(row.sourcedId)?.fingerprint ?? null;
    if (!account?.stamp || !link || link.accountId !== account.id || !fingerprint) continue;
    if (link.fingerprint !== fingerprint || link.accountStamp !== account.stamp)
      out.push({ ...link, fingerprint, accountStamp: account.stamp });
  }
  return out;
}

/** Plans and applies a job; returns per-person results and the number of directory writes. */
export async function executeUserFlow(
  deps: EngineDeps,
  job: UserFlowJob,
  runId: string,
): Promise<{ results: ResultRow[]; writes: number; plan: UserFlowPlan }> {
  const planned = await planUserFlow(deps, job, true);
  if (planned.readiness.status !== 'ready') return { results: [], writes: 0, plan: planned };
  const mark = phaseTrace('apply');
  const { results, writes } = await applyPlan(planned.rows, planned.prepared, {
    db: deps.store.db,
    adapter: deps.adapter,
    runId,
    flowId: job.flow.id,
    sourceSystemId: planned.sourceSystemId,
    settings: planned.settings,
    options: deps.options,
    reveal: deps.reveal,
    onProgress: deps.onProgress,
  });
  mark('apply');
  // After the apply: a run killed before this point only leaves these people to be read in full once more.
  await new LinkRepository(deps.store.db).confirm(planned.confirmations);
  mark(`confirm ${planned.confirmations.length} links`);
  return { results, writes, plan: planned };
}

/** The source system of an inbound flow: its connector's `sourceSystem`, else the first source system. */
export async function sourceSystemOf(config: ConfigurationService, inboundFlow: Doc): Promise<Doc | null> {
  const connectorId = inboundFlow.data[bindKey('dataConnector')];
  if (typeof connectorId === 'string') {
    const connector = await config.docs.get<Record<string, unknown>>(DATA_CONNECTORS.collection, connectorId);
    const id = connector?.data[bindKey('sourceSystem')];
    if (typeof id === 'string') {
      const ss = await config.docs.get<Record<string, unknown>>(SOURCE_SYSTEMS.collection, id);
      if (ss) return ss;
    }
  }
  return (await config.list(SOURCE_SYSTEMS))[0] ?? null;
}

/** The inbound flows whose source system is this one and whose lake holds data, in configuration order. */
async function inboundFlowsOf(deps: EngineDeps, sourceSystemId: string): Promise<string[]> {
  const out: string[] = [];
  for (const flow of await deps.config.list(INBOUND_FLOWS)) {
    if (((await sourceSystemOf(deps.config, flow))?.id ?? 'none') !== sourceSystemId) continue;
    if (await lakeHasPeople(deps.store.db, flow.id)) out.push(flow.id);
  }
  return out;
}

/** Linked people of a source system who are active in none of these inbound flows' rosters: only those are read. */
async function departedPeople(store: Store, sourceSystemId: string, flowIds: readonly string[]): Promise<string[]> {
  const rows = await store.db
    .selectFrom('links')
    .select('links.sourced_id')
    .where('links.source_system_id', '=', sourceSystemId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('lake_people')
            .select('lake_people.sourced_id')
            .where('lake_people.lake_id', 'in', lakesOf(flowIds))
            .where('lake_people.active', '=', 1)
            .whereRef('lake_people.sourced_id', '=', 'links.sourced_id'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.sourced_id);
}

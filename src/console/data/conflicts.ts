import type { Doc } from '../../configuration/configuration-service.js';
import { INBOUND_FLOWS, SOURCE_SYSTEMS } from '../../configuration/entity-sets.js';
import type { DirectoryAccount } from '../../directory/types.js';
import type { Resolution } from '../../engine/plan.js';
import type { ResultRow } from '../../engine/types.js';
import { sourceSystemOf } from '../../engine/user-flow.js';
import { graphNow } from '../../lib/clock.js';
import { invalid } from '../../lib/errors.js';
import { rosterPeopleByIds, type RosterPersonName } from '../../store/repositories/roster-people.js';
import { tallyRunResults } from '../../store/repositories/run-result-tally.js';
import type { ConsoleDeps } from '../deps.js';
import { byDecision } from './run-detail.js';
import { latestFinishedRun } from './runs.js';

export interface ConflictItem {
  row: ResultRow;
  person: RosterPersonName | undefined;
  candidates: { id: string; account: DirectoryAccount | undefined; linkedTo: string | undefined }[];
  resolution: Resolution | undefined;
}

export interface ConflictQueue {
  run: Doc | null;
  /** Open conflicts in the run. */
  total: number;
  /** The requested page of them, with candidates and resolutions. */
  items: ConflictItem[];
}

/** A page of the newest finished run's conflicts, with candidate accounts, who holds them, and resolutions. */
export async function conflictQueue(
  deps: ConsoleDeps,
  page: { offset: number; limit: number },
): Promise<ConflictQueue> {
  const run = await latestFinishedRun(deps.runtime.config);
  if (!run) return { run, total: 0, items: [] };
  const rows = await deps.results.list(run.id, { decision: 'conflict', ...page });
  return { run, total: await openConflicts(deps, run.id), items: await enrich(deps, rows) };
}

/** The number of conflicts in a run, from the grouped tally (without loading the rows). */
export async function openConflicts(deps: ConsoleDeps, runId: string): Promise<number> {
  return byDecision(await tallyRunResults(deps.runtime.store.db, runId)).conflict ?? 0;
}

/**
 * Records an operator's answer to one conflict of the newest finished run: link the person to one of the row's
 * candidate accounts, or create a new account. The next run applies it (engine/plan.ts, pass 1).
 */
export async function resolveConflict(deps: ConsoleDeps, input: { sourcedId: string; choice: string }): Promise<void> {
  const run = await latestFinishedRun(deps.runtime.config);
  const rows = run ? await deps.results.list(run.id, { decision: 'conflict' }) : [];
  const row = rows.find((r) => r.sourcedId === input.sourcedId);
  if (!row) throw invalid(`Person '${input.sourcedId}' has no open conflict in the last run.`);
  let accountId: string | null = null;
  if (input.choice !== 'create') {
    accountId = input.choice.startsWith('account:') ? input.choice.slice('account:'.length) : '';
    if (!row.candidateIds.includes(accountId)) {
      throw invalid(`Account '${accountId}' is not a candidate for person '${input.sourcedId}'.`);
    }
  }
  const person = (await rosterPeopleByIds(deps.runtime.store.db, [row.sourcedId])).get(row.sourcedId);
  const sourceSystemId = await new SourceSystems(deps).idFor(person?.inboundFlowId);
  await deps.links.resolve(sourceSystemId, row.sourcedId, accountId ? 'account' : 'create', accountId, graphNow());
}

async function enrich(deps: ConsoleDeps, rows: readonly ResultRow[]): Promise<ConflictItem[]> {
  const people = await rosterPeopleByIds(
    deps.runtime.store.db,
    rows.map((r) => r.sourcedId),
  );
  const candidateIds = [...new Set(rows.flatMap((r) => r.candidateIds))];
  const accounts = candidateIds.length
    ? await deps.runtime.directory.getAccounts(candidateIds)
    : new Map<string, DirectoryAccount>();
  const owners = await deps.links.ownersOf(candidateIds);
  const systems = new SourceSystems(deps);
  const items: ConflictItem[] = [];
  for (const row of rows) {
    const person = people.get(row.sourcedId);
    const sourceSystemId = await systems.idFor(person?.inboundFlowId);
    items.push({
      row,
      person,
      candidates: row.candidateIds.map((id) => ({ id, account: accounts.get(id), linkedTo: owners.get(id) })),
      resolution: (await systems.resolutions(sourceSystemId)).get(row.sourcedId),
    });
  }
  return items;
}

/** The source system of each inbound flow (the one whose matching rules, links and resolutions apply). */
class SourceSystems {
  private readonly ids = new Map<string, string>();
  private readonly cache = new Map<string, Map<string, Resolution>>();

  constructor(private readonly deps: ConsoleDeps) {}

  async idFor(inboundFlowId: string | undefined): Promise<string> {
    const key = inboundFlowId ?? '';
    let id = this.ids.get(key);
    if (id === undefined) {
      const { config } = this.deps.runtime;
      const inbound = inboundFlowId
        ? await config.get(INBOUND_FLOWS, inboundFlowId).catch(() => undefined)
        : (await config.list(INBOUND_FLOWS))[0];
      const system = inbound ? await sourceSystemOf(config, inbound) : (await config.list(SOURCE_SYSTEMS))[0];
      id = system?.id ?? 'none';
      this.ids.set(key, id);
    }
    return id;
  }

  async resolutions(sourceSystemId: string): Promise<Map<string, Resolution>> {
    let map = this.cache.get(sourceSystemId);
    if (!map) {
      map = await this.deps.links.resolutions(sourceSystemId);
      this.cache.set(sourceSystemId, map);
    }
    return map;
  }
}

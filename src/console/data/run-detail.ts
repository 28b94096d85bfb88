import type { Doc } from '../../configuration/configuration-service.js';
import { RUNS } from '../../configuration/entity-sets.js';
import type { Decision, ResultRow } from '../../engine/types.js';
import { rosterPeopleByIds, type RosterPersonName } from '../../store/repositories/roster-people.js';
import { tallyRunResults, type ResultTally } from '../../store/repositories/run-result-tally.js';
import type { ConsoleDeps } from '../deps.js';
import type { BarGroup } from '../views/chart.js';
import { RESULTS_PAGE_SIZE } from '../views/results-table.js';
import { activitiesOf } from './runs.js';

/** A run and its activities: all the live section needs (it is polled every second while the run is in progress). */
export interface RunStatus {
  run: Doc;
  activities: Doc[];
}

export interface RunDetail extends RunStatus {
  tally: ResultTally[];
}

export async function runStatus(deps: ConsoleDeps, runId: string): Promise<RunStatus> {
  const run = await deps.runtime.config.get(RUNS, runId);
  return { run, activities: await activitiesOf(deps.runtime.config, run.id) };
}

/** A run's results counted by role group, decision and outcome (one grouped query). */
export function runTally(deps: ConsoleDeps, runId: string): Promise<ResultTally[]> {
  return tallyRunResults(deps.runtime.store.db, runId);
}

export function byDecision(tally: readonly ResultTally[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tally) out[t.decision] = (out[t.decision] ?? 0) + t.count;
  return out;
}

/** Bars by role group; also takes plan rows counted one each (`count: 1`). */
export function barGroups(tally: readonly Pick<ResultTally, 'roleGroup' | 'decision' | 'count'>[]): BarGroup[] {
  const groups = new Map<string, BarGroup>();
  for (const t of tally) {
    const label = t.roleGroup ?? '(none)';
    const g = groups.get(label) ?? { label, counts: {} };
    g.counts[t.decision as Decision] = (g.counts[t.decision as Decision] ?? 0) + t.count;
    groups.set(label, g);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** One page of a run's per-person results, with the roster names of the people on it. */
export async function resultsPage(
  deps: ConsoleDeps,
  runId: string,
  opts: { decision: string | null; page: number },
): Promise<{ rows: ResultRow[]; names: Map<string, RosterPersonName> }> {
  const rows = await deps.results.list(runId, {
    decision: opts.decision ?? undefined,
    offset: (opts.page - 1) * RESULTS_PAGE_SIZE,
    limit: RESULTS_PAGE_SIZE,
  });
  const names = await rosterPeopleByIds(
    deps.runtime.store.db,
    rows.map((r) => r.sourcedId),
  );
  return { rows, names };
}

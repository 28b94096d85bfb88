import type { ConfigurationService, Doc } from '../../configuration/configuration-service.js';
import { ACTIVITIES, RUNS } from '../../configuration/entity-sets.js';

/** Runs, newest first. */
export async function runsNewestFirst(config: ConfigurationService): Promise<Doc[]> {
  const runs = await config.list(RUNS);
  return runs.sort((a, b) => String(b.data.startDateTime).localeCompare(String(a.data.startDateTime)));
}

/** The newest run that has finished: the one whose results and conflicts are current. */
export async function latestFinishedRun(config: ConfigurationService): Promise<Doc | null> {
  return newestFinished(await runsNewestFirst(config));
}

/** {@link latestFinishedRun} of runs already listed newest first. */
export function newestFinished(newestFirst: readonly Doc[]): Doc | null {
  return newestFirst.find((r) => r.data.status !== 'running') ?? null;
}

export async function activitiesOf(config: ConfigurationService, runId: string): Promise<Doc[]> {
  return config.docs.list<Record<string, unknown>>(ACTIVITIES.collection, runId);
}

/** Decision counts a run recorded when it finished. */
export function decisionsOf(run: Doc): Record<string, number> {
  return (run.data._decisions as Record<string, number> | undefined) ?? {};
}

import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface ResultTally {
  roleGroup: string | null;
  decision: string;
  outcome: string;
  count: number;
}

/** Per-person run results counted by role group, decision and outcome, in one grouped query. */
export async function tallyRunResults(db: Kysely<Schema>, runId: string): Promise<ResultTally[]> {
  const rows = await db
    .selectFrom('run_results')
    .select(['role_group', 'decision', 'outcome', (eb) => eb.fn.countAll().as('n')])
    .where('run_id', '=', runId)
    .groupBy(['role_group', 'decision', 'outcome'])
    .execute();
  return rows.map((r) => ({ roleGroup: r.role_group, decision: r.decision, outcome: r.outcome, count: Number(r.n) }));
}

import type { Kysely, Selectable } from 'kysely';
import type { ResultRow } from '../../engine/types.js';
import { BulkInsert } from '../bulk-insert.js';
import type { Schema } from '../schema.js';

const CHUNK = 1_000;
const COLUMNS = [
  'run_id', 'seq', 'flow_id', 'sourced_id', 'role_group', 'role', 'rule', 'candidate_ids', 'decision', 'reason',
  'planned_upn', 'changes', 'account_id', 'outcome', 'error_code', 'error_message',
] as const satisfies readonly (keyof Schema['run_results'])[]; // prettier-ignore

/** Per-person results of runs (and dry runs): the same row shape a plan has, plus how it ended. */
export class RunResultRepository {
  private readonly insert = new BulkInsert('run_results', COLUMNS);

  constructor(private readonly db: Kysely<Schema>) {}

  async save(runId: string, flowId: string, rows: readonly ResultRow[], firstSeq: number): Promise<void> {
    const values: (string | number | null)[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      values.length = 0;
      const end = Math.min(rows.length, i + CHUNK);
      for (let j = i; j < end; j++) {
        const r = rows[j];
        values.push(
          runId, firstSeq + j, flowId, r.sourcedId, r.roleGroup, r.role, r.rule, JSON.stringify(r.candidateIds),
          r.decision, r.reason, r.plannedUpn, JSON.stringify(r.changes), r.accountId, r.outcome, r.errorCode,
          r.errorMessage,
        ); // prettier-ignore
      }
      await this.insert.insert(this.db, values);
    }
  }

  async list(runId: string, opts: { offset?: number; limit?: number; decision?: string } = {}): Promise<ResultRow[]> {
    let q = this.db.selectFrom('run_results').selectAll().where('run_id', '=', runId);
    if (opts.decision) q = q.where('decision', '=', opts.decision);
    const rows = await q
      .orderBy('seq')
      .offset(opts.offset ?? 0)
      .limit(opts.limit ?? 1_000_000_000)
      .execute();
    return rows.map(toResultRow);
  }

  /** A run's rows in order, `size` at a time (keyset pages on the key: each page is one index range). */
  async *pages(runId: string, size = 5_000): AsyncGenerator<ResultRow[]> {
    for (let after = -1; ;) {
      const rows = await this.db
        .selectFrom('run_results')
        .selectAll()
        .where('run_id', '=', runId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(size)
        .execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1].seq;
      yield rows.map(toResultRow);
      if (rows.length < size) return;
    }
  }

  async count(runId: string): Promise<number> {
    const row = await this.db
      .selectFrom('run_results')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async clear(runId: string): Promise<void> {
    await this.db.deleteFrom('run_results').where('run_id', '=', runId).execute();
  }
}

function toResultRow(r: Selectable<Schema['run_results']>): ResultRow {
  return {
    sourcedId: r.sourced_id,
    roleGroup: r.role_group,
    role: r.role,
    rule: r.rule,
    candidateIds: JSON.parse(r.candidate_ids) as string[],
    decision: r.decision as ResultRow['decision'],
    reason: r.reason,
    plannedUpn: r.planned_upn,
    changes: JSON.parse(r.changes) as ResultRow['changes'],
    accountId: r.account_id,
    outcome: r.outcome as ResultRow['outcome'],
    errorCode: r.error_code,
    errorMessage: r.error_message,
  };
}

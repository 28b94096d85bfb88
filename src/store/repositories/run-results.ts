import type { Kysely } from 'kysely';
import type { ResultRow } from '../../engine/types.js';
import type { Schema } from '../schema.js';

const CHUNK = 1_000;

/** Per-person results of runs (and dry runs): the same row shape a plan has, plus how it ended. */
export class RunResultRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async save(runId: string, flowId: string, rows: readonly ResultRow[], firstSeq: number): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('run_results')
        .values(
          rows.slice(i, i + CHUNK).map((r, j) => ({
            run_id: runId,
            seq: firstSeq + i + j,
            flow_id: flowId,
            sourced_id: r.sourcedId,
            role_group: r.roleGroup,
            role: r.role,
            rule: r.rule,
            candidate_ids: JSON.stringify(r.candidateIds),
            decision: r.decision,
            reason: r.reason,
            planned_upn: r.plannedUpn,
            changes: JSON.stringify(r.changes),
            account_id: r.accountId,
            outcome: r.outcome,
            error_code: r.errorCode,
            error_message: r.errorMessage,
          })),
        )
        .execute();
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
    return rows.map((r) => ({
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
    }));
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

import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface InboundLoad {
  id: string;
  flowId: string;
  loadSeq: number;
  format: string;
  mode: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  /** The load's summary (counts, errors, warnings, findingsByCode…) as recorded when it finished. */
  summary: Record<string, unknown> | null;
}

export interface FindingRow {
  file: string;
  line: number | null;
  sourcedId: string | null;
  severity: string;
  code: string;
  field: string | null;
  value: string | null;
  message: string;
}

/** Reads of roster loads (`inbound_loads`) and their findings, for reports and the console. */
export class InboundLoadRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The newest load of an inbound flow, whatever its status. */
  async latest(flowId: string): Promise<InboundLoad | undefined> {
    const row = await this.db
      .selectFrom('inbound_loads')
      .selectAll()
      .where('flow_id', '=', flowId)
      .orderBy('load_seq', 'desc')
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      flowId: row.flow_id,
      loadSeq: Number(row.load_seq),
      format: row.format,
      mode: row.mode,
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      summary: row.summary ? (JSON.parse(row.summary) as Record<string, unknown>) : null,
    };
  }

  /** Findings of a load counted by code and severity, most frequent first. */
  async countsByCode(loadId: string): Promise<{ code: string; severity: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('inbound_findings')
      .select(['code', 'severity', (eb) => eb.fn.countAll().as('n')])
      .where('load_id', '=', loadId)
      .groupBy(['code', 'severity'])
      .execute();
    return rows
      .map((r) => ({ code: r.code, severity: r.severity, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }

  /** The first `limit` findings of a load, in the order they were found. */
  async firstFindings(loadId: string, limit: number): Promise<FindingRow[]> {
    const rows = await this.db
      .selectFrom('inbound_findings')
      .selectAll()
      .where('load_id', '=', loadId)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      file: r.file,
      // Whole-file findings have no line (the column's type says otherwise).
      line: (r.line as number | null) === null ? null : Number(r.line),
      sourcedId: r.sourced_id,
      severity: r.severity,
      code: r.code,
      field: r.field,
      value: r.value,
      message: r.message,
    }));
  }
}

import type { Kysely, Transaction } from 'kysely';
import type { Finding, RecordBatch } from '../../inbound/model.js';
import type { DialectTraits } from '../database.js';
import type { Schema } from '../schema.js';
import { LAKE_KEYS, LAKE_TABLES, toLakeRows, type LakeTable, type RowContext } from './lake-rows.js';

type Db = Kysely<Schema> | Transaction<Schema>;
// Upserts name their table at run time; Kysely's static table types cannot follow, so this one alias is loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseDb = Kysely<any>;

export interface ActiveCounts {
  active: number;
  inactive: number;
}

export type LakeCounts = Record<'people' | 'orgs' | 'roles' | 'relationships' | 'groups' | 'memberships', ActiveCounts>;

/** Writes one load into the lake inside the caller's transaction. */
export class LakeWriter {
  constructor(
    private readonly trx: Db,
    private readonly traits: DialectTraits,
    private readonly ctx: RowContext,
  ) {}

  /** Upserts a batch: a record seen again is marked active and stamped with this load. */
  async write(batch: RecordBatch): Promise<void> {
    if (batch.records.length === 0) return;
    const { table, rows } = toLakeRows(batch, this.ctx);
    const keys = LAKE_KEYS[table];
    const columns = Object.keys(rows[0]);
    const update = columns.filter((c) => !keys.includes(c));
    const chunk = Math.max(1, Math.floor(this.traits.maxParameters / columns.length / 2));
    // Within one batch a key may repeat (a OneRoster delta can list a record twice): the last one wins.
    const unique = dedupeByKey(rows as Record<string, unknown>[], keys);
    for (let i = 0; i < unique.length; i += chunk) {
      await (this.trx as LooseDb)
        .insertInto(table)
        .values(unique.slice(i, i + chunk))
        .onConflict((oc) =>
          oc.columns(keys).doUpdateSet((eb) => Object.fromEntries(update.map((c) => [c, eb.ref(`excluded.${c}`)]))),
        )
        .execute();
    }
  }

  /** Bulk semantics: every record of this flow that this load did not see becomes inactive. */
  async deactivateUnseen(): Promise<void> {
    for (const table of LAKE_TABLES) {
      await (this.trx as LooseDb)
        .updateTable(table)
        .set({ active: 0 })
        .where('flow_id', '=', this.ctx.flowId)
        .where('load_seq', '<', this.ctx.loadSeq)
        .where('active', '=', 1)
        .execute();
    }
  }
}

export class LakeRepository {
  constructor(private readonly db: Db) {}

  async nextLoadSeq(flowId: string): Promise<number> {
    const row = await this.db
      .selectFrom('inbound_loads')
      .select((eb) => eb.fn.max('load_seq').as('max'))
      .where('flow_id', '=', flowId)
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  }

  async counts(flowId: string): Promise<LakeCounts> {
    const count = async (table: LakeTable, entity?: string): Promise<ActiveCounts> => {
      let q = (this.db as LooseDb)
        .selectFrom(table)
        .select(['active', (eb) => eb.fn.countAll().as('n')])
        .where('flow_id', '=', flowId);
      if (entity) q = q.where('entity', '=', entity);
      const rows = (await q.groupBy('active').execute()) as { active: number; n: number | string | bigint }[];
      const get = (a: number) => Number(rows.find((r) => Number(r.active) === a)?.n ?? 0);
      return { active: get(1), inactive: get(0) };
    };
    return {
      people: await count('lake_people'),
      orgs: await count('lake_orgs'),
      roles: await count('lake_roles'),
      relationships: await count('lake_relationships'),
      groups: await count('lake_records', 'classes'),
      memberships: await count('lake_records', 'enrollments'),
    };
  }

  async saveFindings(loadId: string, findings: readonly Finding[]): Promise<void> {
    const chunk = 500;
    for (let i = 0; i < findings.length; i += chunk) {
      await this.db
        .insertInto('inbound_findings')
        .values(
          findings.slice(i, i + chunk).map((f, j) => ({
            load_id: loadId,
            seq: i + j,
            file: f.file,
            line: f.line,
            sourced_id: f.sourcedId,
            severity: f.severity,
            code: f.code,
            field: f.field,
            value: f.value,
            message: f.message,
          })),
        )
        .execute();
    }
  }

  async findings(loadId: string): Promise<Finding[]> {
    const rows = await this.db
      .selectFrom('inbound_findings')
      .selectAll()
      .where('load_id', '=', loadId)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      file: r.file,
      line: r.line,
      sourcedId: r.sourced_id,
      severity: r.severity as Finding['severity'],
      code: r.code as Finding['code'],
      field: r.field,
      value: r.value,
      message: r.message,
    }));
  }
}

function dedupeByKey(rows: Record<string, unknown>[], keys: string[]): Record<string, unknown>[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const row of rows) byKey.set(keys.map((k) => String(row[k])).join('\u0000'), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

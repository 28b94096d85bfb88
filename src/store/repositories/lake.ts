import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Finding } from '../../inbound/model.js';
import type { Schema } from '../schema.js';
import { isUniqueViolation } from './documents.js';
import type { LakeTable } from './lake-rows.js';

type Db = Kysely<Schema> | Transaction<Schema>;
// Counts name their table at run time; Kysely's static table types cannot follow, so this one alias is loose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseDb = Kysely<any>;

type Numeric = number | string | bigint;

export interface ActiveCounts {
  active: number;
  inactive: number;
}

export type LakeCounts = Record<'people' | 'orgs' | 'roles' | 'relationships' | 'groups' | 'memberships', ActiveCounts>;

/**
 * The id of an inbound flow's lake, as a scalar subquery for `where('lake_id', '=', lakeOf(flowId))`: one lookup
 * evaluated once per statement, and null (so no row) for a flow that never loaded.
 */
export function lakeOf(flowId: string): RawBuilder<number> {
  return sql<number>`(select id from lakes where flow_id = ${flowId})`;
}

/** The ids of these inbound flows' lakes, as a subquery for `where('lake_id', 'in', lakesOf(ids))`. */
export function lakesOf(flowIds: readonly string[]): RawBuilder<number> {
  if (flowIds.length === 0) return sql<number>`(select id from lakes where 1 = 0)`;
  return sql<number>`(select id from lakes where flow_id in (${sql.join(flowIds)}))`;
}

/** The id of the flow's lake, given on its first load. */
export async function ensureLakeId(db: Db, flowId: string): Promise<number> {
  const existing = await db.selectFrom('lakes').select('id').where('flow_id', '=', flowId).executeTakeFirst();
  if (existing) return Number(existing.id);
  // Two first loads of different flows at once may pick the same id: the key stops the second, which retries.
  for (let attempt = 0; ; attempt++) {
    const max = await db
      .selectFrom('lakes')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    const id = Number(max?.max ?? 0) + 1;
    try {
      await db.insertInto('lakes').values({ id, flow_id: flowId }).execute();
      return id;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
      const again = await db.selectFrom('lakes').select('id').where('flow_id', '=', flowId).executeTakeFirst();
      if (again) return Number(again.id);
    }
  }
}

/** Loads, findings and counts of the lake; the rows themselves are written by a LakeLoad (lake-load.ts). */
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
    // count + sum in one pass, without GROUP BY (no temporary b-tree): 2-3× faster on a 2 M-row flow.
    const count = async (table: LakeTable, entity?: string): Promise<ActiveCounts> => {
      let q = (this.db as LooseDb)
        .selectFrom(table)
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('active').as('a')])
        .where('lake_id', '=', lakeOf(flowId));
      if (entity) q = q.where('entity', '=', entity);
      const row = (await q.executeTakeFirst()) as { n: Numeric; a: Numeric | null } | undefined;
      const total = Number(row?.n ?? 0);
      const active = Number(row?.a ?? 0);
      return { active, inactive: total - active };
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

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { evaluateFilter } from './evaluate.js';
import { parseFilter } from './filter-parser.js';
import { compileFilter } from './kysely.js';
import type { ColumnMap } from './kysely.js';
import { model } from './test-fixtures.js';

/** In-memory SQLite table mirroring the test model, for the Kysely tests of this folder. */
export interface ItemsTable {
  id: string;
  display_name: string | null;
  status: string | null;
  priority: number | null;
  is_active: number | null;
  created: string | null;
  tenant_id: string | null;
  region: string | null;
}
export interface DB {
  items: ItemsTable;
}

export const columns: ColumnMap = {
  id: 'id',
  displayName: 'display_name',
  status: 'status',
  priority: 'priority',
  isActive: 'is_active',
  createdDateTime: 'created',
  tenantId: 'tenant_id',
  'settings/region': 'items.region',
};

export type Row = Record<string, unknown>;

export function toSql(row: Row): ItemsTable {
  const settings = row.settings as { region?: string | null } | null | undefined;
  return {
    id: String(row.id),
    display_name: (row.displayName as string | null) ?? null,
    status: (row.status as string | null) ?? null,
    priority: (row.priority as number | null) ?? null,
    is_active: typeof row.isActive === 'boolean' ? Number(row.isActive) : null,
    created: (row.createdDateTime as string | null) ?? null,
    tenant_id: (row.tenantId as string | null) ?? null,
    region: settings?.region ?? null,
  };
}

export async function openDatabase(): Promise<Kysely<DB>> {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await sql`create table items (id text primary key, display_name text, status text, priority integer,
    is_active integer, created text, tenant_id text, region text)`.execute(db);
  return db;
}

export async function load(db: Kysely<DB>, rows: Row[]): Promise<void> {
  await db.deleteFrom('items').execute();
  await db.insertInto('items').values(rows.map(toSql)).execute();
}

/** Ids (sorted) of the rows the compiled filter selects. */
export async function sqlIds(db: Kysely<DB>, filter: string): Promise<string[]> {
  const node = parseFilter(filter, model);
  const result = await db
    .selectFrom('items')
    .select('id')
    .where((eb) => compileFilter(node, columns, eb))
    .orderBy('id')
    .execute();
  return result.map((r) => r.id);
}

/** Ids (sorted) of the rows `evaluateFilter` selects. */
export function memoryIds(rows: Row[], filter: string): string[] {
  const node = parseFilter(filter, model);
  return rows
    .filter((row) => evaluateFilter(node, row))
    .map((row) => String(row.id))
    .sort();
}

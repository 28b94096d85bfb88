import { LAKE_COLUMNS, LAKE_KEYS, LAKE_TABLES, LOAD_COLUMNS, type LakeTable } from './lake-rows.js';

/** The constants of one load, written into its statements as literals instead of being bound on every row. */
export interface LoadConstants {
  /** The flow's lake (`lakes.id`). */
  lakeId: number;
  loadSeq: number;
}

/**
 * `insert into t (lake_id, load_seq, c…) values (3, 7, ?, …), … on conflict (keys) do update set …` for
 * `rows` rows; `param` names the next placeholder (`?` on SQLite, `$n` on PostgreSQL).
 */
export function upsertSql(table: LakeTable, rows: number, load: LoadConstants, param: () => string): string {
  const keys = LAKE_KEYS[table];
  const update = [...LOAD_COLUMNS, ...LAKE_COLUMNS[table]]
    .filter((c) => !keys.includes(c))
    .map((c) => `${c} = excluded.${c}`);
  return (
    `insert into ${insertHead(table, rows, load, param)} ` +
    `on conflict (${keys.join(', ')}) do update set ${update.join(', ')}`
  );
}

/**
 * `insert or ignore into t (lake_id, load_seq, c…) values …` for `rows` rows, for a load into a flow whose lake is
 * still empty (SQLite only). Nothing can conflict there, since the reader admits each key once, so no upsert is
 * needed, and a statement that cannot abort needs no statement journal, which is most of a multi-row upsert's
 * writing. The writer checks that every row was inserted; a statement that skipped one (two records that share a lake
 * key) is run again as an upsert, so the last record wins as in any other load.
 */
export function freshInsertSql(table: LakeTable, rows: number, load: LoadConstants): string {
  return `insert or ignore into ${insertHead(table, rows, load, () => '?')}`;
}

/** `t (lake_id, load_seq, c…) values (3, 7, ?, …), …`: the load's constants as literals, the rest as parameters. */
function insertHead(table: LakeTable, rows: number, load: LoadConstants, param: () => string): string {
  const bound = LAKE_COLUMNS[table] as readonly string[];
  const constants = `${integer(load.lakeId)}, ${integer(load.loadSeq)}`;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) tuples.push(`(${constants}, ${bound.map(param).join(',')})`);
  return `${table} (${[...LOAD_COLUMNS, ...bound].join(', ')}) values ${tuples.join(',')}`;
}

/** Whether the flow has any row in `table` (a probe on the key's first column). */
export function anyRowSql(table: LakeTable, load: LoadConstants): string {
  return `select 1 from ${table} where lake_id = ${integer(load.lakeId)} limit 1`;
}

/** How a load ends, besides the upserts it made. */
export interface CommitOptions {
  /** Bulk: every record of the flow that the load did not see becomes inactive. */
  deactivateUnseen: boolean;
  /**
   * OneRoster 1.1 delta: a user row lists all of the user's orgs (`orgSourcedIds`), so the roles of each person
   * the load saw that it did not list again become inactive.
   */
  replaceRolesOfSeenPeople?: boolean;
}

/**
 * The statements that finish a load before its commit. Deactivation is one statement per table: one pass over the
 * flow's rows (its key range), cheaper over a whole load than keeping an index on `load_seq` up to date for every
 * row written (migration 0007). `lake_roles_user` serves the per-person role replacement.
 */
export function finishingSql(load: LoadConstants, options: CommitOptions): string[] {
  const lake = integer(load.lakeId);
  const seq = integer(load.loadSeq);
  const unseen = `lake_id = ${lake} and load_seq < ${seq} and active = 1`;
  const out: string[] = [];
  if (options.deactivateUnseen) out.push(...LAKE_TABLES.map((t) => `update ${t} set active = 0 where ${unseen}`));
  else if (options.replaceRolesOfSeenPeople) {
    out.push(
      `update lake_roles set active = 0 where ${unseen} and user_sourced_id in ` +
        `(select sourced_id from lake_people where lake_id = ${lake} and load_seq = ${seq})`,
    );
  }
  return out;
}

/** An integer as a SQL literal (the load's constants are written into its statements, not bound per row). */
function integer(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not an integer`);
  return String(n);
}

import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DialectTraits } from '../database.js';
import type { Schema } from '../schema.js';
import { LAKE_COLUMNS, LAKE_KEYS, type LakeRows, type LakeValue } from './lake-rows.js';
import { finishingSql, upsertSql, type CommitOptions, type LoadConstants } from './lake-sql.js';

type Db = Kysely<Schema> | Transaction<Schema>;

/**
 * Writes flattened lake rows inside the caller's transaction: each batch as one multi-row upsert (split only where
 * the dialect's parameter limit requires), the statement text built once per table and row count.
 * Used for PostgreSQL and in-memory SQLite; SQLite files are written by WorkerLakeLoad.
 */
export class LakeWriter {
  private readonly sqlText = new Map<string, string>();

  constructor(
    private readonly trx: Db,
    private readonly traits: DialectTraits,
    private readonly load: LoadConstants,
  ) {}

  /** Upserts rows: a record seen again is marked active and stamped with this load. */
  async write(rows: LakeRows): Promise<void> {
    if (rows.values.length === 0) return;
    const { table, width } = rows;
    // A key twice in one statement fails on PostgreSQL (ON CONFLICT cannot touch a row twice): the last one wins.
    const values = dedupeByKey(rows);
    const n = values.length / width;
    const per = Math.max(1, Math.floor(this.traits.maxParameters / width));
    for (let i = 0; i < n; i += per) {
      const count = Math.min(per, n - i);
      const key = `${table}:${count}`;
      let text = this.sqlText.get(key);
      if (text === undefined) {
        let p = 0;
        const param = this.traits.name === 'postgres' ? () => `$${++p}` : () => '?';
        text = upsertSql(table, count, this.load, param);
        this.sqlText.set(key, text);
      }
      await this.trx.executeQuery(CompiledQuery.raw(text, values.slice(i * width, (i + count) * width)));
    }
  }

  /** Runs what ends the load (deactivations, see finishingSql), inside the transaction. */
  async finish(options: CommitOptions): Promise<void> {
    for (const text of finishingSql(this.load, options)) await this.trx.executeQuery(CompiledQuery.raw(text, []));
  }
}

/** The values of `rows` with each key once (its last occurrence kept); `lake_id` is the same for all. */
function dedupeByKey({ table, width, values }: LakeRows): LakeValue[] {
  const columns = LAKE_COLUMNS[table] as readonly string[];
  const keyAt = LAKE_KEYS[table].filter((k) => k !== 'lake_id').map((k) => columns.indexOf(k));
  const n = values.length / width;
  const last = new Map<string, number>();
  for (let i = 0; i < n; i++) last.set(keyAt.map((k) => String(values[i * width + k])).join('\u0000'), i);
  if (last.size === n) return values;
  const out: LakeValue[] = [];
  for (const i of [...last.values()].sort((a, b) => a - b)) out.push(...values.slice(i * width, (i + 1) * width));
  return out;
}

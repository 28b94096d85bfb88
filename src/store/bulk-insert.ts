import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { traitsOf } from './database.js';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;
type Value = string | number | null;

/**
 * Multi-row inserts of many rows, for the hot paths of a run: values go in as one flat array per statement and the
 * statement text is built once per table and row count. Kysely's builder would build a node per value (1.6 million
 * for 100 000 result rows), which costs more than SQLite's own work.
 */
export class BulkInsert {
  private readonly text = new Map<string, string>();

  constructor(
    private readonly table: keyof Schema & string,
    private readonly columns: readonly string[],
    /** Appended to the statement, e.g. an ON CONFLICT clause. */
    private readonly suffix = '',
    private readonly maxRows = 1_000,
  ) {}

  /** Inserts rows given as one flat array, `columns.length` values per row. */
  async insert(db: Db, values: readonly Value[]): Promise<void> {
    const width = this.columns.length;
    const rows = values.length / width;
    if (!Number.isInteger(rows)) throw new Error(`${this.table}: ${values.length} values for ${width} columns`);
    const { name, maxParameters } = traitsOf(db);
    const per = Math.max(1, Math.min(this.maxRows, Math.floor((maxParameters - 10) / width)));
    for (let i = 0; i < rows; i += per) {
      const count = Math.min(per, rows - i);
      const text = this.sqlFor(count, name === 'postgres');
      await db.executeQuery(CompiledQuery.raw(text, values.slice(i * width, (i + count) * width)));
    }
  }

  private sqlFor(count: number, numbered: boolean): string {
    const key = `${count}:${numbered}`;
    let text = this.text.get(key);
    if (text !== undefined) return text;
    const width = this.columns.length;
    let p = 0;
    const param = numbered ? () => `$${++p}` : () => '?';
    const tuples: string[] = [];
    for (let r = 0; r < count; r++) tuples.push(`(${Array.from({ length: width }, param).join(', ')})`);
    const cols = this.columns.map((c) => `"${c}"`).join(', ');
    text = `insert into "${this.table}" (${cols}) values ${tuples.join(', ')}${this.suffix ? ` ${this.suffix}` : ''}`;
    this.text.set(key, text);
    return text;
  }
}

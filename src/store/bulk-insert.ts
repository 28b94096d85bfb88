import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DialectTraits } from './database.js';
import type { Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;
type Value = string | number | null;

/**
 * Multi-row inserts of many rows, for the hot paths of a run: values go in as one flat array per statement and the
 * statement text is built once per table and row count. Kysely's builder would build a node per value (1.6 million
 * for 100 000 result rows), which costs more than SQLite's own work.
 */
export class BulkInsert {
  private readonly text = new Map<number, string>();
  private readonly perStatement: number;

  constructor(
    private readonly table: keyof Schema & string,
    private readonly columns: readonly string[],
    private readonly traits: DialectTraits,
    /** Appended to the statement, e.g. an ON CONFLICT clause. */
    private readonly suffix = '',
    maxRows = 1_000,
  ) {
    this.perStatement = Math.max(1, Math.min(maxRows, Math.floor((traits.maxParameters - 10) / columns.length)));
  }

  /** Inserts rows given as one flat array, `columns.length` values per row. */
  async insert(db: Db, values: readonly Value[]): Promise<void> {
    const width = this.columns.length;
    const rows = values.length / width;
    if (!Number.isInteger(rows)) throw new Error(`${this.table}: ${values.length} values for ${width} columns`);
    for (let i = 0; i < rows; i += this.perStatement) {
      const count = Math.min(this.perStatement, rows - i);
      await db.executeQuery(CompiledQuery.raw(this.sqlFor(count), values.slice(i * width, (i + count) * width)));
    }
  }

  private sqlFor(count: number): string {
    let text = this.text.get(count);
    if (text !== undefined) return text;
    const width = this.columns.length;
    let p = 0;
    const param = this.traits.name === 'postgres' ? () => `$${++p}` : () => '?';
    const tuples: string[] = [];
    for (let r = 0; r < count; r++) tuples.push(`(${Array.from({ length: width }, param).join(', ')})`);
    const cols = this.columns.map((c) => `"${c}"`).join(', ');
    text = `insert into "${this.table}" (${cols}) values ${tuples.join(', ')}${this.suffix ? ` ${this.suffix}` : ''}`;
    this.text.set(count, text);
    return text;
  }
}

import type { Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Statements with texts at least this long are kept: the multi-row inserts and long IN lists of a run. */
const LONG_SQL = 2_000;
const KEPT = 32;

/**
 * Hands Kysely a SQLite connection that re-uses prepared statements for long write statements. Kysely prepares every
 * query it runs; a 1000-row insert of 24 columns takes milliseconds to parse each time, and a run sends hundreds.
 * Only writes are kept: a reader may be mid-iteration (streamed) when the same text is run again.
 */
export function withStatementCache(database: Database): SqliteDatabase {
  const kept = new Map<string, Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const hit = kept.get(sql);
      if (hit) return hit;
      const statement = database.prepare(sql);
      if (sql.length >= LONG_SQL && !statement.reader) {
        if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
        kept.set(sql, statement);
      }
      return statement;
    },
  };
}

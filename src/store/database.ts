import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.js';
import { migrateToLatest } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import { BACKSTOP_PAGES, startWalCheckpointer } from './wal-checkpointer.js';

/** Where a store lives, parsed from `--db`. */
export type StoreLocation =
  { kind: 'sqlite'; file: string | ':memory:' } | { kind: 'postgres'; connectionString: string; schema: string | null };

/** The few real differences between the two databases, held as data (architecture.md: dialect traits). */
export interface DialectTraits {
  readonly name: 'sqlite' | 'postgres';
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
}

export interface Store {
  readonly db: Kysely<Schema>;
  readonly location: StoreLocation;
  readonly traits: DialectTraits;
  /** Folder for files kept beside the data (key files, reports); null for in-memory stores. */
  readonly homeDir: string | null;
  /** The SQLite connection under `db`, only for `eachRow` (rows as arrays); absent on PostgreSQL. */
  readonly nativeSqlite?: Database.Database;
  close(): Promise<void>;
}

const SQLITE_TRAITS: DialectTraits = { name: 'sqlite', maxParameters: 32_000 };
const POSTGRES_TRAITS: DialectTraits = { name: 'postgres', maxParameters: 60_000 };

/** The traits of the database behind a Kysely instance or transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function traitsOf(db: Kysely<any>): DialectTraits {
  return db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_TRAITS : SQLITE_TRAITS;
}

/** Page size of new SQLite stores. */
export const PAGE_SIZE = 16_384;

export const DEFAULT_DB_URL = 'sqlite:./.rosterlink/rosterlink.db';

export class StoreConfigError extends Error {}

export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === ':memory:') return { kind: 'sqlite', file };
    if (!file) throw new StoreConfigError(`--db '${url}': a SQLite URL needs a path, e.g. sqlite:./data/rosterlink.db`);
    return { kind: 'sqlite', file };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new StoreConfigError(`--db: schema '${schema}' must be a lower-case SQL identifier`);
    }
    return { kind: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new StoreConfigError(`--db '${url}' is not supported: use sqlite:<path>, sqlite::memory: or postgres://...`);
}

/** Opens (creating on first use) and migrates a store. */
export async function openStore(url: string = DEFAULT_DB_URL): Promise<Store> {
  const location = parseStoreUrl(url);
  const store = location.kind === 'sqlite' ? openSqlite(location) : await openPostgres(location);
  try {
    await migrateToLatest(store.db, location.kind === 'postgres' ? (location.schema ?? 'public') : undefined);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

function openSqlite(location: Extract<StoreLocation, { kind: 'sqlite' }>): Store {
  let homeDir: string | null = null;
  if (location.file !== ':memory:') {
    homeDir = path.dirname(path.resolve(location.file));
    fs.mkdirSync(homeDir, { recursive: true });
  }
  const database = new Database(location.file);
  // Only a new, empty database takes it (an existing store keeps its page size). With 16 KiB pages instead of the
  // default 4 KiB, a 1 M-person load spends less system time writing and a 100 k-account run is a little faster
  // (A/B figures in docs/benchmarks.md).
  database.pragma(`page_size = ${PAGE_SIZE}`);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // A file store's WAL is checkpointed on a second thread (set ROSTERLINK_WAL_THREAD=off to leave it to SQLite).
  const checkpointer =
    location.file !== ':memory:' && process.env.ROSTERLINK_WAL_THREAD !== 'off'
      ? startWalCheckpointer(path.resolve(location.file))
      : null;
  if (checkpointer) database.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    db,
    location,
    homeDir,
    nativeSqlite: database,
    traits: SQLITE_TRAITS,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

async function openPostgres(location: Extract<StoreLocation, { kind: 'postgres' }>): Promise<Store> {
  const { schema } = location;
  if (schema) {
    // Each schema is an isolated store (tests use one per run); create it before the pool pins search_path.
    const admin = new pg.Client({ connectionString: location.connectionString });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  await sql`select 1`.execute(db);
  return {
    db,
    location,
    homeDir: process.env.ROSTERLINK_HOME ?? path.resolve('.rosterlink'),
    traits: POSTGRES_TRAITS,
    close: () => db.destroy(),
  };
}

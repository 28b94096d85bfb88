import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { LAKE_COLUMNS, LAKE_TABLES, type LakeRows, type LakeTable, type LakeValue } from './lake-rows.js';
import {
  anyRowSql,
  finishingSql,
  freshInsertSql,
  upsertSql,
  type CommitOptions,
  type LoadConstants,
} from './lake-sql.js';
import type { LakeLoad } from './lake-load.js';

/**
 * Rows per INSERT, largest first; the rest of a batch goes through the smaller ones. Each multi-row upsert inside
 * the load's transaction writes a statement journal (the original of every page it changes): 500-row statements
 * journal far fewer pages than 64-row ones (100 k persons: 538 k → 307 k `pwrite` calls; 1 M: −8 CPU s).
 * 500 × 14 columns stays well under SQLite's 32 766 parameters.
 */
const ROWS_PER_STATEMENT = [500, 64, 1];

/** Batches posted to the writer thread and not yet written: bounds memory when the writer is the slower side. */
const MAX_IN_FLIGHT = 8;

/** The statements the writer thread runs for one table (see lake-sqlite-worker.js). */
interface TableStatements {
  width: number;
  /** Finds out whether the flow's lake holds rows of this table; when no table does, the fresh tiers are used. */
  probe: string;
  tiers: { rows: number; sql: string }[];
  freshTiers: { rows: number; sql: string }[];
}

type Reply = { op: 'ready' | 'ack' | 'done' } | { op: 'error'; message: string; code?: string };

/** A lake load failed on the writer thread (e.g. SQLITE_BUSY: another writer held the database too long). */
export class LakeWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'LakeWriteError';
  }
}

/**
 * A load into a SQLite file store, written by a second thread on its own connection and in its own transaction
 * (`begin immediate` … `commit`), while this thread reads and validates the roster: on 2 cores the two overlap.
 * Other connections keep reading the previous data set (WAL) until the commit.
 */
export class WorkerLakeLoad implements LakeLoad {
  private inFlight = 0;
  private error: LakeWriteError | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private finished: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly load: LoadConstants,
  ) {
    worker.on('message', (m: Reply) => this.onReply(m));
    worker.on('error', (err) => this.onReply({ op: 'error', message: err.message }));
    worker.on('exit', (code) => {
      if (!this.closed) this.onReply({ op: 'error', message: `the lake writer thread exited (${code})` });
    });
  }

  /** Starts the thread and waits until it holds the write transaction. */
  static async begin(file: string, load: LoadConstants): Promise<WorkerLakeLoad> {
    const tables: Record<string, TableStatements> = {};
    for (const t of LAKE_TABLES) {
      tables[t] = {
        width: LAKE_COLUMNS[t].length,
        probe: anyRowSql(t, load),
        tiers: ROWS_PER_STATEMENT.map((rows) => ({ rows, sql: upsertSql(t, rows, load, q) })),
        freshTiers: ROWS_PER_STATEMENT.map((rows) => ({ rows, sql: freshInsertSql(t, rows, load) })),
      };
    }
    const worker = new Worker(new URL('./lake-sqlite-worker.js', import.meta.url), {
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file,
        busyTimeoutMs: 30_000,
        tables,
      },
    });
    const started = new WorkerLakeLoad(worker, load);
    started.inFlight++; // the `ready` reply
    await new Promise<void>((resolve, reject) => started.waiters.push({ resolve, reject }));
    return started;
  }

  async write(rows: LakeRows): Promise<void> {
    if (rows.values.length === 0) return;
    await this.post({ op: 'write', table: rows.table, values: rows.values });
  }

  async commit(options: CommitOptions): Promise<void> {
    for (const sql of finishingSql(this.load, options)) await this.post({ op: 'exec', sql });
    await this.end('commit');
  }

  async rollback(): Promise<void> {
    if (this.error) return this.close();
    await this.end('rollback').catch(() => undefined);
  }

  private async post(msg: { op: 'write'; table: LakeTable; values: LakeValue[] } | { op: 'exec'; sql: string }) {
    if (this.error) throw this.error;
    this.inFlight++;
    this.worker.postMessage(msg);
    if (this.inFlight >= MAX_IN_FLIGHT) {
      await new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }
  }

  /** Commits or rolls back; the thread then checkpoints (after a commit) and ends by itself. */
  private async end(op: 'commit' | 'rollback'): Promise<void> {
    if (this.error) throw this.error;
    const done = new Promise<void>((resolve, reject) => (this.finished = { resolve, reject }));
    this.worker.postMessage({ op });
    try {
      await done;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private onReply(m: Reply): void {
    if (m.op === 'error') {
      this.error ??= new LakeWriteError(`lake write failed: ${m.message}`, m.code);
      for (const w of this.waiters.splice(0)) w.reject(this.error);
      this.finished?.reject(this.error);
      this.finished = undefined;
      return;
    }
    if (m.op === 'done') {
      this.closed = true; // the thread ends by itself from here on
      const f = this.finished;
      this.finished = undefined;
      f?.resolve();
      return;
    }
    this.inFlight--; // ready (the begin) or ack (a write)
    if (this.inFlight < MAX_IN_FLIGHT) for (const w of this.waiters.splice(0)) w.resolve();
  }
}

const q = () => '?';

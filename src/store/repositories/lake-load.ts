import type { ControlledTransaction } from 'kysely';
import type { RecordBatch } from '../../inbound/model.js';
import type { Store } from '../database.js';
import type { Schema } from '../schema.js';
import { toLakeRows, type LakeRows, type RowContext } from './lake-rows.js';
import type { CommitOptions } from './lake-sql.js';
import { LakeWriter } from './lake-writer.js';
import { WorkerLakeLoad } from './lake-worker-load.js';

/** One load into a flow's lake: atomic, so a load that fails or is rolled back leaves the previous data set. */
export interface LakeLoad {
  write(rows: LakeRows): Promise<void>;
  /** Makes the load the current data set, after the deactivations `options` ask for. */
  commit(options: CommitOptions): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens a load. A SQLite file store writes on a second thread (see WorkerLakeLoad); an in-memory SQLite store
 * (one connection only) and PostgreSQL write in a transaction of the store's own connection.
 * Set ROSTERLINK_LAKE_THREAD=off to keep SQLite file loads on the calling thread.
 */
export async function beginLakeLoad(store: Store, ctx: Pick<RowContext, 'lakeId' | 'loadSeq'>): Promise<LakeLoad> {
  const { location } = store;
  if (location.kind === 'sqlite' && location.file !== ':memory:' && process.env.ROSTERLINK_LAKE_THREAD !== 'off') {
    return WorkerLakeLoad.begin(location.file, ctx);
  }
  const trx = await store.db.startTransaction().execute();
  return new TransactionLakeLoad(trx, new LakeWriter(trx, store.traits, ctx));
}

/** Maps each batch to lake rows and hands them to the load. */
export function lakeBatchWriter(load: LakeLoad, ctx: RowContext): (batch: RecordBatch) => Promise<void> {
  return (batch) => (batch.records.length === 0 ? Promise.resolve() : load.write(toLakeRows(batch, ctx)));
}

class TransactionLakeLoad implements LakeLoad {
  constructor(
    private readonly trx: ControlledTransaction<Schema>,
    private readonly writer: LakeWriter,
  ) {}

  write(rows: LakeRows): Promise<void> {
    return this.writer.write(rows);
  }

  async commit(options: CommitOptions): Promise<void> {
    await this.writer.finish(options);
    await this.trx.commit().execute();
  }

  async rollback(): Promise<void> {
    await this.trx.rollback().execute();
  }
}

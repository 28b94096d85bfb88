// Lake loads on a SQLite file store run their inserts here, on a second thread with its own connection, so that
// reading and validating the roster (main thread) and writing it (this thread) use both cores. Plain JavaScript:
// the thread starts without the TypeScript loader. The protocol is in lake-worker-load.ts.
//
// workerData: { driver, file, busyTimeoutMs, tables: { [table]: { width, probe, tiers, freshTiers } } }
//   (tiers: upserts of decreasing row counts [{ rows, sql }], the last for 1 row; freshTiers: the same as plain
//   inserts, used when the probes find the flow's lake empty, falling back to the upsert of the same size for a
//   statement that skipped a row; probe: a query that returns a row if it is not)
// in:  { op: 'write', table, values } | { op: 'exec', sql } | { op: 'commit' } | { op: 'rollback' }
// out: { op: 'ready' } | { op: 'ack' } | { op: 'done' } | { op: 'error', message, code }
// After 'done' the thread checkpoints (commit only), closes its connection and ends by itself.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const Database = createRequire(import.meta.url)(workerData.driver);
let db;
let failed = false;
let fresh = false;
const statements = new Map();

function prepare(sql) {
  let stmt = statements.get(sql);
  if (stmt === undefined) {
    stmt = db.prepare(sql);
    statements.set(sql, stmt);
  }
  return stmt;
}

function write(table, values) {
  const { width, tiers, freshTiers } = workerData.tables[table];
  const n = values.length / width;
  let i = 0;
  for (let t = 0; t < tiers.length; t++) {
    const { rows } = tiers[t];
    if (n - i < rows) continue;
    const stmt = prepare((fresh ? freshTiers : tiers)[t].sql);
    for (; i + rows <= n; i += rows) {
      const slice = values.slice(i * width, (i + rows) * width);
      const { changes } = stmt.run(slice);
      // `insert or ignore` skipped a row whose key the load already wrote (two records the reader tells apart that
      // share a lake key): the same rows again as an upsert give what every other load does, the last one wins.
      if (fresh && changes !== rows) prepare(tiers[t].sql).run(slice);
    }
  }
}

/** A load into a flow with no lake rows yet inserts without upserting. Runs inside the write transaction. */
function lakeIsEmpty() {
  return Object.values(workerData.tables).every(({ probe }) => db.prepare(probe).get() === undefined);
}

function finish(op) {
  if (!db?.inTransaction) return;
  // Keeps the commit short: copying the load from the WAL into the database file (a checkpoint of ~2 GB for
  // 1 M persons) happens in closeDb, after the caller has been told the load is committed.
  if (op === 'commit') db.pragma('wal_autocheckpoint = 0');
  db.exec(op === 'commit' ? 'commit' : 'rollback');
}

function closeDb(checkpoint) {
  try {
    if (checkpoint) db?.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // another connection checkpoints, or the store is gone: the next checkpoint will do it
  }
  try {
    db?.close();
  } catch {
    // nothing left to release
  }
  db = undefined;
}

function fail(err) {
  failed = true;
  parentPort.postMessage({ op: 'error', message: err instanceof Error ? err.message : String(err), code: err?.code });
  try {
    finish('rollback');
  } catch {
    // the connection is gone with the thread
  }
  closeDb(false);
}

try {
  db = new Database(workerData.file);
  db.pragma(`busy_timeout = ${workerData.busyTimeoutMs}`);
  db.pragma('synchronous = NORMAL');
  // Takes the write lock now: a load that cannot write fails before any row is read.
  db.exec('begin immediate');
  fresh = lakeIsEmpty();
  parentPort.postMessage({ op: 'ready' });
} catch (err) {
  fail(err);
}

parentPort.on('message', (msg) => {
  if (failed) return;
  try {
    switch (msg.op) {
      case 'write':
        write(msg.table, msg.values);
        parentPort.postMessage({ op: 'ack' });
        return;
      case 'exec':
        prepare(msg.sql).run();
        parentPort.postMessage({ op: 'ack' });
        return;
      case 'commit':
      case 'rollback':
        finish(msg.op);
        parentPort.postMessage({ op: 'done' });
        closeDb(msg.op === 'commit');
        parentPort.close(); // the thread ends here
        return;
    }
  } catch (err) {
    fail(err);
  }
});

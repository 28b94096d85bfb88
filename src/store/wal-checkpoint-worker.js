// Checkpoints a SQLite file store's write-ahead log on a second thread, so that the thread writing (a run's apply,
// an import) does not stop to copy pages into the database file and wait for fsync. Plain JavaScript: the thread
// starts without the TypeScript loader. Started and stopped by wal-checkpointer.ts.
//
// workerData: { driver, file, intervalMs, minWalBytes }
// in: 'stop'   out: 'stopped'
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { setInterval, clearInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';

const Database = createRequire(import.meta.url)(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
const wal = `${workerData.file}-wal`;

function walBytes() {
  try {
    return fs.statSync(wal).size;
  } catch {
    return 0;
  }
}

const timer = setInterval(() => {
  if (walBytes() < workerData.minWalBytes) return;
  try {
    // PASSIVE never waits for or blocks the writer; what it cannot copy now, the next tick copies.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next tick tries again (and the writer's own autocheckpoint remains as a backstop)
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
  parentPort.close();
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer.js';
import { openStore } from '../../src/store/database.js';

/** Writes ~2 MB with SQLite's own checkpoints off: the pages stay in the WAL until someone checkpoints. */
function writeIntoWal(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table t (v text)');
  const insert = db.prepare('insert into t (v) values (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(1000));
  })();
  return db;
}

test('the checkpointer thread copies the WAL into the database file, and stops', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-wal-'));
  const file = path.join(dir, 'a.db');
  try {
    const writer = writeIntoWal(file);
    const before = fs.statSync(file).size;
    assert.ok(before < 100_000, 'without a checkpoint the rows are only in the WAL');
    const checkpointer = startWalCheckpointer(file, { intervalMs: 10, minWalBytes: 1 });
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < 2_000_000 && Date.now() < deadline) await sleep(20);
    assert.ok(fs.statSync(file).size >= 2_000_000, 'the thread checkpointed the WAL');
    await checkpointer.stop();
    await checkpointer.stop(); // idempotent
    assert.deepEqual(writer.prepare('select count(*) as n from t').get(), { n: 2000 });
    writer.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a file store closes with its checkpointer; reopening sees every row', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-wal-store-'));
  const url = `sqlite:${path.join(dir, 'store.db')}`;
  try {
    const store = await openStore(url);
    await store.db
      .insertInto('settings')
      .values(Array.from({ length: 500 }, (_, i) => ({ key: `k${i}`, value: 'v'.repeat(2000) })))
      .execute();
    await store.close();
    const again = await openStore(url);
    const n = await again.db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 500);
    await again.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

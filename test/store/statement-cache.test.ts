import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Database } from 'better-sqlite3';
import { withStatementCache } from '../../src/store/statement-cache.js';

/** A stand-in connection that counts how often each text is prepared. */
function counting() {
  const prepared = new Map<string, number>();
  const database = {
    prepare: (sql: string) => {
      prepared.set(sql, (prepared.get(sql) ?? 0) + 1);
      return { reader: sql.startsWith('select'), sql };
    },
    close: () => {},
  } as unknown as Database;
  return { prepared, cached: withStatementCache(database) };
}

const longInsert = (n: number) =>
  `insert into t (a) values ${Array.from({ length: 1000 }, () => '(?)').join(', ')} -- ${n}`;

test('long write statements are prepared once and re-used', () => {
  const { prepared, cached } = counting();
  const text = longInsert(0);
  const first = cached.prepare(text);
  assert.equal(cached.prepare(text), first);
  cached.prepare(text);
  assert.equal(prepared.get(text), 1);
});

test('readers and short statements are prepared each time', () => {
  const { prepared, cached } = counting();
  const reader = `select * from t where a in (${Array.from({ length: 1000 }, () => '?').join(', ')})`;
  cached.prepare(reader);
  cached.prepare(reader);
  cached.prepare('insert into t (a) values (?)');
  cached.prepare('insert into t (a) values (?)');
  assert.equal(prepared.get(reader), 2);
  assert.equal(prepared.get('insert into t (a) values (?)'), 2);
});

test('the cache keeps a bounded number of statements, dropping the oldest', () => {
  const { prepared, cached } = counting();
  for (let i = 0; i <= 32; i++) cached.prepare(longInsert(i));
  cached.prepare(longInsert(32));
  cached.prepare(longInsert(0));
  assert.equal(prepared.get(longInsert(32)), 1, 'the newest is still kept');
  assert.equal(prepared.get(longInsert(0)), 2, 'the oldest was dropped');
});

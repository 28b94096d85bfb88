/**
 * PostgreSQL's planner statistics are refreshed after a roster load and after a run that wrote: without them a
 * freshly loaded table is planned as a few hundred rows (a 100 k re-run's departed-people anti-join took 470 s as a
 * nested loop). The CI server runs with autovacuum off, so nothing else would analyze these tables.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { openStore } from '../../src/store/database.js';
import { refreshStatistics } from '../../src/store/statistics.js';
import { addSkus, configure, load, runOnce } from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

const pg = storeVariants().find((v) => v.name === 'postgres');

describe('planner statistics on PostgreSQL', { skip: pg ? false : 'PostgreSQL is off' }, () => {
  let root: string;
  let runtime: Runtime;
  let url: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-statistics-'));
    await generateDistrict({ persons: 60, out: path.join(root, 'district'), format: 'sds-v2.1', seed: 3 });
    url = pg!.url();
    runtime = await openRuntime(url);
  });
  after(async () => {
    await runtime.close();
    await pg!.cleanup(url);
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** The planner's row count of a table: -1 until the table is first analyzed (PostgreSQL 14+). */
  const plannedRows = async (table: string) => {
    const { rows } = await sql<{ n: number }>`
      select c.reltuples::float8 as n from pg_class c where c.oid = to_regclass(${table})`.execute(runtime.store.db);
    return Number(rows[0].n);
  };
  const actualRows = async (table: string) => {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(runtime.store.db);
    return Number(rows[0].n);
  };

  test('are taken after a load for the lake, and after a run that wrote for links and accounts', async () => {
    assert.equal(await plannedRows('lake_people'), -1, 'a new store has never been analyzed');
    await addSkus(runtime, 100, 100);
    const { inbound } = await configure(runtime);
    await load(runtime, inbound, path.join(root, 'district'));
    assert.equal(await plannedRows('lake_people'), await actualRows('lake_people'));
    assert.equal(await plannedRows('lake_roles'), await actualRows('lake_roles'));
    assert.equal(await plannedRows('links'), -1);

    const first = await runOnce(runtime);
    assert.ok(first.writes > 0);
    assert.ok((await actualRows('links')) > 0);
    assert.equal(await plannedRows('links'), await actualRows('links'));
    assert.equal(await plannedRows('directory_users'), await actualRows('directory_users'));
  });
});

test('on SQLite, refreshing statistics does nothing (no sqlite_stat1 table appears)', async () => {
  const store = await openStore('sqlite::memory:');
  try {
    await refreshStatistics(store, ['lake_people', 'links']);
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where name like 'sqlite_stat%'`.execute(
      store.db,
    );
    assert.deepEqual(rows, []);
  } finally {
    await store.close();
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../database.js';
import { LAKE_COLUMNS, type LakeValue } from './lake-rows.js';
import { WorkerLakeLoad } from './lake-worker-load.js';

/** A lake_people row in LAKE_COLUMNS order. */
function person(id: string, given: string): LakeValue[] {
  const row: Record<string, LakeValue> = { active: 1, sourced_id: id, username: `${id}@x.edu`, given_name: given };
  return LAKE_COLUMNS.lake_people.map((c) => row[c] ?? null);
}

const peopleRows = (...rows: LakeValue[][]) => ({
  table: 'lake_people' as const,
  width: LAKE_COLUMNS.lake_people.length,
  values: rows.flat(),
});

describe('the lake writer thread', () => {
  let dir: string;
  let store: Store;
  let file: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-lake-thread-'));
    file = path.join(dir, 'rosterlink.db');
    store = await openStore(`sqlite:${file}`);
  });
  after(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const given = async (flow: number) =>
    (
      await store.db
        .selectFrom('lake_people')
        .select(['sourced_id', 'given_name', 'load_seq'])
        .where('lake_id', '=', flow)
        .orderBy('sourced_id')
        .execute()
    ).map((r) => `${r.sourced_id}:${r.given_name}:${r.load_seq}`);

  it('inserts into an empty lake and upserts into one that has rows', async () => {
    const first = await WorkerLakeLoad.begin(file, { lakeId: 1, loadSeq: 1 });
    await first.write(peopleRows(person('p1', 'Ann'), person('p2', 'Bo')));
    await first.commit({ deactivateUnseen: true });
    assert.deepEqual(await given(1), ['p1:Ann:1', 'p2:Bo:1']);

    const second = await WorkerLakeLoad.begin(file, { lakeId: 1, loadSeq: 2 });
    await second.write(peopleRows(person('p2', 'Bob'), person('p3', 'Cy')));
    await second.commit({ deactivateUnseen: true });
    assert.deepEqual(await given(1), ['p1:Ann:1', 'p2:Bob:2', 'p3:Cy:2']);
  });

  it('keeps the last of two rows with one key in a load into an empty lake, as an upsert would', async () => {
    const load = await WorkerLakeLoad.begin(file, { lakeId: 2, loadSeq: 1 });
    // Within one statement (64 rows make one statement of the writer's 64-row tier), and across two batches.
    const others = Array.from({ length: 61 }, (_, k) => person(`q${String(k).padStart(2, '0')}`, 'Q'));
    await load.write(peopleRows(person('p1', 'Ann'), person('p2', 'Bo'), ...others, person('p1', 'Ann again')));
    await load.write(peopleRows(person('p2', 'Bo again')));
    await load.commit({ deactivateUnseen: true });
    const rows = await given(2);
    assert.equal(rows.length, 63);
    assert.deepEqual(rows.slice(0, 2), ['p1:Ann again:1', 'p2:Bo again:1']);
  });
});

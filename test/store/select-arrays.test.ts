import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import type { Compilable } from 'kysely';
import type { Store } from '../../src/store/database.js';
import { eachRow } from '../../src/store/select-arrays.js';
import { storeVariants } from '../support/stores.js';

/** Every row eachRow hands over, collected. */
async function rowsOf(store: Store, query: Compilable<object>): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  await eachRow(store, query, (row) => rows.push(row));
  return rows;
}

for (const variant of storeVariants()) {
  describe(`eachRow (${variant.name})`, () => {
    const url = variant.url();
    after(() => variant.cleanup(url));

    test('rows come back as arrays in the order of the selected columns, inside or outside a transaction', async () => {
      const store = await openStore(url);
      try {
        await store.db
          .insertInto('settings')
          .values([
            { key: 'b', value: 'two' },
            { key: 'a', value: 'one' },
          ])
          .execute();
        const query = store.db
          .selectFrom('settings')
          .select(['value', 'key'])
          .where('key', 'in', ['a', 'b'])
          .orderBy('key');
        assert.deepEqual(await rowsOf(store, query), [
          ['one', 'a'],
          ['two', 'b'],
        ]);
        // A read while another caller's transaction is open waits for it instead of reading inside it.
        let release!: () => void;
        const open = store.db.transaction().execute(async (trx) => {
          await trx.insertInto('settings').values({ key: 'c', value: 'three' }).execute();
          await new Promise<void>((resolve) => (release = resolve));
          throw new Error('rolled back');
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        const reading = rowsOf(store, store.db.selectFrom('settings').select('key').orderBy('key'));
        release();
        await assert.rejects(open, /rolled back/);
        assert.deepEqual(await reading, [['a'], ['b']]);
      } finally {
        await store.close();
      }
    });
  });
}

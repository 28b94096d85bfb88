import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStore } from '../../src/store/database.js';
import { storeVariants } from '../support/stores.js';

/** Regression: Kysely's migrator found another schema's migration tables and skipped creating its own. */
describe('PostgreSQL stores in separate schemas', () => {
  const pg = storeVariants().find((v) => v.name === 'postgres');
  test('two fresh schemas open and migrate side by side', { skip: pg ? false : 'PostgreSQL is off' }, async () => {
    const urls = [pg!.url(), pg!.url()];
    const stores = [];
    try {
      for (const url of urls) stores.push(await openStore(url));
      for (const store of stores) {
        const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
        const schema = store.location.kind === 'postgres' ? store.location.schema : null;
        const own = tables.filter((t) => t.schema === schema).map((t) => t.name);
        assert.ok(own.includes('kysely_migration'));
        assert.ok(own.includes('kysely_migration_lock'));
        assert.ok(own.includes('links'));
      }
    } finally {
      for (const store of stores) await store.close();
      for (const url of urls) await pg!.cleanup(url);
    }
  });
});

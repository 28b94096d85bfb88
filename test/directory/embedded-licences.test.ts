import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { openStore } from '../../src/store/database.js';
import { storeVariants } from '../support/stores.js';

/** Licences assigned in one batch (one transaction) keep each item all or nothing, in input order. */
for (const variant of storeVariants()) {
  describe(`embedded batched licence assignment (${variant.name})`, () => {
    const url = variant.url();
    after(() => variant.cleanup(url));

    test('an item short of one SKU takes none of its SKUs; later items still get seats', async () => {
      const store = await openStore(url);
      try {
        const service = new DirectoryService(store);
        const plenty = await service.addSku({ skuPartNumber: 'PLENTY', seats: 10 });
        const scarce = await service.addSku({ skuPartNumber: 'SCARCE', seats: 1 });
        const accounts = [];
        for (const name of ['a', 'b', 'c', 'd']) {
          accounts.push(
            await service.create({
              userPrincipalName: `${name}@lic.edu`,
              displayName: name,
              usageLocation: 'US',
              password: 'Licence-Pass-1',
              forceChangePasswordNextSignIn: true,
            }),
          );
        }
        const [a, b, c, d] = accounts;
        const results = await service.directory.assignLicenses([
          { id: a.id, skus: [plenty.skuId, scarce.skuId] }, // takes the last SCARCE seat
          { id: b.id, skus: [plenty.skuId, scarce.skuId] }, // SCARCE exhausted: gets nothing
          { id: c.id, skus: [plenty.skuId] },
          { id: c.id, skus: [plenty.skuId, 'PLENTY'] }, // held, and the same SKU twice: no seat
          { id: d.id, skus: [] },
        ]);
        assert.deepEqual(
          results.map((r) => (r.ok ? 'ok' : r.error.code)),
          ['ok', 'QuotaExceeded', 'ok', 'ok', 'ok'],
        );
        const got = await service.directory.getAccounts(accounts.map((x) => x.id));
        assert.equal(got.get(a.id)!.assignedLicenses.length, 2);
        assert.deepEqual(got.get(b.id)!.assignedLicenses, []);
        assert.deepEqual(got.get(c.id)!.assignedLicenses, [{ skuId: plenty.skuId }]);
        const skus = new Map((await service.subscribedSkus()).map((s) => [s.skuPartNumber, s.consumedUnits]));
        assert.equal(skus.get('PLENTY'), 2);
        assert.equal(skus.get('SCARCE'), 1);
      } finally {
        await store.close();
      }
    });
  });
}

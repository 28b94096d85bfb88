import { DirectoryService } from '../../src/directory/embedded/index.js';
import { openStore } from '../../src/store/database.js';
import { storeVariants } from '../support/stores.js';
import { runDirectoryContract } from './directory-contract.js';

for (const variant of storeVariants()) {
  // A chunk size of 7 makes the 40-key lookups span several chunks, so chunking is exercised too.
  runDirectoryContract(`embedded (${variant.name})`, async () => {
    const url = variant.url();
    const store = await openStore(url);
    const service = new DirectoryService(store, { chunkSize: 7 });
    return {
      directory: service.directory,
      addSku: async (skuPartNumber, seats) => (await service.addSku({ skuPartNumber, seats })).skuId,
      deleteAccount: (id) => service.delete(id),
      close: async () => {
        await store.close();
        await variant.cleanup(url);
      },
    };
  });
}

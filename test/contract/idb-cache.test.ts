import { createIdbCache } from '@segkit/idb';
import { deleteDB } from 'idb';
import { cacheContract } from './cache-contract.js';

const dbName = `segkit-contract-${Date.now()}`;

cacheContract('IndexedDB cache', async ({ namespace, maxBytes }) => {
  const cache = createIdbCache({ namespace, dbName, ...(maxBytes === undefined ? {} : { maxBytes }) });
  return {
    cache,
    async dispose() {
      await cache.clear().catch(() => undefined);
      cache.close();
    },
  };
});

after(() => deleteDB(dbName));

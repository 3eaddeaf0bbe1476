/**
 * Type-level tests of `@segkit/idb` (checked by `npm run typecheck`, never
 * run): what it makes is what the store takes.
 */
import type { SegmentCache, SegmentStoreOptions, TabSync } from '@segkit/core';
import { createMemoryAdapter, createSegmentStore } from '@segkit/core';
import type { IdbCache } from '@segkit/idb';
import { createIdbCache, createTabSync } from '@segkit/idb';

const cache: SegmentCache = createIdbCache({ namespace: 'https://api.example.com|user_1' });
const tabs: TabSync = createTabSync({ namespace: 'https://api.example.com|user_1' });
const options: SegmentStoreOptions = { adapter: createMemoryAdapter(), cache, tabs };
void createSegmentStore(options);

// keys(prefix) is optional in SegmentCache, always there in IdbCache; close() too.
const idb: IdbCache = createIdbCache({ namespace: 'n', maxBytes: 1_000_000 });
void idb.keys('outbox:').then((keys: string[]) => keys);
idb.close();

// @ts-expect-error the namespace is required: whose data it is must be said
createIdbCache({});
// @ts-expect-error so is the tab sync's
createTabSync({});

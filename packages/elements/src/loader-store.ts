/**
 * Entry of `dist/segkit-store.js`, beside the lazy loader (no bundler): what
 * a page needs to make a store by hand (`provider.store = createSegmentStore(...)`).
 * It shares its chunks (the store, the REST adapter, the cache) with the
 * widgets the loader loads, so they are downloaded once.
 */
export { createSegmentStore, createMemoryAdapter, createMemoryCache, SegkitError } from '@segkit/core';
export { createRestAdapter } from '@segkit/rest';
export { createIdbCache, createTabSync } from '@segkit/idb';

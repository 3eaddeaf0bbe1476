/**
 * Entry of `dist/segkit-core.js`, beside the lazy loader (no bundler): the
 * store without the REST adapter and the IndexedDB cache, for a page that
 * gives the provider a store over its own adapter or the memory adapter
 * (`provider.store = createSegmentStore({ adapter })`). Such a page fetches
 * neither the `rest` nor the `idb` chunk; `segkit-store.js` exports these
 * and the REST adapter and cache too (decision 032).
 */
export { createSegmentStore, createMemoryAdapter, createMemoryCache, SegkitError } from '@segkit/core';

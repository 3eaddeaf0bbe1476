/**
 * Entry of the one-file build (dist/segkit.js): the elements, their
 * classes, and the store, REST adapter, caches and tab sync a page needs to
 * make a store by hand. The memory adapter is in a file of its own,
 * dist/segkit-memory.js (bundle-memory.ts): every page with a backend would
 * carry its 6.4 KB gzip for nothing (decision 039).
 */
export * from './index.js';
export { createSegmentStore, createMemoryCache, SegkitError } from '@segkit/core';
export { createRestAdapter } from '@segkit/rest';
export { createIdbCache, createTabSync } from '@segkit/idb';

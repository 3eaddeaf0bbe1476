/**
 * Entry of the one-file build (dist/segkit.js): the elements, their
 * classes, and the store, adapters, cache and tab sync a page needs to make
 * a store by hand.
 */
export * from './index.js';
export { createSegmentStore, createMemoryAdapter, createMemoryCache, SegkitError } from '@segkit/core';
export { createRestAdapter } from '@segkit/rest';
export { createIdbCache, createTabSync } from '@segkit/idb';

/**
 * What `remote.ts` imports dynamically for the cache. Not `@segkit/idb`
 * itself: the provider imports that statically (`createTabSync`), and a
 * bundler would then keep the cache in the provider's chunk.
 */
export { createIdbCache } from '@segkit/idb';

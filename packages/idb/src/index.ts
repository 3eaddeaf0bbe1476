export { createIdbCache } from './cache.js';
export type { IdbCache, IdbCacheOptions } from './cache.js';

export { createIdbCache } from './cache.js';
export type { IdbCache, IdbCacheOptions } from './cache.js';
export { DB_NAME, SCHEMA_VERSION } from './schema.js';
export { createTabSync, parseTabMessage } from './tabs.js';
export type { TabSyncOptions } from './tabs.js';

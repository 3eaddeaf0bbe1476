/**
 * `remote.ts` for the one-file build (`vite.bundle.config.ts` resolves the
 * provider's `./remote.js` here): `dist/segkit.js` exports the REST adapter
 * and the IndexedDB cache anyway, so the provider makes them at once, as
 * before decision 032, instead of through an inlined dynamic import.
 */
import { createIdbCache } from '@segkit/idb';
import type { IdbCacheOptions } from '@segkit/idb';
import { createRestAdapter } from '@segkit/rest';
import type { RestAdapterOptions } from '@segkit/rest';
import type { restAdapter as lazyRestAdapter, idbCache as lazyIdbCache } from './remote.js';

export const restAdapter: typeof lazyRestAdapter = (options: RestAdapterOptions) => createRestAdapter(options);
export const idbCache: typeof lazyIdbCache = (options: IdbCacheOptions) => createIdbCache(options);

/**
 * The demo's backend: `@segkit/mock` served by an msw service worker in this
 * page, so the app talks HTTP to `/api` exactly as it would to a real segkit
 * backend. The worker script sits next to index.html (served in dev, emitted
 * in the build) and is registered relative to the page, so the built demo
 * works from any folder. What runs on it (the community size, the faults,
 * a reset) is `settings.ts`'s business.
 */
import { createMemoryCache, createSegmentStore } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createMockBackend, startMockWorker } from '@segkit/mock';
import type { Faults, MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import type { SetupWorker } from 'msw/browser';

export const API = '/api';

/** One persisted mock community per size, so switching sizes keeps each one's changes. */
export function makeBackend(size: number): MockBackend {
  return createMockBackend({ baseUrl: API, size, seed: 1, persist: { key: `glow-demo-${size}` } });
}

/**
 * Whether the store's cache outlives the tab. The memory cache does not:
 * changes waiting offline are lost when the tab closes, and the status says
 * "kept in this tab only". True once the cache is `@segkit/idb`'s.
 */
export const CACHE_OUTLIVES_TAB = false;

/** The store a host would make: the REST adapter over its backend, with a cache. */
export function makeStore(): SegmentStore {
  return createSegmentStore({
    adapter: createRestAdapter({ baseUrl: API }),
    // In memory for now; `@segkit/idb`'s IndexedDB cache slots in here.
    cache: createMemoryCache(),
  });
}

/** What the demo runs on; `settings.ts` swaps the backend and the store when the data changes. */
export interface Runtime {
  backend: MockBackend;
  store: SegmentStore;
  worker: SetupWorker;
}

/**
 * Starts the worker over a backend of `size` members with `faults` on (those
 * of the tab before a reload), then a store over it: its first requests meet
 * the faults already.
 */
export async function startRuntime(size: number, faults: Partial<Faults> = {}): Promise<Runtime> {
  const backend = makeBackend(size);
  backend.faults.set(faults);
  const worker = await startMockWorker(backend, {
    quiet: true,
    serviceWorker: { url: './mockServiceWorker.js', options: { scope: './' } },
  });
  return { backend, store: makeStore(), worker };
}

/**
 * The demo's backend: `@segkit/mock` served by an msw service worker in this
 * page, so the app talks HTTP to `/api` exactly as it would to a real segkit
 * backend. The worker script sits next to index.html (served in dev, emitted
 * in the build) and is registered relative to the page, so the built demo
 * works from any folder. What runs on it (the community size, the faults,
 * a reset) is `settings.ts`'s business.
 */
import { createSegmentStore } from '@segkit/core';
import type { SegmentField, SegmentStore, TabSync } from '@segkit/core';
import { createIdbCache, createTabSync } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { createMockBackend, startMockWorker } from '@segkit/mock';
import type { Faults, MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import type { SetupWorker } from 'msw/browser';

export const API = '/api';

/** The brand's per-segment data: each segment's own discount code, shown to whoever joins it through a link. */
export const SEGMENT_FIELDS: SegmentField[] = [
  {
    key: 'discountCode',
    label: 'Discount code',
    type: 'text',
    pattern: '[A-Z0-9]{3,20}',
    message: 'A discount code is 3 to 20 capital letters or digits, like VIP20.',
  },
];

/** One persisted mock community per size, so switching sizes keeps each one's changes. */
export function makeBackend(size: number): MockBackend {
  return createMockBackend({ baseUrl: API, size, seed: 1, persist: { key: `glow-demo-${size}` } });
}

/**
 * Whether the store's cache outlives the tab: with `@segkit/idb` it does, so
 * changes waiting offline survive a reload (the status need not say "kept in
 * this tab only").
 */
export const CACHE_OUTLIVES_TAB = true;

/** A store with what it was made with: its IndexedDB cache and its link to the other tabs. */
export interface DemoStore {
  store: SegmentStore;
  cache: IdbCache;
  tabs: TabSync;
  /** Stops the store, its tab link and its cache connection (the cached data stays). */
  close(): void;
}

/**
 * The store a host would make: the REST adapter over its backend, the
 * IndexedDB cache and the tab link, both namespaced by the community (each
 * size is its own backend, so its own cache).
 */
export function makeStore(size: number): DemoStore {
  const namespace = `glow-demo-${size}`;
  const cache = createIdbCache({ namespace });
  const tabs = createTabSync({ namespace });
  const store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: API }), cache, tabs, segmentFields: SEGMENT_FIELDS });
  return {
    store,
    cache,
    tabs,
    close() {
      store.destroy();
      tabs.close();
      cache.close();
    },
  };
}

/** What the demo runs on; `settings.ts` swaps the backend and the store when the data changes. */
export interface Runtime {
  backend: MockBackend;
  /** The current store and its cache; `store` is `current.store`. */
  current: DemoStore;
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
  const current = makeStore(size);
  return { backend, current, store: current.store, worker };
}

/**
 * The demo's backend: `@segkit/mock` served by an msw service worker in this
 * page, so the app talks HTTP to `/api` exactly as it would to a real segkit
 * backend. The backend itself (dataset, queries, writes, persistence) runs in
 * a dedicated Worker (`mock-worker.ts`); the page's msw handlers only forward
 * each request to it, so the page's main thread does only what it would do
 * against a real server (decision 029). `?mock=page` keeps the whole backend
 * in the page instead (the bench's baseline). The service worker script
 * sits next to index.html (served in dev, emitted in the build) and is
 * registered relative to the page, so the built demo works from any folder.
 * What runs on it (the community size, the faults, a reset) is
 * `settings.ts`'s business.
 */
import { createSegmentStore } from '@segkit/core';
import type { SegmentField, SegmentStore, TabSync } from '@segkit/core';
import { createIdbCache, createTabSync } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { createMockBackend, createWorkerBackend } from '@segkit/mock';
import type { Faults, MockBackendOptions, MockServer } from '@segkit/mock';
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

/** Where the mock backend runs: in a Worker, or (`?mock=page`, or without module workers) in this page. */
export type MockThread = 'worker' | 'page';

/** `?mock=page` in the address keeps the backend in the page (how `npm run bench` measures its baseline). */
export function mockThread(): MockThread {
  return new URLSearchParams(location.search).get('mock') === 'page' ? 'page' : 'worker';
}

/**
 * One persisted mock community per size, so switching sizes keeps each
 * one's changes; in a Worker unless `thread` is `'page'` (or the browser
 * cannot start a module worker).
 */
export function makeBackend(size: number, thread: MockThread = mockThread()): MockServer {
  const options: MockBackendOptions = { baseUrl: API, size, seed: 1, persist: { key: `glow-demo-${size}` } };
  if (thread === 'page' || workerFailed) return createMockBackend(options);
  try {
    // One worker for the page's life, started before msw: every size's backend runs in it one after
    // another (Firefox never loads a worker's script through msw's active service worker).
    mockWorker ??= new Worker(new URL('./mock-worker.ts', import.meta.url), { type: 'module', name: 'segkit mock backend' });
  } catch (error) {
    console.warn('The mock backend runs in the page: this browser could not start its worker.', error);
    return createMockBackend(options);
  }
  return createWorkerBackend(mockWorker, options);
}

let mockWorker: Worker | undefined;
/** The worker would not start: every backend of this page runs in the page. */
let workerFailed = false;

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
  backend: MockServer;
  /** The current store and its cache; `store` is `current.store`. */
  current: DemoStore;
  store: SegmentStore;
  worker: SetupWorker;
}

/**
 * Starts msw over a backend of `size` members with `faults` on (those of the
 * tab before a reload), then a store over it: its first requests meet the
 * faults already. It does not wait for the backend's data (the handlers do):
 * the store opens from its cache while the worker builds the community. If
 * the worker fails, the same backend takes over in the page.
 */
export async function startRuntime(size: number, faults: Partial<Faults> = {}): Promise<Runtime> {
  const backend = makeBackend(size);
  backend.faults.set(faults);
  // What startMockWorker does, without waiting for the backend's data.
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker(...backend.handlers);
  await worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: './mockServiceWorker.js', options: { scope: './' } },
  });
  const current = makeStore(size);
  const runtime: Runtime = { backend, current, store: current.store, worker };
  // Where the backend runs, for whoever measures the demo (bench/demo.mjs, the e2e tests).
  const root = document.documentElement;
  root.dataset.mock = 'worker' in backend ? 'worker' : 'page';
  backend.ready.catch((failure: unknown) => {
    if (runtime.backend !== backend || !('worker' in backend)) return;
    // The worker would not start (its script blocked or failing): the same backend, in the page.
    console.warn('The mock backend runs in the page: its worker failed.', failure);
    workerFailed = true;
    mockWorker?.terminate();
    const inPage = makeBackend(size, 'page');
    inPage.faults.set({ ...backend.faults.get(), failNext: [] });
    runtime.backend = inPage;
    worker.resetHandlers(...inPage.handlers);
    root.dataset.mock = 'page';
  });
  return runtime;
}

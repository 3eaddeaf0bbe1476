/**
 * The demo's backend: `@segkit/mock` served by an msw service worker in this
 * page, so the app talks HTTP to `/api` exactly as it would to a real segkit
 * backend. The worker script sits next to index.html (served in dev, emitted
 * in the build) and is registered relative to the page, so the built demo
 * works from any folder.
 */
import { createMemoryCache, createSegmentStore } from '@segkit/core';
import type { SegmentStore } from '@segkit/core';
import { createMockBackend, startMockWorker } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import type { SetupWorker } from 'msw/browser';

export const API = '/api';
export const SIZES = [10_000, 100_000] as const;
export type Size = (typeof SIZES)[number];

const SIZE_KEY = 'glow-demo:size';

export function savedSize(): Size {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(SIZE_KEY);
  } catch {
    // Storage blocked: default size.
  }
  return saved === '100000' ? 100_000 : 10_000;
}

function saveSize(size: Size): void {
  try {
    localStorage.setItem(SIZE_KEY, String(size));
  } catch {
    // Not remembered across reloads; fine.
  }
}

/** One persisted mock community per size, so switching sizes keeps each one's changes. */
export function makeBackend(size: Size): MockBackend {
  return createMockBackend({ baseUrl: API, size, seed: 1, persist: { key: `glow-demo-${size}` } });
}

/** The store a host would make: the REST adapter over its backend, with a cache. */
export function makeStore(): SegmentStore {
  return createSegmentStore({
    adapter: createRestAdapter({ baseUrl: API }),
    // In memory for now; `@segkit/idb`'s IndexedDB cache slots in here.
    cache: createMemoryCache(),
  });
}

export interface Runtime {
  backend: MockBackend;
  store: SegmentStore;
  worker: SetupWorker;
  size: Size;
}

export async function startRuntime(): Promise<Runtime> {
  const size = savedSize();
  const backend = makeBackend(size);
  const worker = await startMockWorker(backend, {
    quiet: true,
    serviceWorker: { url: './mockServiceWorker.js', options: { scope: './' } },
  });
  return { backend, store: makeStore(), worker, size };
}

/**
 * A fresh store over another community size: the old store stops first (its
 * queued writes must not land in the new data), then the worker serves the new backend.
 */
export async function switchSize(runtime: Runtime, size: Size): Promise<void> {
  runtime.store.destroy();
  await runtime.backend.close();
  const backend = makeBackend(size);
  runtime.worker.resetHandlers(...backend.handlers);
  await backend.ready;
  saveSize(size);
  runtime.backend = backend;
  runtime.size = size;
  runtime.store = makeStore();
}

/** Back to the seeded community: no segments you made, no memberships you changed, no invites, no faults. */
export async function resetData(runtime: Runtime): Promise<void> {
  runtime.store.destroy();
  await runtime.backend.reset();
  runtime.store = makeStore();
}

/**
 * The REST adapter and the IndexedDB cache of a store the provider makes
 * from `endpoint`, loaded on first use (decision 032). A page that gives the
 * provider `.store` never downloads them (about 8 KB gzip with the idb
 * library); a page with `endpoint` gets its store at once, as before, and the
 * store's first read waits for the code the way it waits for the network.
 *
 * Both are plain objects of the interfaces core expects, whose methods load
 * the real one once and call it. A failed load rejects that call with
 * core's `network` error (as a request that does not get through) and is
 * tried again on the next call.
 *
 * The one-file build (`dist/segkit.js`, which exports both anyway) takes
 * `remote-eager.ts` instead: the same two functions over static imports
 * (an inlined dynamic import there cost 1.5 KB gzip more).
 */
import { ADAPTER_METHODS, markValidated, toSegkitError } from '@segkit/core';
import type { SegmentCache, SegmentsAdapter } from '@segkit/core';
import type { IdbCache, IdbCacheOptions } from '@segkit/idb';
import type { RestAdapterOptions } from '@segkit/rest';

/** `load()` once; a failure is forgotten, so the next call tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw toSegkitError(error);
    }));
}

/**
 * `createRestAdapter(options)` from `@segkit/rest`, loaded on the first call.
 * Marked validated like the REST adapter itself: every answer it gives is
 * the REST adapter's, parsed there, and every throw a `SegkitError`.
 */
export function restAdapter(options: RestAdapterOptions): SegmentsAdapter {
  const adapter = once(async () => (await import('@segkit/rest')).createRestAdapter(options));
  // The REST adapter's own capabilities (packages/rest/src/adapter.ts); it has no `subscribe`.
  const lazy: Record<string, unknown> = { capabilities: { live: false, invites: true } };
  for (const method of Object.keys(ADAPTER_METHODS) as Array<keyof typeof ADAPTER_METHODS>) {
    lazy[method] = async (...args: unknown[]) => {
      const real = await adapter();
      return (real[method] as (...args: unknown[]) => Promise<unknown>).apply(real, args);
    };
  }
  return markValidated(lazy as unknown as SegmentsAdapter);
}

/** `createIdbCache(options)` from `@segkit/idb`, loaded on the first call; `close()` closes it once it is there (never loads it). */
export function idbCache(options: IdbCacheOptions): SegmentCache & { close(): void } {
  let closed = false;
  let real: IdbCache | undefined;
  const cache = once(async () => {
    real = (await import('./idb-cache.js')).createIdbCache(options);
    if (closed) real.close(); // closed while loading: its calls reject, as a closed cache's do
    return real;
  });
  return {
    get: async (key) => (await cache()).get(key),
    set: async (key, value) => (await cache()).set(key, value),
    delete: async (key) => (await cache()).delete(key),
    clear: async () => (await cache()).clear(),
    keys: async (prefix) => (await cache()).keys(prefix),
    close() {
      closed = true;
      real?.close();
    },
  };
}

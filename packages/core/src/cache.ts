/**
 * The cache a store is given: a small async key-value persister (three
 * methods and `clear`). `@segkit/idb` implements it over IndexedDB; the
 * memory cache here is for tests and for hosts that want none.
 */
import { SegkitError } from './errors.js';

export interface SegmentCache {
  /** The value stored under `key`, or `undefined`. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a structured-clonable value. Rejects with `quota` when storage is full. */
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Drops everything (logout). */
  clear(): Promise<void>;
  /** The keys that start with `prefix` (optional: a store shared by tabs lists the other tabs' outboxes with it). */
  keys?(prefix: string): Promise<string[]>;
}

export interface MemoryCacheOptions {
  /** Rough byte budget; a `set` past it rejects with `quota` (for testing quota handling). */
  maxBytes?: number;
}

/** A cache in memory: survives store re-creation within one page, not a reload. */
export function createMemoryCache(options: MemoryCacheOptions = {}): SegmentCache & { readonly size: number } {
  const data = new Map<string, { value: unknown; bytes: number }>();
  let bytes = 0;
  return {
    get size() {
      return data.size;
    },
    async get<T>(key: string) {
      const hit = data.get(key);
      return hit === undefined ? undefined : (structuredClone(hit.value) as T);
    },
    async set(key, value) {
      const copy = structuredClone(value);
      const size = options.maxBytes === undefined ? 0 : JSON.stringify(copy)?.length ?? 0;
      const previous = data.get(key)?.bytes ?? 0;
      if (options.maxBytes !== undefined && bytes - previous + size > options.maxBytes) {
        throw new SegkitError('quota', 'The cache is full.');
      }
      bytes += size - previous;
      data.set(key, { value: copy, bytes: size });
    },
    async delete(key) {
      bytes -= data.get(key)?.bytes ?? 0;
      data.delete(key);
    },
    async clear() {
      data.clear();
      bytes = 0;
    },
    async keys(prefix) {
      return [...data.keys()].filter((key) => key.startsWith(prefix));
    },
  };
}

/**
 * The store's use of its `SegmentCache`: what is kept under which key (the
 * segment list, the applied query and its member pages, one record per page;
 * the outboxes are `outbox.ts`'s), background and awaited writes, the startup
 * read, and the fallback to memory when the cache fails (quota).
 */
import type { SegmentCache } from '../cache.js';
import { SegkitError, toSegkitError } from '../errors.js';
import type { Member, MemberQuery, SegmentList } from '../model.js';
import type { Emitter } from './emitter.js';
import type { StatusFlags } from './status.js';
import type { StoreEvents } from './types.js';

export const SEGMENTS_KEY = 'segments';
/** The applied query, so a reload shows the first rows of the last view. */
export const QUERY_KEY = 'query';

/** The cache key of page `page` of the query with key `queryKey`. */
export function pageKey(queryKey: string, page: number): string {
  return `members:${queryKey}:${page}`;
}

/** A segment list as cached: when it was saved (ms since the epoch). */
export type CachedSegments = SegmentList & { savedAt?: number };
/** A page of members as cached: one record per page, never one per member. */
export interface CachedPage {
  total: number;
  items: Member[];
  savedAt?: number;
}

/** What the cache held when the store opened. */
export interface Saved {
  segments: CachedSegments | undefined;
  query: MemberQuery | undefined;
}

/** Owns the cache: nothing else in the store calls it. Without a cache, every method does nothing. */
export interface StoreCache {
  /** A cache was given and has not failed. */
  usable(): boolean;
  /** Reads a value; `undefined` when absent or when the read fails. */
  read<T>(key: string): Promise<T | undefined>;
  /** Writes in the background; the first failure switches the store to memory and says so once. */
  write(key: string, value: unknown): void;
  /** Like `write`, but resolves once the value is stored, or once it failed (never rejects). */
  save(key: string, value: unknown): Promise<void>;
  /** Deletes a key (never rejects). */
  remove(key: string): Promise<void>;
  /** The keys that start with `prefix`; none when the cache cannot list its keys or fails. */
  keys(prefix: string): Promise<string[]>;
  /** Reads the segment list and the applied query; a failure switches to memory. */
  open(): Promise<Saved>;
}

export function createStoreCache(
  cache: SegmentCache | undefined,
  flags: Pick<StatusFlags, 'get' | 'set'>,
  events: Emitter<StoreEvents>,
): StoreCache {
  function failed(error: unknown): void {
    const err = toSegkitError(error);
    if (flags.get().cache !== 'unavailable') {
      flags.set({ cache: 'unavailable' });
      events.emit('error', {
        error: err.code === 'quota' ? err : new SegkitError('quota', 'Local storage is unavailable; working in memory.', { cause: err }),
        action: 'cache',
      });
    }
  }

  const usable = () => cache !== undefined && flags.get().cache === 'ready';

  function save(key: string, value: unknown): Promise<void> {
    if (!cache || flags.get().cache === 'unavailable') return Promise.resolve();
    return cache.set(key, value).catch(failed);
  }

  return {
    usable,
    read<T>(key: string) {
      return cache ? cache.get<T>(key).catch(() => undefined) : Promise.resolve(undefined);
    },
    write(key, value) {
      void save(key, value);
    },
    save,
    remove(key) {
      return cache && usable() ? cache.delete(key).catch(failed) : Promise.resolve();
    },
    async keys(prefix) {
      if (!cache?.keys || !usable()) return [];
      return cache.keys(prefix).catch(() => []);
    },
    async open() {
      if (!cache) return { segments: undefined, query: undefined };
      try {
        const [segments, query] = await Promise.all([cache.get<CachedSegments>(SEGMENTS_KEY), cache.get<MemberQuery>(QUERY_KEY)]);
        return { segments, query };
      } catch (error) {
        failed(error);
        return { segments: undefined, query: undefined };
      }
    },
  };
}

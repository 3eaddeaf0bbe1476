/**
 * The store's use of its `SegmentCache`: what is kept under which key (the
 * segment list, member pages, the write outbox), background writes, the
 * startup read, and the fallback to memory when the cache fails (quota).
 */
import type { SegmentCache } from '../cache.js';
import { SegkitError, toSegkitError } from '../errors.js';
import type { SegmentList } from '../model.js';
import type { Emitter } from './emitter.js';
import type { MutationRecord } from './mutation.js';
import type { StatusFlags } from './status.js';
import type { StoreEvents } from './types.js';

export const OUTBOX_KEY = 'outbox';
export const SEGMENTS_KEY = 'segments';

/** The cache key of page `page` of the query with key `queryKey`. */
export function pageKey(queryKey: string, page: number): string {
  return `members:${queryKey}:${page}`;
}

/** What the cache held when the store opened. */
export interface Saved {
  outbox: MutationRecord[] | undefined;
  segments: SegmentList | undefined;
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
  /**
   * Reads the outbox and the segment list and hands them to `restore`; a
   * failure (of the read or of `restore`) switches to memory. Resolves when done.
   */
  open(restore: (saved: Saved) => void): Promise<void>;
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
    async open(restore) {
      if (!cache) return;
      try {
        const [outbox, segments] = await Promise.all([
          cache.get<MutationRecord[]>(OUTBOX_KEY),
          cache.get<SegmentList>(SEGMENTS_KEY),
        ]);
        restore({ outbox, segments });
      } catch (error) {
        failed(error);
      }
    },
  };
}

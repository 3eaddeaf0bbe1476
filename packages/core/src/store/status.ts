/**
 * The store's status flags (loading, offline, stale and since when, paused,
 * last read error, cache state) and how a failed read is reported. `$status` is these flags with the
 * queue length and readiness (`statusView`).
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import { toSegkitError } from '../errors.js';
import type { Emitter } from './emitter.js';
import type { SegmentBase } from './projection.js';
import type { StoreEvents, StoreStatus } from './types.js';

export type Flags = Pick<StoreStatus, 'loading' | 'offline' | 'stale' | 'error' | 'cache' | 'cachedAt' | 'paused'>;

/** Owns the flags of `$status` that no other part derives. */
export interface StatusFlags {
  readonly $flags: ReadableAtom<Flags>;
  get(): Flags;
  set(patch: Partial<Flags>): void;
  /**
   * A read failed: `$status.error` shows it (and `offline` for a network
   * fault) and an `error` event names `action`. Aborted reads and reads
   * after `destroy()` are not reported.
   */
  readFailed(error: unknown, action: string): void;
  /**
   * Data shown now came from the cache (`part`: `segments`, `page:<n>`),
   * saved at `savedAt`: `$status.stale` is true and `cachedAt` the oldest
   * such time until every part is `fresh` again.
   */
  cached(part: string, savedAt: number | undefined): void;
  /** The parts named `part` (or starting with it, when it ends with `:`) are fresh from the backend, or no longer shown. */
  fresh(part: string): void;
}

export interface StatusFlagsOptions {
  offline: boolean;
  cache: StoreStatus['cache'];
  events: Emitter<StoreEvents>;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
}

export function createStatusFlags(options: StatusFlagsOptions): StatusFlags {
  const $flags = atom<Flags>({
    loading: false,
    offline: options.offline,
    stale: false,
    error: null,
    cache: options.cache,
    cachedAt: null,
    paused: null,
  });
  const set = (patch: Partial<Flags>) => $flags.set({ ...$flags.get(), ...patch });
  /** Parts shown from the cache, with when each was saved. */
  const cachedParts = new Map<string, number | null>();
  function showParts(): void {
    const times = [...cachedParts.values()].filter((t): t is number => t !== null);
    const stale = cachedParts.size > 0;
    const cachedAt = times.length ? Math.min(...times) : null;
    if ($flags.get().stale !== stale || $flags.get().cachedAt !== cachedAt) set({ stale, cachedAt });
  }
  return {
    $flags,
    get: () => $flags.get(),
    set,
    cached(part, savedAt) {
      cachedParts.set(part, typeof savedAt === 'number' && Number.isFinite(savedAt) ? savedAt : null);
      showParts();
    },
    fresh(part) {
      for (const name of [...cachedParts.keys()]) if (name === part || (part.endsWith(':') && name.startsWith(part))) cachedParts.delete(name);
      showParts();
    },
    readFailed(error, action) {
      const err = toSegkitError(error);
      if (err.code === 'aborted' || options.signal.aborted) return;
      set({ error: err, ...(err.code === 'network' || err.code === 'offline' ? { offline: true } : {}) });
      options.events.emit('error', { error: err, action });
    },
  };
}

/** `$status` from the flags, the number of queued writes and the confirmed segments. */
export function statusView(flags: Flags, pending: number, base: SegmentBase): StoreStatus {
  return {
    ready: base.loaded,
    loading: flags.loading,
    offline: flags.offline,
    pending,
    stale: flags.stale,
    error: flags.error,
    cache: flags.cache,
    cachedAt: flags.cachedAt,
    paused: flags.paused,
  };
}

/**
 * The store's status flags (loading, offline, stale, last read error, cache
 * state) and how a failed read is reported. `$status` is these flags with the
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
  return {
    $flags,
    get: () => $flags.get(),
    set,
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

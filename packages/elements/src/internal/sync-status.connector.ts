/**
 * Where the shown data stands, as the widgets say it quietly: the headless
 * piece behind "Updating…", "Offline: 3 changes waiting" and "Sign in again
 * to save 3 changes". It reads the store's `$status` and decides which one
 * notice applies, most urgent first; it never translates (renderers pick the
 * words). `segkit-member-table`, `segkit-segment-list` and
 * `segkit-segment-picker` render it with `renderSyncNotice`; a host drawing
 * its own UI renders `$state` its own way:
 *
 * ```tsx
 * const sync = createSyncStatusConnector(store);
 * function SyncLine() {
 *   const s = useStore(sync.$state); // @nanostores/react
 *   if (s.notice === 'paused') return <p role="status">Sign in again to save {s.waiting} changes <SignIn /></p>;
 *   if (s.notice === 'offline') return <p role="status">Offline: {s.waiting} changes waiting</p>;
 *   if (s.notice === 'updating') return <small title={`Saved ${ago(s.savedAt, s.now)}`}>Updating…</small>;
 *   return null; // fresh and online: nothing to say
 * }
 * ```
 */
import type { SegmentStore, StoreStatus } from '@segkit/core';
import { atom, computed, onMount } from 'nanostores';
import type { Connector } from './connector.js';

/**
 * The one thing to say, most urgent first:
 * - `paused`: the backend refused the credentials; the queued writes wait until the host signs in again (`store.resume()`);
 * - `offline`: the device is offline or the backend unreachable; writes wait and replay;
 * - `updating`: what is shown came from the cache and is being revalidated;
 * - `stale`: it came from the cache and could not be revalidated (the read failed while online).
 */
export type SyncNotice = 'paused' | 'offline' | 'updating' | 'stale';

export interface SyncStatusState {
  /** What to tell the user; null when the data is fresh, the store online and not paused (say nothing). */
  notice: SyncNotice | null;
  /** The shown data came from the cache and is not revalidated yet. */
  stale: boolean;
  /** The device is offline, or the backend cannot be reached. */
  offline: boolean;
  /** Why the queued writes wait for the host (`unauthorized`), or null. */
  paused: StoreStatus['paused'];
  /** Writes not confirmed yet ("3 changes waiting"). */
  waiting: number;
  /** When the shown data was saved in the cache (ms since the epoch), while it comes from the cache; else null. */
  savedAt: number | null;
  /** The clock when this state was made (ms); with `savedAt`, the cache's age. Moves every `tickMs` while `savedAt` is set. */
  now: number;
}

export interface SyncStatusOptions {
  /** The clock (default `Date.now`). */
  now?: () => number;
  /** While `savedAt` is set, `now` moves this often so an age on screen stays true (default 30,000 ms). */
  tickMs?: number;
}

export interface SyncStatusConnector extends Connector<SyncStatusState> {}

/** The notice a store status calls for (see `SyncNotice`), or null. */
export function syncNotice(status: Pick<StoreStatus, 'paused' | 'offline' | 'stale' | 'error'>): SyncNotice | null {
  if (status.paused) return 'paused';
  if (status.offline) return 'offline';
  if (status.stale) return status.error ? 'stale' : 'updating';
  return null;
}

/**
 * Creates the sync status connector over `store`. Subscribe to `$state` to
 * render; `destroy()` stops its clock (the store stays).
 */
export function createSyncStatusConnector(store: SegmentStore, options: SyncStatusOptions = {}): SyncStatusConnector {
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 30_000;
  let destroyed = false;
  // A tick counter: only moves while an age is shown, so a fresh store never re-renders on a timer.
  const $tick = atom(0);
  onMount($tick, () => {
    const timer = setInterval(() => {
      if (!destroyed && store.$status.get().cachedAt !== null) $tick.set($tick.get() + 1);
    }, tickMs);
    return () => clearInterval(timer);
  });
  const $state = computed([store.$status, $tick], (status): SyncStatusState => ({
    notice: syncNotice(status),
    stale: status.stale,
    offline: status.offline,
    paused: status.paused,
    waiting: status.pending,
    savedAt: status.cachedAt,
    now: now(),
  }));
  return {
    $state,
    destroy() {
      destroyed = true;
    },
  };
}

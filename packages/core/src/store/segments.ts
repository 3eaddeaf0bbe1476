/**
 * The segments: the confirmed list (from reads, the cache and the answers of
 * confirmed writes), the view `$segments` (confirmed + queue, decision 002),
 * reads that follow decision 004, and lookups by id.
 */
import { atom, computed, onMount, task } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import { SegkitError } from '../errors.js';
import type { SegmentList } from '../model.js';
import { UNASSIGNED_ID } from '../model.js';
import { UNASSIGNED_NAME } from '../rules.js';
import type { MutationRecord } from './mutation.js';
import { SEGMENTS_KEY } from './persistence.js';
import type { CachedSegments, StoreCache } from './persistence.js';
import type { SegmentBase } from './projection.js';
import { baseFromList, emptyBase, foldConfirmed, segmentViews } from './projection.js';
import type { WriteQueue } from './queue.js';
import type { StatusFlags } from './status.js';
import type { Connectivity, SegmentView } from './types.js';

export interface SegmentsOptions {
  adapter: Pick<SegmentsAdapter, 'listSegments'>;
  /** The write queue: projected onto the view, and asked whether a read overlapped a write. */
  queue: Pick<WriteQueue, 'mark' | 'quietSince'> & {
    /** The writes shown. */
    readonly $writes: ReadableAtom<readonly MutationRecord[]>;
    /** Every queued write (shown, or saving first): what input is checked against. */
    readonly $queued: ReadableAtom<readonly MutationRecord[]>;
  };
  flags: StatusFlags;
  cache: Pick<StoreCache, 'write'>;
  connectivity: Connectivity;
  now: () => number;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
  /** Resolves when the cache has been read (the first read waits for it). */
  ready: () => Promise<void>;
  /** Asks for a re-read once the write queue is idle. */
  refreshWhenIdle(): void;
}

/** Owns the confirmed segments and the view of them. */
export interface Segments {
  /** The confirmed state (no queued write applied). */
  readonly $base: ReadableAtom<SegmentBase>;
  /** Unassigned first, then by name; counts include queued writes. Loads on first mount. */
  readonly $segments: ReadableAtom<SegmentView[]>;
  /** Takes a list (from the backend or the cache) as the confirmed state. */
  apply(list: SegmentList): void;
  /** Shows the list the cache held (stale, saved at `savedAt`) unless one was read meanwhile. */
  restore(cached: CachedSegments): void;
  /** Reads the list (one read at a time); a read that overlapped a write does not replace the counts (decision 004). */
  load(): Promise<void>;
  /** Folds the answer of a confirmed write into the confirmed state and the cache. */
  confirm(write: MutationRecord, result: unknown): void;
  /** A segment as every queued write leaves it (what the next action is checked against). */
  byId(id: string): SegmentView | undefined;
  /** The stored segments as every queued write leaves them (Unassigned left out). */
  stored(): SegmentView[];
  /** The segment `id`, or a `reserved-segment` / `not-found` error. */
  require(id: string): SegmentView;
}

export function createSegments(options: SegmentsOptions): Segments {
  const { flags, queue } = options;
  const $base = atom<SegmentBase>(emptyBase());
  const $segments = computed([$base, queue.$writes], (base, writes) =>
    segmentViews(base, writes, new Date(options.now()).toISOString()),
  );
  let loading: Promise<void> | null = null;

  function apply(list: SegmentList): void {
    $base.set(baseFromList(list));
  }

  function load(): Promise<void> {
    if (loading) return loading;
    loading = task(async () => {
      const mark = queue.mark();
      flags.set({ loading: true });
      try {
        const list = await options.adapter.listSegments({ signal: options.signal });
        if (options.signal.aborted) return;
        const consistent = queue.quietSince(mark);
        if (consistent || !$base.get().loaded) {
          apply(list);
          save();
          flags.fresh('segments');
          flags.set({ error: null });
        }
        if (!consistent) options.refreshWhenIdle();
        if (options.connectivity.isOnline() && flags.get().offline) flags.set({ offline: false });
      } catch (error) {
        flags.readFailed(error, 'load-segments');
      } finally {
        flags.set({ loading: false });
        loading = null;
      }
    });
    return loading;
  }

  onMount($segments, () => {
    if (!$base.get().loaded || flags.get().stale) void task(() => options.ready().then(load));
  });

  let checked: { base: SegmentBase; queued: readonly MutationRecord[]; views: SegmentView[] } | null = null;

  /**
   * The view with every queued write applied, saved or not: the same as
   * `$segments` but for writes whose save to the outbox has not settled yet
   * (decision 011), so an action made right after another is checked against it.
   */
  function current(): SegmentView[] {
    const base = $base.get();
    const queued = queue.$queued.get();
    if (checked?.base !== base || checked.queued !== queued) {
      const views = queued.length === queue.$writes.get().length ? $segments.get() : segmentViews(base, queued, new Date(options.now()).toISOString());
      checked = { base, queued, views };
    }
    return checked.views;
  }

  function byId(id: string): SegmentView | undefined {
    return current().find((s) => s.id === id);
  }

  /** Caches the confirmed list, with when. */
  function save(): void {
    const base = $base.get();
    if (!base.loaded) return;
    const cached: CachedSegments = {
      items: [...base.segments.values()],
      unassignedCount: base.unassigned,
      totalMembers: base.total ?? 0,
      savedAt: options.now(),
    };
    options.cache.write(SEGMENTS_KEY, cached);
  }

  return {
    $base,
    $segments,
    apply,
    restore(cached) {
      if ($base.get().loaded || !Array.isArray(cached.items)) return;
      apply(cached);
      flags.cached('segments', cached.savedAt);
    },
    load,
    confirm(write, result) {
      $base.set(foldConfirmed($base.get(), write, result));
      save();
    },
    byId,
    stored: () => current().filter((s) => !s.system),
    require(id) {
      if (id === UNASSIGNED_ID) {
        throw new SegkitError('reserved-segment', `The ${UNASSIGNED_NAME} segment is built in and cannot be changed.`);
      }
      const segment = byId(id);
      if (!segment) throw new SegkitError('not-found', `There is no segment "${id}".`);
      return segment;
    },
  };
}

/**
 * The member window: the ordered result of the applied query, loaded page by
 * page for random access (`$members.at(i)`), with the queued writes projected
 * onto each row. Pages come from the cache at once when it has them, then
 * from the backend; the pages farthest from the one loaded last are dropped
 * beyond `maxPages`, except the pinned ones: the pages of the rows on screen
 * and of the focused row (`loadRange(start, end, { view: true, focus })`), and
 * those of a `loadRange` still running. A new range on screen cancels the
 * loads of pages that scrolled away (decision 028).
 */
import { atom, computed, onMount, task } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import { SegkitError, toSegkitError } from '../errors.js';
import type { Member, MemberQuery } from '../model.js';
import { UNASSIGNED_ID, filterKey } from '../model.js';
import type { MutationRecord } from './mutation.js';
import { pageKey } from './persistence.js';
import type { CachedPage, StoreCache } from './persistence.js';
import { forEachConfirmedChange, projectMember } from './projection.js';
import type { StatusFlags } from './status.js';
import type { LoadRangeOptions, MemberWindow } from './types.js';

export interface MemberWindowOptions {
  adapter: Pick<SegmentsAdapter, 'queryMembers'>;
  /** The queued writes, projected onto every row. */
  $writes: ReadableAtom<readonly MutationRecord[]>;
  query: MemberQuery;
  pageSize: number;
  maxPages: number;
  cache: Pick<StoreCache, 'usable' | 'read' | 'write'>;
  /** Resolves when the cache has been read (loads wait for it). */
  ready: () => Promise<void>;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
  readFailed(error: unknown, action: string): void;
  /** Asks for a re-read once the write queue is idle. */
  refreshWhenIdle(): void;
  /** Marks what is shown from the cache until it is fresh (`page:<n>`): `$status.stale` and `cachedAt`. */
  flags: Pick<StatusFlags, 'cached' | 'fresh'>;
  /** Clock in ms, to date cached pages. */
  now: () => number;
}

/** Owns the loaded pages and the members in them. */
export interface MemberWindowModel {
  /** Loads the first rows on first mount. */
  readonly $members: ReadableAtom<MemberWindow>;
  /** The query shown. */
  query(): MemberQuery;
  /** The key of the query shown (`filterKey`). */
  key(): string;
  /** Members matching the query, once a page has told. */
  total(): number | null;
  /** A member as last loaded (confirmed state, no queued write applied). */
  member(id: string): Member | undefined;
  /** Makes sure rows [start, end) are loaded; with `view`, they are the rows on screen (pinned, with `focus`). */
  loadRange(start: number, end: number, options?: LoadRangeOptions): Promise<void>;
  /** Re-reads the pages of the last range asked for and the pinned ones, and drops the others. */
  revalidate(): Promise<void>;
  /** Shows another query: drops every page, keeps the height of the range and reloads it if mounted. */
  show(query: MemberQuery): void;
  /** Folds a confirmed write into the loaded members (exactly who changed); asks for a re-read when rows may enter or leave the query. */
  applyConfirmed(write: MutationRecord, result: unknown): void;
  /** Tells `$members` to recompute (e.g. a write left the queue). */
  touch(): void;
}

interface WindowState {
  query: MemberQuery;
  key: string;
  total: number | null;
  pages: Map<number, string[]>;
  loading: Map<number, AbortController>;
  error: SegkitError | null;
  generation: number;
  /** The last range the UI asked for, [start, end). */
  range: [number, number];
  /** Pages never evicted: those of the rows on screen and of the focused row, [first, last] and one page (or null). */
  view: { first: number; last: number; focus: number | null };
  /** Page spans [first, last] of the `loadRange` calls still running that are not the view (e.g. a Shift range). */
  busy: Set<[number, number]>;
}

export function createMemberWindow(options: MemberWindowOptions): MemberWindowModel {
  const { pageSize, maxPages, cache, signal: lifetime } = options;
  const known = new Map<string, Member>();
  const $rows = atom(0); // bumped when pages or known members change
  const win: WindowState = {
    query: options.query,
    key: filterKey(options.query),
    total: null,
    pages: new Map(),
    loading: new Map(),
    error: null,
    generation: 0,
    range: [0, pageSize],
    view: { first: 0, last: -1, focus: null },
    busy: new Set(),
  };
  const touch = () => $rows.set($rows.get() + 1);
  const pageOf = (row: number) => Math.floor(row / pageSize);

  /** A page that must stay: on screen, the focused row's, or in a range being loaded. */
  function pinned(page: number): boolean {
    const { view } = win;
    if ((page >= view.first && page <= view.last) || page === view.focus) return true;
    for (const [first, last] of win.busy) if (page >= first && page <= last) return true;
    return false;
  }

  const $members = computed([$rows, options.$writes], (_rows, writes): MemberWindow => {
    const memo = new Map<number, Member | undefined>();
    const { pages, total, key, error } = win;
    return {
      key,
      total,
      pageSize,
      loading: win.loading.size > 0,
      error,
      pages: [...pages.keys()].sort((a, b) => a - b),
      at(index) {
        if (memo.has(index)) return memo.get(index);
        const id = pages.get(Math.floor(index / pageSize))?.[index % pageSize];
        const member = id === undefined ? undefined : known.get(id);
        const row = member && projectMember(member, writes);
        memo.set(index, row);
        return row;
      },
    };
  });

  const part = (page: number) => `page:${page}`;

  function reset(query: MemberQuery): void {
    options.flags.fresh('page:');
    for (const controller of win.loading.values()) controller.abort();
    win.loading.clear();
    win.query = query;
    win.key = filterKey(query);
    win.total = null;
    win.pages.clear();
    win.error = null;
    win.generation += 1;
    known.clear();
    touch();
  }

  function fetchPage(page: number, force = false): Promise<void> {
    if (win.loading.has(page) || (!force && win.pages.has(page))) return Promise.resolve();
    return task(() => fetchPageNow(page));
  }

  async function fetchPageNow(page: number): Promise<void> {
    const generation = win.generation;
    const query = win.query;
    const key = win.key;
    const controller = new AbortController();
    const signal = AbortSignal.any ? AbortSignal.any([controller.signal, lifetime]) : controller.signal;
    win.loading.set(page, controller);
    touch();
    if (cache.usable() && !win.pages.has(page)) {
      // Shown before any network answer; the fresh page replaces it in one go (no blank, no jump).
      const cached = await cache.read<CachedPage>(pageKey(key, page));
      if (cached && Array.isArray(cached.items) && generation === win.generation && !win.pages.has(page)) {
        storePage(page, cached.items, cached.total);
        options.flags.cached(part(page), cached.savedAt);
      }
    }
    try {
      const result = await options.adapter.queryMembers(query, { offset: page * pageSize, limit: pageSize }, { signal });
      if (generation !== win.generation) return;
      storePage(page, result.items, result.total);
      options.flags.fresh(part(page));
      win.error = null;
      cache.write(pageKey(key, page), { total: result.total, items: result.items, savedAt: options.now() } satisfies CachedPage);
    } catch (error) {
      if (generation !== win.generation) return;
      const err = toSegkitError(error);
      if (err.code !== 'aborted') win.error = err;
      options.readFailed(err, 'load-members');
    } finally {
      // A cancelled load already left `loading` (and a newer load of the page may be there now).
      if (generation === win.generation && win.loading.get(page) === controller) {
        win.loading.delete(page);
        touch();
      }
    }
  }

  /** Cancels the loads of pages that are no longer pinned (they scrolled away). */
  function cancelUnpinned(): void {
    for (const [page, controller] of win.loading) {
      if (pinned(page)) continue;
      win.loading.delete(page);
      controller.abort();
    }
  }

  function storePage(page: number, items: Member[], total: number): void {
    for (const member of items) known.set(member.id, member);
    win.pages.set(page, items.map((m) => m.id));
    win.total = total;
    // Keep memory bounded while scrolling through 100k rows: drop the pages farthest from this one,
    // never a pinned one (the rows on screen, the focused row: dropping them would reload them, and
    // that reload would drop the others: a ping-pong).
    if (win.pages.size > maxPages) {
      const far = [...win.pages.keys()].filter((p) => !pinned(p)).sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
      for (const p of far.slice(0, win.pages.size - maxPages)) {
        win.pages.delete(p);
        options.flags.fresh(part(p));
      }
    }
    touch();
  }

  function loadRange(start: number, end: number, options: LoadRangeOptions = {}): Promise<void> {
    const focus = options.focus ?? null;
    for (const [name, value] of [['start', start], ['end', end], ['focus', focus ?? 0]] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        const error = new SegkitError('invalid-input', `loadRange: "${name}" must be a finite row index of 0 or more.`, {
          field: name,
        });
        return Promise.reject(error);
      }
    }
    return task(() => loadRangeNow(start, end, options.view === true, focus));
  }

  async function loadRangeNow(start: number, end: number, view: boolean, focus: number | null): Promise<void> {
    await options.ready();
    const from = Math.floor(start);
    // At most the pages the window keeps (maxPages) and, once known, the rows there are.
    let to = Math.min(Math.max(from + 1, Math.ceil(end)), (pageOf(from) + maxPages) * pageSize);
    if (win.total !== null) to = Math.min(to, Math.max(win.total, 1));
    win.range = [from, to];
    const first = pageOf(from);
    const last = pageOf(to - 1);
    const wanted = [];
    for (let p = first; p <= last; p += 1) wanted.push(p);
    const span: [number, number] = [first, last];
    if (view) {
      const focusPage = focus === null || (win.total !== null && focus >= win.total) ? null : pageOf(focus);
      win.view = { first, last, focus: focusPage };
      if (focusPage !== null && !wanted.includes(focusPage)) wanted.push(focusPage);
      cancelUnpinned();
    } else {
      win.busy.add(span);
    }
    try {
      await Promise.all(wanted.map((p) => fetchPage(p)));
    } finally {
      win.busy.delete(span);
    }
  }

  onMount($members, () => {
    if (win.pages.size === 0) void loadRange(win.range[0], win.range[1]);
  });

  return {
    $members,
    query: () => win.query,
    key: () => win.key,
    total: () => win.total,
    member: (id) => known.get(id),
    loadRange,
    async revalidate() {
      const [from, to] = win.range;
      const first = pageOf(from);
      const last = pageOf(Math.max(from + 1, to) - 1);
      const keep = (p: number) => (p >= first && p <= last) || pinned(p);
      for (const p of [...win.pages.keys()]) {
        if (keep(p)) continue;
        win.pages.delete(p);
        options.flags.fresh(part(p));
      }
      const loads: Promise<void>[] = [];
      for (let p = first; p <= last; p += 1) loads.push(fetchPage(p, true));
      for (const p of win.pages.keys()) if (p < first || p > last) loads.push(fetchPage(p, true));
      await Promise.all(loads);
    },
    show(query) {
      reset(query);
      win.range = [0, Math.max(pageSize, win.range[1] - win.range[0])];
      if ($members.lc > 0) void loadRange(win.range[0], win.range[1]);
    },
    applyConfirmed(write, result) {
      // Only the loaded members change (a few pages): the answer may name 100,000, so nothing is built per id.
      const changed = new Set<string>();
      forEachConfirmedChange(write, result, (id, segmentId, added) => {
        const member = known.get(id);
        if (!member) return;
        changed.add(id);
        const ids = added
          ? member.segmentIds.includes(segmentId)
            ? member.segmentIds
            : [...member.segmentIds, segmentId]
          : member.segmentIds.filter((s) => s !== segmentId);
        known.set(id, { ...member, segmentIds: ids });
      });
      // The cached pages holding them follow, so a reload does not show the old chips.
      for (const [page, ids] of win.pages) {
        if (!ids.some((id) => changed.has(id))) continue;
        const items = ids.map((id) => known.get(id)).filter((m): m is Member => m !== undefined);
        cache.write(pageKey(win.key, page), { total: win.total ?? items.length, items, savedAt: options.now() } satisfies CachedPage);
      }
      // Rows may now enter or leave the applied filter: re-read the visible pages when the queue is idle.
      // A delete moves its members who were in no other segment to Unassigned.
      const { query } = win;
      const rules = [...query.include, ...query.exclude];
      const moved =
        write.kind === 'membership'
          ? rules.length > 0
          : write.kind === 'delete-segment' && (rules.includes(UNASSIGNED_ID) || rules.includes(write.segmentId!));
      if (moved || (query.sort.key === 'segments' && (write.kind === 'membership' || write.kind === 'delete-segment'))) {
        options.refreshWhenIdle();
      }
    },
    touch,
  };
}

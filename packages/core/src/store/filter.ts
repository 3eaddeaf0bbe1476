/**
 * The filter: the draft being edited (`$draft`) and the query the member
 * window shows (`$query`: the applied filter, search and sort). Changing the
 * applied query is reported once to `onQuery`, which resets what depends on it.
 */
import { atom } from 'nanostores';
import { SegkitError } from '../errors.js';
import type { MemberFilter, MemberQuery } from '../model.js';
import { emptyFilter, emptyQuery, filterKey } from '../model.js';
import type { SegmentStore } from './types.js';

export interface FilterOptions {
  /** The applied query changed (not called when a change leaves it equal). */
  onQuery(query: MemberQuery): void;
}

/** Owns `$draft` and `$query`; the filter actions are the store's own (see `SegmentStore`). */
export interface FilterModel
  extends Pick<SegmentStore, '$draft' | '$query' | 'setDraft' | 'apply' | 'reset' | 'setSearch' | 'setSort' | 'applyFilter'> {
  /** A segment was deleted: it leaves the draft and the applied query. */
  dropSegment(segmentId: string): void;
  /** Shows the query applied when the cache was last written, unless the query was set since the store was made. */
  restore(query: MemberQuery): void;
}

/**
 * `patch` over `base` as a clean filter: ids once each, a segment never both
 * included and excluded (the one the patch names wins), match checked.
 */
export function cleanFilter(patch: Partial<MemberFilter>, base: MemberFilter): MemberFilter {
  const next = { ...base, ...patch };
  if (next.match !== 'any' && next.match !== 'all') {
    throw new SegkitError('invalid-input', 'Match is "any" or "all".', { field: 'match' });
  }
  return {
    include: [...new Set(next.include)],
    // A segment cannot be both included and excluded: the latest choice wins.
    exclude: [...new Set(next.exclude)].filter((id) => !(patch.include ?? []).includes(id) || (patch.exclude ?? []).includes(id)),
    match: next.match,
    search: String(next.search ?? ''),
    attributes: [...(next.attributes ?? [])],
  };
}

/** `filter` without `segmentId` in include and exclude. */
function without<T extends MemberFilter>(filter: T, segmentId: string): T {
  return {
    ...filter,
    include: filter.include.filter((id) => id !== segmentId),
    exclude: filter.exclude.filter((id) => id !== segmentId),
  };
}

export function createFilter(options: FilterOptions): FilterModel {
  const $draft = atom<MemberFilter>(emptyFilter());
  const $query = atom<MemberQuery>(emptyQuery());

  /** The applied query was set (by the host or the user) since the store was made. */
  let touched = false;

  function setQuery(query: MemberQuery): void {
    touched = true;
    if (filterKey(query) === filterKey($query.get())) return;
    $query.set(query);
    options.onQuery(query);
  }

  const mentions = (filter: MemberFilter, segmentId: string) =>
    filter.include.includes(segmentId) || filter.exclude.includes(segmentId);

  return {
    $draft,
    $query,
    setDraft(patch) {
      $draft.set(cleanFilter(patch, $draft.get()));
    },
    apply() {
      setQuery({ ...$draft.get(), sort: $query.get().sort });
    },
    reset() {
      $draft.set(emptyFilter());
      setQuery({ ...emptyFilter(), sort: $query.get().sort });
    },
    setSearch(search) {
      $draft.set({ ...$draft.get(), search });
      setQuery({ ...$query.get(), search });
    },
    setSort(sort) {
      setQuery({ ...$query.get(), sort: { key: sort.key, dir: sort.dir === 'desc' ? 'desc' : 'asc' } });
    },
    applyFilter(patch) {
      const filter = cleanFilter(patch, emptyFilter());
      $draft.set(filter);
      setQuery({ ...filter, sort: $query.get().sort });
    },
    restore(saved) {
      if (touched) return;
      try {
        const filter = cleanFilter(saved, emptyFilter());
        const sort = saved.sort && typeof saved.sort.key === 'string' ? { key: saved.sort.key, dir: saved.sort.dir === 'desc' ? 'desc' : 'asc' } as const : $query.get().sort;
        $draft.set(filter);
        setQuery({ ...filter, sort });
      } catch {
        // Not a query (an older or damaged record): keep the default.
      }
    },
    dropSegment(segmentId) {
      const draft = $draft.get();
      if (mentions(draft, segmentId)) $draft.set(without(draft, segmentId));
      const query = $query.get();
      if (mentions(query, segmentId)) setQuery(without(query, segmentId));
    },
  };
}

/**
 * The member table's logic over the store, rendering nothing (a connector, in
 * InstantSearch's words): what the table shows (state, sort, selection of a
 * page) and what a user's action does to the store. A React or Vue table can
 * be built on these functions and the store alone.
 */
import type { Member, MemberFilter, MemberSort, SegkitError, SegmentStore, SortKey } from '@segkit/core';
import type { SegkitSelectionChangeDetail } from '../events/selection-change.js';

/** `aria-checked` of a checkbox that stands for several rows. */
export type CheckState = 'true' | 'false' | 'mixed';

export interface MemberTableView {
  /** Members matching the applied query; null until the first page arrives. */
  total: number | null;
  /** A page of members is loading (or the first one has not arrived yet). */
  loading: boolean;
  /** The last failed read of members, or null. */
  error: SegkitError | null;
  offline: boolean;
  /** The applied query matches no member. */
  empty: boolean;
  /** The applied query has a search or a filter (so "Reset" would show more). */
  filtered: boolean;
  sort: MemberSort;
  search: string;
  selectedCount: number;
  /** The selection is "every member matching the query" (minus exceptions). */
  allMatching: boolean;
}

export function isFiltered(filter: MemberFilter): boolean {
  return Boolean(filter.search.trim() || filter.include.length || filter.exclude.length || filter.attributes.length);
}

export function tableView(store: SegmentStore): MemberTableView {
  const window = store.$members.get();
  const query = store.$query.get();
  const status = store.$status.get();
  const error = window.error;
  return {
    total: window.total,
    loading: window.loading || (window.total === null && !error),
    error,
    offline: status.offline,
    empty: window.total === 0,
    filtered: isFiltered(query),
    sort: query.sort,
    search: query.search,
    selectedCount: store.$selectedCount.get(),
    allMatching: store.$selection.get().mode === 'query',
  };
}

/** Clicking a header: the same key flips the direction, another key sorts ascending. */
export function nextSort(current: MemberSort, key: SortKey): MemberSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** The selection as the `segkit-selection-change` event reports it. */
export function selectionDetail(store: SegmentStore): SegkitSelectionChangeDetail {
  const selection = store.$selection.get();
  const count = store.$selectedCount.get();
  return selection.mode === 'ids'
    ? { mode: 'ids', count, ids: [...selection.ids] }
    : { mode: 'query', count, filter: selection.filter, except: [...selection.except] };
}

/** The loaded members among `indices`, with their row index. */
export function loadedRows(store: SegmentStore, indices: Iterable<number>): Array<{ index: number; member: Member }> {
  const window = store.$members.get();
  const rows: Array<{ index: number; member: Member }> = [];
  for (const index of indices) {
    const member = window.at(index);
    if (member) rows.push({ index, member });
  }
  return rows;
}

/** Every row of `[start, end)` is loaded. */
export function rangeLoaded(store: SegmentStore, start: number, end: number): boolean {
  const window = store.$members.get();
  for (let i = start; i < end; i += 1) if (!window.at(i)) return false;
  return true;
}

/**
 * The header checkbox over a page of rows: checked when every loaded row of
 * the page is selected, mixed when some member is selected (here or
 * elsewhere), unchecked when none is.
 */
export function pageCheckState(store: SegmentStore, indices: Iterable<number>): CheckState {
  const rows = loadedRows(store, indices);
  if (rows.length > 0 && rows.every((row) => store.isSelected(row.member.id))) return 'true';
  return store.$selectedCount.get() > 0 || rows.some((row) => store.isSelected(row.member.id)) ? 'mixed' : 'false';
}

/** The header checkbox: a fully selected page is deselected, otherwise the page is selected. */
export function togglePage(store: SegmentStore, indices: Iterable<number>): void {
  const list = [...indices];
  const rows = loadedRows(store, list);
  if (rows.length === 0) return;
  const select = pageCheckState(store, list) !== 'true';
  store.select(
    rows.map((row) => row.member.id),
    select,
  );
}

/**
 * A click on a row's checkbox (or Space on the row): toggles it and makes it
 * the anchor; with `range` (Shift), sets every row from the anchor to this one
 * to this row's new state. Resolves false when the row is not loaded.
 */
export async function toggleRow(store: SegmentStore, index: number, options: { range?: boolean } = {}): Promise<boolean> {
  const member = store.$members.get().at(index);
  if (!member) return false;
  if (options.range && store.$selection.get().anchor !== null) await store.selectRange(index, !store.isSelected(member.id));
  else store.toggle(member.id, index);
  return true;
}

/**
 * Shift+Space, Shift+Arrow: selects every row from the anchor to `index`.
 * Without an anchor yet, `from` (the row the focus left) becomes the anchor;
 * without either, `index` itself.
 */
export async function extendSelection(store: SegmentStore, index: number, from?: number): Promise<void> {
  if (store.$selection.get().anchor === null && from !== undefined) await store.selectRange(from, true);
  await store.selectRange(index, true);
}

/** Calls `run` with the last value once `ms` have passed without a new one. */
export class Debouncer<T> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #value: T | undefined;
  readonly #run: (value: T) => void;
  readonly #ms: number;

  constructor(run: (value: T) => void, ms: number) {
    this.#run = run;
    this.#ms = ms;
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  call(value: T): void {
    this.#value = value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#ms);
  }

  /** Runs a pending call now. */
  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#run(this.#value as T);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

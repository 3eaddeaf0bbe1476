/**
 * The member table without its rendering: the headless connector that
 * `segkit-member-table` draws, and that a React, Vue or Svelte app can draw
 * its own way (`@segkit/elements/headless`).
 *
 * It holds the table's data side over a store: the member window (rows by
 * index out of 100,000+, loaded page by page as the user scrolls), sort and
 * search, the states (loading, error, offline, empty), and selection (one
 * row, a Shift range, the page on screen, "all N matching", clear). It knows
 * nothing of the DOM: the renderer measures its scroller and says which rows
 * are on screen (`setRange`), and keeps focus and keyboard navigation
 * (`gridCommand` and the `virtual-rows` functions help there).
 *
 * ```tsx
 * const table = createMemberTableConnector(store, { onSelectionChange: (detail) => track(detail.count) });
 * function MemberTable() {
 *   const s = useStore(table.$state); // @nanostores/react
 *   // Your virtualizer reports the rows on screen: table.setRange(rendered, visible).
 *   const rows = [];
 *   for (let i = s.rendered.start; i < s.rendered.end; i++) {
 *     const member = s.at(i);
 *     rows.push(member
 *       ? <Row key={i} member={member} checked={s.isSelected(member.id)} onCheck={(e) => table.toggleRow(i, { range: e.shiftKey })} />
 *       : <Placeholder key={i} />);
 *   }
 *   return <>
 *     <input type="search" value={s.searchText} onChange={(e) => table.setSearch(e.target.value)} />
 *     {s.selectedCount > 0 && !s.allMatching && <button onClick={table.selectAllMatching}>Select all {s.total}</button>}
 *     {s.error && <p role="alert">{s.error.code} <button onClick={table.retry}>Try again</button></p>}
 *     {rows}
 *   </>;
 * }
 * ```
 *
 * It never translates: errors are `SegkitError`s (switch on `code`).
 */
import { SegkitError, isSegkitError, toSegkitError } from '@segkit/core';
import type { Member, MemberSort, SegmentStore, SegmentView, SortKey } from '@segkit/core';
import { atom, computed, onMount } from 'nanostores';
import type { SegkitSelectionChangeDetail } from '../events/selection-change.js';
import type { Connector } from '../internal/connector.js';
import { Debouncer, isFiltered, loadedMembers, nextSort, sameSelection, selectionDetail, selectionHas, summarizePage } from './table-model.js';
import type { CheckState } from './table-model.js';
import { NO_ROWS } from './virtual-rows.js';
import type { RowRange } from './virtual-rows.js';

/** Search is sent to the store this long after the last keystroke (ms). */
export const SEARCH_DEBOUNCE_MS = 200;
/**
 * @deprecated Rows are no longer throttled: the rows on screen are requested
 * in the same task the range moves (decision 028). Kept so imports still
 * work; nothing reads it.
 */
export const LOAD_THROTTLE_MS = 80;

export interface MemberTableOptions {
  /** Pause after the last keystroke before the search is applied (default 200 ms). */
  searchDebounceMs?: number;
  /** @deprecated Ignored: the rows on screen are requested at once, once per task, and the loads of rows that scrolled away are cancelled (decision 028). */
  loadThrottleMs?: number;
  /** Called when one of the connector's selection actions changed who is selected (the element fires `segkit-selection-change`). */
  onSelectionChange?(detail: SegkitSelectionChangeDetail): void;
}

/** Everything a table renders, as one immutable snapshot (a new object on every change). */
export interface MemberTableState<M extends Member = Member> {
  /** Identifies the applied query; changes with it (a renderer scrolls back to the top then). */
  queryKey: string;
  /** Members matching the applied query; null until its first page arrives. */
  total: number | null;
  /**
   * Rows to lay out: `total`, or, while the next query's first page loads, the
   * last known total (so the rows, and the focus in them, stay put); null
   * before anything is known.
   */
  rowCount: number | null;
  /** The member at a row index (0-based, pending changes applied); undefined until its page is loaded (show a placeholder). */
  at(index: number): M | undefined;
  /** Rows per page, and the indices of the pages loaded (a page is `pageSize` rows from `index * pageSize`). */
  pageSize: number;
  pages: readonly number[];
  /** The rows on screen, as given to `setRange`: `rendered` (with overscan) and `visible` (the header checkbox's page). */
  rendered: RowRange;
  visible: RowRange;

  /** A page is loading, or visible rows are not loaded yet: show `aria-busy`. */
  loading: boolean;
  /** No row count yet: the first page of the first query is loading (show placeholder rows). */
  firstLoad: boolean;
  /** Why members could not be loaded (retry with `retry()`), or null. */
  error: SegkitError | null;
  /** The store is offline: changes wait in its queue. */
  offline: boolean;
  /** The applied query matches no member. */
  empty: boolean;
  /** The applied query has a search or a filter (so `reset()` would show more). */
  filtered: boolean;

  sort: MemberSort;
  /** The search box's text: what the user is typing (applied after a pause), else the applied search. */
  searchText: string;
  /** Segments by id, for chips (names, colours). */
  segments: ReadonlyMap<string, SegmentView>;

  /** Whether a member is selected (in "all matching", every member not unticked). */
  isSelected(id: string): boolean;
  /** Members selected (in "all matching", the matching total minus the unticked). */
  selectedCount: number;
  /** The selection is "all N matching" the applied query (sent to the backend as the query itself). */
  allMatching: boolean;
  /** The header checkbox over the visible rows (`aria-checked`): all loaded rows selected, some member selected, or none. */
  pageChecked: CheckState;
  /** The selection is exactly the visible loaded rows ("5 selected on this page"). */
  pageOnly: boolean;
  /** Why the last selection action failed (e.g. a Shift range wider than the store allows), or null; the next one clears it. */
  selectionError: SegkitError | null;
}

export interface MemberTableConnector<M extends Member = Member> extends Connector<MemberTableState<M>> {
  /**
   * The rows on screen: `rendered` (visible plus overscan) and `visible`
   * (default: `rendered`), the page the header checkbox acts on; `focus`, the
   * row that holds the focus (or the tab stop), wherever it is (null: none;
   * left out: unchanged). When any of
   * them moved (or the query changed), the store is asked for them once, at
   * the end of the current task (several calls in one task make one
   * request), or at once with `immediate`: it loads what is missing, keeps
   * their pages (the focused row's too) and cancels the loads of rows that
   * scrolled away (`loadRange(start, end, { view: true, focus })`).
   */
  setRange(rendered: RowRange, visible?: RowRange, options?: { immediate?: boolean; focus?: number | null }): void;
  /**
   * The store's load of the rows on screen while it runs (a range told by `setRange` but not sent yet
   * is sent now), else null. Resolves (never rejects) when they are in `$state` or failed. A renderer
   * may wait for it a moment: rows that arrive within the same task (a memory adapter, a cache) then
   * show at once, with no placeholders drawn and torn down in between.
   */
  viewLoad(): Promise<void> | null;
  /** The search box changed: `searchText` follows at once, the store's query after `searchDebounceMs`. */
  setSearch(text: string): void;
  /** Applies the typed search now (Enter). */
  submitSearch(): void;
  /** A header click: sorts by `key`, ascending; the same key again flips the direction. */
  sortBy(key: SortKey): void;
  /** Clears the search and the filter (the empty state's "Reset"). */
  reset(): void;
  /** Loads again after an error ("Try again"); a new failure shows in `error`. */
  retry(): Promise<void>;
  /** A row's checkbox (or Space): toggles it and makes it the anchor; with `range` (Shift) sets the rows from the anchor to it to its new state. Not-loaded rows are ignored. */
  toggleRow(index: number, options?: { range?: boolean }): Promise<void>;
  /** Shift+Arrow, Shift+Space: selects the rows from the anchor (else `from`, else `index`) to `index`. */
  extendSelection(index: number, from?: number): Promise<void>;
  /** The header checkbox: a fully selected page is deselected, otherwise the page's loaded rows are selected. */
  togglePage(): Promise<void>;
  /** "Select all N matching": every member of the applied query, across pages. */
  selectAllMatching(): Promise<void>;
  clearSelection(): Promise<void>;
}

const sameRange = (a: RowRange, b: RowRange) => a.start === b.start && a.end === b.end;

/**
 * Store rejections are `SegkitError`s, maybe of another copy of segkit (kept,
 * code and details, as one of this copy); anything else is reported as invalid
 * input, with the original as `cause`.
 */
function asSegkitError(error: unknown): SegkitError {
  return isSegkitError(error) ? toSegkitError(error) : new SegkitError('invalid-input', String(error), { cause: error });
}

/**
 * Creates the member table's connector over `store`. Subscribe to `$state`
 * to render; call `destroy()` when done (it stops timers; the store stays).
 */
export function createMemberTableConnector<M extends Member = Member>(
  store: SegmentStore,
  options: MemberTableOptions = {},
): MemberTableConnector<M> {
  const $range = atom<{ rendered: RowRange; visible: RowRange }>({ rendered: NO_ROWS, visible: NO_ROWS });
  const $selectionError = atom<SegkitError | null>(null);

  // The search box: what the user types wins until the debounce sends it; a
  // search applied elsewhere (e.g. by a segment filter) shows when none is pending.
  const search = new Debouncer<string>((text) => store.setSearch(text), options.searchDebounceMs ?? SEARCH_DEBOUNCE_MS);
  const $searchText = atom(store.$query.get().search);
  let seenSearch = $searchText.get();
  onMount($searchText, () =>
    store.$query.subscribe((query) => {
      if (query.search === seenSearch) return;
      seenSearch = query.search;
      if (!search.pending) $searchText.set(query.search);
    }),
  );

  const $segments = computed(store.$segments, (segments): ReadonlyMap<string, SegmentView> => new Map(segments.map((s) => [s.id, s])));

  // The last known total outlives its query: while the next query's first
  // page loads, the rows stay laid out (`rowCount`); an error forgets it.
  let lastTotal: number | null = null;
  const $state = computed(
    [store.$members, store.$query, store.$status, store.$selection, store.$selectedCount, $segments, $range, $searchText, $selectionError],
    (win, query, status, selection, selectedCount, segments, range, searchText, selectionError): MemberTableState<M> => {
      if (win.total !== null) lastTotal = win.total;
      else if (win.error) lastTotal = null;
      const at = win.at as (index: number) => M | undefined;
      const isSelected = (id: string) => selectionHas(selection, id);
      const page = summarizePage(at, isSelected, selectedCount, range.visible);
      const rowCount = win.total ?? lastTotal;
      return {
        queryKey: win.key,
        total: win.total,
        rowCount,
        at,
        pageSize: win.pageSize,
        pages: win.pages,
        rendered: range.rendered,
        visible: range.visible,
        loading: win.loading || (win.total === null && !win.error) || !page.complete,
        firstLoad: rowCount === null && !win.error,
        error: win.error,
        offline: status.offline,
        empty: win.total === 0,
        filtered: isFiltered(query),
        sort: query.sort,
        searchText,
        segments,
        isSelected,
        selectedCount,
        allMatching: selection.mode === 'query',
        pageChecked: page.checked,
        pageOnly: page.only,
        selectionError,
      };
    },
  );

  let destroyed = false;
  /** The focused row, as given to `setRange`. */
  let focusRow: number | null = null;
  /** What the store was last told is on screen (query, rows, focus), so an unchanged view is not sent again. */
  let told = '';
  let queued = false;
  /** The view's `loadRange` while it runs. */
  let viewLoad: Promise<void> | null = null;

  /** Tells the store which rows are on screen, once per task: it loads what is missing and keeps their pages (load errors show in `error`). */
  function tellStore(): void {
    queued = false;
    if (destroyed) return;
    const { start, end } = $range.get().rendered;
    const view = `${store.$members.get().key} ${start} ${end} ${focusRow}`;
    if (view === told || (end <= start && focusRow === null)) return;
    told = view;
    const [from, to] = end > start ? [start, end] : [focusRow!, focusRow! + 1];
    const load = store.loadRange(from, to, { view: true, focus: focusRow }).catch(() => undefined);
    viewLoad = load;
    void load.then(() => {
      if (viewLoad === load) viewLoad = null;
    });
  }

  /** Runs a user's selection action: reports its error, and the new selection when it changed. */
  async function changeSelection(action: () => unknown): Promise<void> {
    if (destroyed) return;
    const before = store.$selection.get();
    $selectionError.set(null);
    try {
      await action();
    } catch (error) {
      $selectionError.set(asSegkitError(error));
    }
    const after = store.$selection.get();
    if (!sameSelection(before, after)) options.onSelectionChange?.(selectionDetail(after, store.$selectedCount.get()));
  }

  const memberAt = (index: number) => store.$members.get().at(index);

  return {
    $state,

    setRange(rendered, visible = rendered, { immediate = false, focus } = {}) {
      const current = $range.get();
      if (!sameRange(current.rendered, rendered) || !sameRange(current.visible, visible)) $range.set({ rendered, visible });
      if (focus !== undefined) focusRow = focus !== null && focus >= 0 ? focus : null;
      if (immediate) tellStore();
      else if (!queued) {
        // Coalesced per task (scroll events come once a frame): one request, sent before the frame paints.
        queued = true;
        queueMicrotask(tellStore);
      }
    },

    viewLoad() {
      if (queued) tellStore();
      return viewLoad;
    },

    setSearch(text) {
      $searchText.set(text);
      search.call(text);
    },

    submitSearch() {
      search.flush();
    },

    sortBy(key) {
      store.setSort(nextSort(store.$query.get().sort, key));
    },

    reset() {
      search.cancel();
      $searchText.set('');
      store.reset();
    },

    retry() {
      return store.refresh().catch(() => undefined);
    },

    toggleRow(index, { range = false } = {}) {
      return changeSelection(async () => {
        const member = memberAt(index);
        if (!member) return;
        if (range && store.$selection.get().anchor !== null) await store.selectRange(index, !store.isSelected(member.id));
        else store.toggle(member.id, index);
      });
    },

    extendSelection(index, from) {
      return changeSelection(async () => {
        if (store.$selection.get().anchor === null && from !== undefined) await store.selectRange(from, true);
        await store.selectRange(index, true);
      });
    },

    togglePage() {
      return changeSelection(() => {
        const members = loadedMembers(memberAt, $range.get().visible);
        if (members.length === 0) return;
        const select = $state.get().pageChecked !== 'true';
        store.select(members.map((member) => member.id), select);
      });
    },

    selectAllMatching() {
      return changeSelection(() => store.selectAllMatching());
    },

    clearSelection() {
      return changeSelection(() => store.clearSelection());
    },

    destroy() {
      destroyed = true;
      search.cancel();
    },
  };
}

import type { Member, SegmentStore, SegmentView } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { cssProps } from '../internal/css-props.js';
import { SegkitSelectionChangeEvent } from '../events/selection-change.js';
import { formatNumber } from '../internal/strings.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { controls, tokens } from '../internal/theme.js';
import { DEFAULT_WIDTH, SELECT_WIDTH, defaultColumns, minTrackWidth, renderByKey, sortKeyOf } from './columns.js';
import type { CellContext, MemberTableColumn } from './columns.js';
import { gridCommand } from './grid-keys.js';
import type { GridPosition } from './grid-keys.js';
import { memberTableStrings } from './strings.js';
import { memberTableStyles } from './styles.js';
import {
  Debouncer,
  extendSelection,
  loadedRows,
  nextSort,
  pageCheckState,
  rangeLoaded,
  selectionDetail,
  tableView,
  togglePage,
  toggleRow,
} from './table-model.js';
import type { MemberTableView } from './table-model.js';
import { VirtualWindowController, assignSlots } from './virtual-window.js';

/** Renders a cell's content; return `undefined` to keep the column's own rendering. */
export type RenderCell<M extends Member = Member> = (member: M, column: MemberTableColumn<M>, ctx: CellContext) => unknown;

/** Search is sent to the store this long after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = 200;
/** While scrolling, rows are requested at most this often. */
const LOAD_THROTTLE_MS = 80;
/** Placeholder rows of the first load. */
const LOADING_ROWS = 8;

/**
 * @summary The members of the applied query, with their segments as chips: search, sort, select (one, a range, a page or
 * all matching), virtual scrolling over 100,000+ members.
 * @tag segkit-member-table
 *
 * @description A WAI-ARIA grid over `store.$members` (the applied query). Only the rows in view (plus a few) are in the
 * DOM; pages are requested from the store as the user scrolls, and rows not loaded yet show as placeholders.
 * Columns are the host's (`columns`, `renderCell`); the checkbox column is always first. Keyboard: arrows, Home/End,
 * Ctrl+Home/End, PageUp/PageDown move between cells; Space selects a row, Shift+Space and Shift+Arrow extend the
 * selection, Ctrl+A selects all matching, Escape clears; Enter or Space on a header sorts.
 *
 * @slot loading - Shown while the first page loads (default: placeholder rows).
 * @slot empty - Shown when no member matches (default: "No members match" and "Reset").
 * @slot error - Shown when members could not be loaded (default: the store's message and "Try again").
 * @slot offline - Shown while the store is offline (default: a short notice).
 *
 * @csspart base - The frame around everything.
 * @csspart toolbar - The bar on top: the search box, then the count or the selection bar.
 * @csspart search - The search box.
 * @csspart count - The number of matching members (when none is selected).
 * @csspart selection-bar - With a selection: "25 selected on this page. Select all 1,240 matching. Clear selection."
 * @csspart select-all-button - "Select all N matching".
 * @csspart clear-button - "Clear selection".
 * @csspart grid - The scrolling grid.
 * @csspart header-row - The row of column headers.
 * @csspart header-cell - A column header.
 * @csspart row - A member row (also `row-selected` when selected, `row-loading` while it loads).
 * @csspart cell - A cell.
 * @csspart checkbox - A row's checkbox, and the header's "select page" checkbox.
 * @csspart avatar - A member's avatar (initials, or the picture).
 * @csspart chip - A segment chip.
 * @csspart chip-more - "+2": the segments beyond the first chips (named in its tooltip).
 * @csspart unassigned - The muted "Unassigned" label of a member in no segment.
 * @csspart skeleton - A placeholder bar in a row that is loading.
 * @csspart loading - The first-load placeholder.
 * @csspart empty - The "No members match" state.
 * @csspart reset-button - "Reset" in the empty state.
 * @csspart error - The error notice.
 * @csspart retry-button - "Try again".
 * @csspart offline - The offline notice.
 *
 * @cssprop [--segkit-member-table-height=480px] - Height of the table (or set `height` on the element).
 * @cssprop [--segkit-member-table-row-height=48px] - Height of every row.
 * @cssprop [--segkit-member-table-header-height=40px] - Height of the header row.
 * @cssprop [--segkit-member-table-header-background=var(--segkit-color-surface)] - Header row background.
 * @cssprop [--segkit-member-table-row-background=var(--segkit-color-background)] - Row background.
 * @cssprop [--segkit-member-table-row-hover-background] - Row background under the pointer.
 * @cssprop [--segkit-member-table-selected-background=var(--segkit-color-selected)] - Background of selected rows.
 * @cssprop [--segkit-member-table-border-color=var(--segkit-color-border)] - Lines between rows.
 * @cssprop [--segkit-member-table-avatar-size=28px] - Avatar diameter.
 * @cssprop [--segkit-member-table-cell-padding=12px] - Inline padding of cells.
 *
 * @fires segkit-selection-change - The user changed the selection (row, range, page, all matching, clear).
 *
 * @attr loading - Reflected: a page of members is loading.
 * @attr empty - Reflected: no member matches.
 * @attr error - Reflected: members could not be loaded.
 * @attr offline - Reflected: the store is offline.
 */
export class SegkitMemberTable<M extends Member = Member> extends SegkitElement {
  static override styles = [tokens, controls, memberTableStyles];
  static override locales = memberTableStrings;
  static override properties = {
    ...SegkitElement.properties,
    columns: { attribute: false },
    renderCell: { attribute: false },
    noSearch: { type: Boolean, attribute: 'no-search', reflect: true },
    overscan: { type: Number },
  };

  /** The data columns, after the checkbox column (default: `defaultColumns()`). */
  declare columns: MemberTableColumn<M>[] | undefined;
  /** Renders any cell's content (return `undefined` to keep the column's rendering). */
  declare renderCell: RenderCell<M> | undefined;
  /** Hides the search box (e.g. when a `segkit-segment-filter` drives the table). */
  declare noSearch: boolean;
  /** Rows rendered beyond each edge of the view (default 6). */
  declare overscan: number;

  #window = new VirtualWindowController(this, {
    total: () => this.#displayTotal(),
    overscan: () => (Number.isFinite(this.overscan) ? Math.floor(this.overscan) : 6),
    onRangeChange: () => this.#scheduleLoad(),
  });
  /** The grid's active cell (roving tabindex); row -1 is the header. */
  #focus: GridPosition = { row: 0, col: 0 };
  /** Row index rendered by each DOM slot (see `assignSlots`). */
  #slots: Array<number | null> = [];
  #search = new Debouncer<string>((text) => this.activeStore?.setSearch(text), SEARCH_DEBOUNCE_MS);
  #searchText = '';
  #seenSearch: string | undefined;
  #windowKey: string | undefined;
  /** The last known total, kept while a new query loads so the rows (and the focus) stay. */
  #lastTotal: number | null = null;
  #hadFocus = false;
  /** What the store says, read once per update (in `willUpdate`). */
  #view: MemberTableView | undefined;
  /** Rows are loading (a page in flight, or rows in view not loaded yet). */
  #busy = false;
  #notice = '';
  #loadTimer: ReturnType<typeof setTimeout> | undefined;
  #segmentsSource: readonly SegmentView[] | undefined;
  #segments: ReadonlyMap<string, SegmentView> = new Map();

  constructor() {
    super();
    this.noSearch ??= false;
    this.overscan ??= 6;
  }

  /** The default columns, with labels in the element's language: a start for `columns`. */
  defaultColumns(): MemberTableColumn<M>[] {
    return defaultColumns((key) => this.t(key)) as MemberTableColumn<M>[];
  }

  /** Moves the focus to a cell (row -1 is the header row), scrolling it into view and loading its page. */
  async focusCell(row: number, col = this.#focus.col): Promise<void> {
    await this.#moveFocus({ row, col });
  }

  protected override watch(store: SegmentStore) {
    return [store.$members, store.$segments, store.$selection, store.$selectedCount, store.$status, store.$query];
  }

  protected override storeChanged(store: SegmentStore | undefined): void {
    this.#search.cancel();
    this.#slots = [];
    this.#lastTotal = null;
    this.#windowKey = undefined;
    this.#seenSearch = undefined;
    this.#searchText = store?.$query.get().search ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#search.cancel();
    clearTimeout(this.#loadTimer);
    this.#loadTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#hadFocus = this.#gridHasFocus();
    const store = this.activeStore;
    const view = (this.#view = store ? tableView(store) : undefined);
    if (store && view) {
      if (view.search !== this.#seenSearch) {
        this.#seenSearch = view.search;
        if (!this.#search.pending) this.#searchText = view.search;
      }
      const key = store.$members.get().key;
      if (this.#windowKey !== undefined && key !== this.#windowKey && !(this.#hadFocus && this.#focus.row >= 0)) {
        this.#window.scrollToTop();
      }
      this.#windowKey = key;
      if (view.total !== null) this.#lastTotal = view.total;
      else if (view.error) this.#lastTotal = null;
    }
    this.#clampFocus();
    this.#window.sync();
    this.#busy = this.#loading(store, view);
    this.toggleAttribute('loading', this.#busy);
    this.toggleAttribute('empty', Boolean(view?.empty));
    this.toggleAttribute('error', Boolean(view?.error));
    this.toggleAttribute('offline', Boolean(view?.offline));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid');
    const probe = this.renderRoot.querySelector<HTMLElement>('.probe');
    if (grid && probe) this.#window.attach({ scroller: grid, rowProbe: probe, header: this.renderRoot.querySelector<HTMLElement>('.head') });
    // A focused row that is gone (fewer rows now): the focus moves to the same index, clamped.
    if (this.#hadFocus && !this.#gridHasFocus()) this.#cellAt(this.#tabStop())?.focus({ preventScroll: true });
  }

  // ---- rendering -------------------------------------------------------------

  #columns(): MemberTableColumn<M>[] {
    return this.columns ?? this.defaultColumns();
  }

  /** A page is loading, or rows in view are not loaded yet (their request may still be throttled). */
  #loading(store: SegmentStore | undefined, view: MemberTableView | undefined): boolean {
    if (!store || !view) return false;
    if (view.loading) return true;
    const { start, end } = this.#window.visible;
    return end > start && !rangeLoaded(store, start, end);
  }

  #displayTotal(): number {
    const total = this.activeStore?.$members.get().total;
    return total ?? this.#lastTotal ?? 0;
  }

  /** The cell that holds tabindex=0: the active cell when it is rendered, else its header. */
  #tabStop(): GridPosition {
    const { row, col } = this.#focus;
    return row >= 0 && row < this.#displayTotal() ? { row, col } : { row: -1, col };
  }

  #clampFocus(): void {
    const cols = this.#columns().length + 1;
    const col = Math.min(Math.max(0, this.#focus.col), cols - 1);
    const total = this.activeStore?.$members.get().total;
    const row = total === null || total === undefined ? this.#focus.row : Math.min(this.#focus.row, total - 1);
    if (row !== this.#focus.row || col !== this.#focus.col) this.#focus = { row, col };
  }

  #segmentMap(store: SegmentStore): ReadonlyMap<string, SegmentView> {
    const segments = store.$segments.get();
    if (segments !== this.#segmentsSource) {
      this.#segmentsSource = segments;
      this.#segments = new Map(segments.map((s) => [s.id, s]));
    }
    return this.#segments;
  }

  #visibleIndices(): number[] {
    const { start, end } = this.#window.visible;
    return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
  }

  protected override render(): TemplateResult {
    const store = this.activeStore;
    const view = this.#view;
    const columns = this.#columns();
    const total = this.#displayTotal();
    const tracks = [SELECT_WIDTH, ...columns.map((c) => c.width ?? DEFAULT_WIDTH)];
    const minWidth = tracks.reduce((sum, track) => sum + minTrackWidth(track), 0);
    // The rows in the window, and the focused row wherever it is (so the focus never loses its element).
    const { start, end } = this.#window.rendered;
    const wanted = Array.from({ length: end - start }, (_, i) => start + i);
    if (this.#focus.row >= 0 && this.#focus.row < total) wanted.push(this.#focus.row);
    this.#slots = store ? assignSlots(this.#slots, wanted) : [];
    const lang = this.language;
    const stop = this.#tabStop();
    const base = store && {
      lang,
      segments: this.#segmentMap(store),
      formatNumber: (value: number) => formatNumber(value, lang),
      t: (key: string, params?: Record<string, string | number>) => this.t(key, params),
    };
    const showLoading = !view || (view.total === null && !view.error && this.#lastTotal === null);
    return html`
      <div part="base" class="base">
        ${this.#renderToolbar(store, view)} ${this.#renderOffline(view)} ${this.#renderError(view)}
        <div
          part="grid"
          class="grid ${total === 0 ? 'bare' : ''}"
          role="grid"
          aria-label=${this.t('grid_label')}
          aria-rowcount=${view?.total === null && this.#lastTotal === null ? -1 : total + 1}
          aria-colcount=${columns.length + 1}
          aria-multiselectable="true"
          aria-busy=${this.#busy ? 'true' : nothing}
          @keydown=${this.#onKeyDown}
          @click=${this.#onClick}
          @mousedown=${this.#onMouseDown}
          @focusin=${this.#onFocusIn}
        >
          <div class="sizer" ${cssProps({ '--_cols': tracks.join(' '), 'min-width': `${minWidth}px` })}>
            <div role="rowgroup" class="head">${this.#renderHeader(store, columns, stop)}</div>
            <div role=${this.#slots.some((s) => s !== null) ? 'rowgroup' : nothing} class="body" ${cssProps({ '--_rows': String(total) })}>
              ${store && base ? this.#slots.map((index) => (index === null ? nothing : this.#renderRow(store, index, columns, stop, base))) : nothing}
            </div>
          </div>
        </div>
        ${showLoading ? this.#renderLoading() : nothing} ${view?.empty && !view.error ? this.#renderEmpty(view) : nothing}
        <div class="probe" aria-hidden="true"></div>
      </div>
    `;
  }

  /**
   * One bar on top: the search box, then either the count or, with a
   * selection, the selection bar. It keeps its height either way, so
   * selecting never moves the rows (and the "page" the header checkbox
   * selects stays the page the user sees).
   */
  #renderToolbar(store: SegmentStore | undefined, view: MemberTableView | undefined): TemplateResult {
    return html`<div part="toolbar" class="toolbar">
      ${this.noSearch
        ? nothing
        : html`<input
            part="search"
            class="input search"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-label=${this.t('search_label')}
            placeholder=${this.t('search_placeholder')}
            .value=${live(this.#searchText)}
            @input=${this.#onSearchInput}
            @keydown=${this.#onSearchKeyDown}
          />`}
      <div class="status">${(view?.selectedCount ?? 0) > 0 || this.#notice ? this.#renderSelectionBar(store, view) : this.#renderCount(view)}</div>
    </div>`;
  }

  #renderCount(view: MemberTableView | undefined): TemplateResult {
    return html`<span part="count" class="count" aria-live="polite">${view && view.total !== null ? this.t('members_count', { count: view.total }) : ''}</span>`;
  }

  #renderOffline(view: MemberTableView | undefined): TemplateResult | typeof nothing {
    if (!view?.offline) return nothing;
    return html`<div part="offline" class="banner offline" role="status"><slot name="offline">${this.t('offline')}</slot></div>`;
  }

  #renderError(view: MemberTableView | undefined): TemplateResult | typeof nothing {
    if (!view?.error) return nothing;
    return html`<div part="error" class="banner error" role="alert">
      <slot name="error">
        <strong>${this.t('error')}</strong>
        <span class="message">${view.error.message}</span>
        <button class="btn" part="retry-button" type="button" @click=${this.#retry}>${this.t('retry')}</button>
      </slot>
    </div>`;
  }

  #renderSelectionBar(store: SegmentStore | undefined, view: MemberTableView | undefined): TemplateResult {
    const count = view?.selectedCount ?? 0;
    let text = '';
    if (store && view && count > 0) {
      if (view.allMatching) text = this.t('all_selected', { count });
      else {
        const page = this.#visibleIndices();
        const onPage = pageCheckState(store, page) === 'true' && loadedRows(store, page).length === count;
        text = this.t(onPage ? 'selected_page' : 'selected', { count });
      }
    }
    const total = view?.total ?? 0;
    return html`<div part="selection-bar" class="selection-bar">
      <span class="selection-text" aria-live="polite">${text}${this.#notice ? html` <span class="notice">${this.#notice}</span>` : nothing}</span>
      ${count > 0 && view && !view.allMatching && total > count
        ? html`<button class="btn link" part="select-all-button" type="button" @click=${this.#selectAllMatching}>
            ${this.t('select_all_matching', { count: total })}
          </button>`
        : nothing}
      ${count > 0
        ? html`<button class="btn link" part="clear-button" type="button" @click=${this.#clearSelection}>${this.t('clear_selection')}</button>`
        : nothing}
    </div>`;
  }

  #renderHeader(store: SegmentStore | undefined, columns: MemberTableColumn<M>[], stop: GridPosition): TemplateResult {
    const sort = store?.$query.get().sort;
    const page = store ? pageCheckState(store, this.#visibleIndices()) : 'false';
    const tab = (col: number) => (stop.row === -1 && stop.col === col ? '0' : '-1');
    return html`<div role="row" part="header-row" class="header-row" aria-rowindex="1">
      <div role="columnheader" part="header-cell" class="header-cell select-cell" data-row="-1" data-col="0" aria-colindex="1" tabindex=${tab(0)}>
        <span role="checkbox" part="checkbox" class="checkbox" aria-checked=${page} aria-label=${this.t('select_page')}></span>
      </div>
      ${columns.map((column, i) => {
        const key = sortKeyOf(column);
        const ariaSort = key && sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
        return html`<div
          role="columnheader"
          part="header-cell"
          class="header-cell ${key ? 'sortable' : ''} ${column.align ?? ''}"
          data-row="-1"
          data-col=${i + 1}
          aria-colindex=${i + 2}
          aria-sort=${ariaSort ?? nothing}
          tabindex=${tab(i + 1)}
        >
          <span class="header-label">${column.label}</span>${key
            ? html`<span class="sort-icon ${ariaSort ?? ''}" aria-hidden="true"></span>`
            : nothing}
        </div>`;
      })}
    </div>`;
  }

  #renderRow(
    store: SegmentStore,
    index: number,
    columns: MemberTableColumn<M>[],
    stop: GridPosition,
    base: Omit<CellContext, 'index' | 'selected'>,
  ): TemplateResult {
    const member = store.$members.get().at(index) as M | undefined;
    const selected = member ? store.isSelected(member.id) : false;
    const tab = (col: number) => (stop.row === index && stop.col === col ? '0' : '-1');
    const ctx: CellContext = { ...base, index, selected };
    const part = member ? (selected ? 'row row-selected' : 'row') : 'row row-loading';
    return html`<div
      role="row"
      part=${part}
      class="row"
      aria-rowindex=${index + 2}
      aria-selected=${selected ? 'true' : 'false'}
      aria-busy=${member ? nothing : 'true'}
      ${cssProps({ '--_i': String(index) })}
    >
      <div role="gridcell" part="cell" class="cell select-cell" data-row=${index} data-col="0" aria-colindex="1" tabindex=${tab(0)}>
        ${member
          ? html`<span
              role="checkbox"
              part="checkbox"
              class="checkbox"
              aria-checked=${selected ? 'true' : 'false'}
              aria-label=${this.t('select_row', { name: member.name })}
            ></span>`
          : html`<span class="visually-hidden">${this.t('loading_row')}</span>`}
      </div>
      ${columns.map(
        (column, i) =>
          html`<div
            role="gridcell"
            part="cell"
            class="cell ${column.align ?? ''}"
            data-row=${index}
            data-col=${i + 1}
            aria-colindex=${i + 2}
            tabindex=${tab(i + 1)}
          >
            <span class="content"
              >${member ? this.#cell(member, column, ctx) : html`<span part="skeleton" class="skeleton" aria-hidden="true"></span>`}</span
            >
          </div>`,
      )}
    </div>`;
  }

  #cell(member: M, column: MemberTableColumn<M>, ctx: CellContext): unknown {
    const custom = this.renderCell?.(member, column, ctx);
    if (custom !== undefined) return custom;
    return column.render ? column.render(member, ctx) : renderByKey(member, column.key, ctx);
  }

  #renderLoading(): TemplateResult {
    return html`<div part="loading" class="state loading">
      <slot name="loading">
        <span class="visually-hidden" role="status">${this.t('loading')}</span>
        ${Array.from(
          { length: LOADING_ROWS },
          () => html`<div class="loading-row" aria-hidden="true">
            <span class="skeleton box"></span><span class="skeleton"></span><span class="skeleton"></span>
          </div>`,
        )}
      </slot>
    </div>`;
  }

  #renderEmpty(view: MemberTableView): TemplateResult {
    return html`<div part="empty" class="state message">
      <slot name="empty">
        <p class="title">${this.t(view.filtered ? 'empty' : 'empty_none')}</p>
        ${view.filtered
          ? html`<p class="hint">${this.t('empty_hint')}</p>
              <button class="btn" part="reset-button" type="button" @click=${this.#reset}>${this.t('reset')}</button>`
          : nothing}
      </slot>
    </div>`;
  }

  // ---- loading rows ----------------------------------------------------------

  #scheduleLoad(immediate = false): void {
    const store = this.activeStore;
    const { start, end } = this.#window.rendered;
    if (!store || end <= start || rangeLoaded(store, start, end)) return;
    if (immediate) {
      this.#loadNow();
      return;
    }
    this.#loadTimer ??= setTimeout(() => this.#loadNow(), LOAD_THROTTLE_MS);
  }

  #loadNow(): void {
    clearTimeout(this.#loadTimer);
    this.#loadTimer = undefined;
    const store = this.activeStore;
    const { start, end } = this.#window.rendered;
    if (store && end > start) store.loadRange(start, end).catch(() => undefined);
  }

  // ---- focus -----------------------------------------------------------------

  #gridHasFocus(): boolean {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    return Boolean(active && active.closest('.grid'));
  }

  #cellAt(at: GridPosition): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`.grid [data-row="${at.row}"][data-col="${at.col}"]`);
  }

  #cellOf(event: Event): { cell: HTMLElement; row: number; col: number } | undefined {
    for (const node of event.composedPath()) {
      if (node === event.currentTarget) return undefined;
      if (node instanceof HTMLElement && node.dataset.col !== undefined && node.dataset.row !== undefined) {
        return { cell: node, row: Number(node.dataset.row), col: Number(node.dataset.col) };
      }
    }
    return undefined;
  }

  async #moveFocus(to: GridPosition): Promise<void> {
    this.#focus = to;
    if (to.row >= 0) {
      this.#window.reveal(to.row);
      this.#scheduleLoad(true);
    }
    this.requestUpdate();
    await this.updateComplete;
    const cell = this.#cellAt(this.#tabStop());
    if (!cell) return;
    cell.focus({ preventScroll: true });
    this.#revealSideways(cell);
  }

  /** Scrolls a cell hidden sideways into view (the window handles rows; scrollIntoView would also move them). */
  #revealSideways(cell: HTMLElement): void {
    const grid = cell.closest<HTMLElement>('.grid');
    if (!grid) return;
    const left = grid.getBoundingClientRect().left + grid.clientLeft;
    const right = left + grid.clientWidth;
    const box = cell.getBoundingClientRect();
    if (box.left < left) grid.scrollLeft -= left - box.left;
    else if (box.right > right) grid.scrollLeft += Math.min(box.right - right, box.left - left);
  }

  #onFocusIn = (event: FocusEvent) => {
    const hit = this.#cellOf(event);
    if (!hit || (hit.row === this.#focus.row && hit.col === this.#focus.col)) return;
    this.#focus = { row: hit.row, col: hit.col };
    this.requestUpdate();
  };

  // ---- pointer ---------------------------------------------------------------

  #onMouseDown = (event: MouseEvent) => {
    // Shift-click on a checkbox selects a range, not the text in between.
    if (event.shiftKey && this.#cellOf(event)?.col === 0) event.preventDefault();
  };

  #onClick = (event: MouseEvent) => {
    const hit = this.#cellOf(event);
    if (!hit) return;
    const { row, col, cell } = hit;
    if (row < 0) {
      if (col === 0) void this.#changeSelection(() => this.#togglePage());
      else this.#sortBy(col);
    } else if (col === 0) {
      void this.#changeSelection(() => toggleRow(this.activeStore!, row, { range: event.shiftKey }));
    } else {
      return;
    }
    this.#focus = { row, col };
    if ((this.renderRoot as ShadowRoot).activeElement !== cell) cell.focus({ preventScroll: true });
  };

  // ---- keyboard --------------------------------------------------------------

  #onKeyDown = (event: KeyboardEvent) => {
    const hit = this.#cellOf(event);
    const store = this.activeStore;
    // Keys pressed in a widget inside a cell (a host's link or button) belong to it.
    if (!hit || !store || event.composedPath()[0] !== hit.cell) return;
    const at = { row: hit.row, col: hit.col };
    const command = gridCommand(event, at, {
      rows: this.#displayTotal(),
      cols: this.#columns().length + 1,
      pageRows: this.#window.pageRows(),
      rtl: getComputedStyle(this).direction === 'rtl',
    });
    if (!command) return;
    if (command.kind === 'clear' && store.$selectedCount.get() === 0 && store.$selection.get().mode === 'ids') return;
    event.preventDefault();
    switch (command.kind) {
      case 'move': {
        const from = at.row;
        void this.#moveFocus(command.to);
        if (command.extend && command.to.row !== from) void this.#changeSelection(() => extendSelection(store, command.to.row, from >= 0 ? from : undefined));
        break;
      }
      case 'toggle':
        void this.#changeSelection(() => (command.extend ? extendSelection(store, at.row) : toggleRow(store, at.row)));
        break;
      case 'activate':
        if (at.col === 0) void this.#changeSelection(() => this.#togglePage());
        else this.#sortBy(at.col);
        break;
      case 'select-all':
        void this.#changeSelection(() => store.selectAllMatching());
        break;
      case 'clear':
        void this.#changeSelection(() => store.clearSelection());
        break;
    }
  };

  // ---- actions ---------------------------------------------------------------

  /** Runs a user's selection action; dispatches `segkit-selection-change` when the selection changed. */
  async #changeSelection(action: () => unknown): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    const before = store.$selection.get();
    if (this.#notice) {
      this.#notice = '';
      this.requestUpdate();
    }
    try {
      await action();
    } catch (error) {
      this.#notice = error instanceof Error ? error.message : String(error);
      this.requestUpdate();
    }
    if (store.$selection.get() !== before) this.dispatchEvent(new SegkitSelectionChangeEvent(selectionDetail(store)));
  }

  #togglePage(): void {
    const store = this.activeStore;
    if (store) togglePage(store, this.#visibleIndices());
  }

  #sortBy(col: number): void {
    const store = this.activeStore;
    const column = this.#columns()[col - 1];
    const key = column && sortKeyOf(column);
    if (store && key) store.setSort(nextSort(store.$query.get().sort, key));
  }

  #selectAllMatching = () => {
    void this.#changeSelection(() => this.activeStore?.selectAllMatching());
  };

  #clearSelection = () => {
    void this.#changeSelection(() => this.activeStore?.clearSelection());
  };

  #retry = () => {
    void this.activeStore?.refresh();
  };

  #reset = () => {
    this.#search.cancel();
    this.#searchText = '';
    this.activeStore?.reset();
  };

  #onSearchInput = (event: InputEvent) => {
    this.#searchText = (event.target as HTMLInputElement).value;
    this.#search.call(this.#searchText);
  };

  #onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') this.#search.flush();
  };
}

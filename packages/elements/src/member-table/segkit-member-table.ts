import type { Member } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SegkitSelectionChangeEvent } from '../events/selection-change.js';
import { cssProps } from '../internal/css-props.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { stateSlot } from '../internal/status.js';
import { errorText, formatNumber } from '../internal/strings.js';
import type { Translate } from '../internal/strings.js';
import { renderSyncNotice, syncNoticeStyles, syncStates } from '../internal/sync-notice.js';
import type { SyncNotice } from '../internal/sync-status.connector.js';
import { createSyncStatusConnector } from '../internal/sync-status.connector.js';
import { controls, tokens } from '../internal/theme.js';
import { DEFAULT_WIDTH, LOADING_CELL, SELECT_WIDTH, defaultColumns, hostCell, minTrackWidth, renderByKey, sortKeyOf } from './columns.js';
import type { BuiltInCell, CellContext, HostCell, MemberTableColumn } from './columns.js';
import { GridFocusController } from './grid-focus.js';
import { gridCommand } from './grid-keys.js';
import type { GridPosition } from './grid-keys.js';
import { createMemberTableConnector } from './member-table.connector.js';
import type { MemberTableState } from './member-table.connector.js';
import { memberTableStrings } from './member-table.strings.js';
import { memberTableCellStyles } from './member-table-cells.styles.js';
import { memberTableStyles, rowInsetStart } from './member-table.styles.js';
import { renderEmpty, renderLoading } from './table-states.js';
import { SkeletonPulseController } from './skeleton-pulse.js';
import { assignSlots } from './virtual-rows.js';
import { VirtualWindowController } from './virtual-window.js';

/** Renders a cell's content; return `undefined` to keep the column's own rendering. */
export type RenderCell<M extends Member = Member> = (member: M, column: MemberTableColumn<M>, ctx: CellContext) => unknown;

/** What every cell of a render shares (each row adds its index and selection). */
type CellBase = Omit<CellContext, 'index' | 'selected'>;


/** The next animation frame's callbacks, or `VIEW_LOAD_WAIT_MS` where frames do not run (a hidden page). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, VIEW_LOAD_WAIT_MS);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
const VIEW_LOAD_WAIT_MS = 50;

/**
 * @summary The members of the applied query, with their segments as chips: search, sort, select (one, a range, a page or
 * all matching), virtual scrolling over 100,000+ members.
 * @tag segkit-member-table
 *
 * @description A WAI-ARIA grid over the applied query, rendered from `createMemberTableConnector` (the same headless
 * connector `@segkit/elements/headless` gives hosts that draw their own table). Only the rows in view (plus a few) are
 * in the DOM; pages are requested from the store as the user scrolls, and rows not loaded yet show as placeholders.
 * Columns are the host's (`columns`, `renderCell`); the checkbox column is always first. Keyboard: arrows, Home/End,
 * Ctrl+Home/End, PageUp/PageDown move between cells; Space selects a row, Shift+Space and Shift+Arrow extend the
 * selection, Ctrl+A selects all matching, Escape clears; Enter or Space on a header sorts. Errors show in the
 * element's language.
 *
 * @slot loading - Shown while the first page loads (default: placeholder rows).
 * @slot empty - Shown when no member matches (default: "No members match" and "Reset").
 * @slot error - Shown when members could not be loaded (default: what went wrong, in the page's language, and "Try again").
 * @slot offline - Shown while the store is offline with no change waiting (default: a short notice).
 * @slot sync - Replaces the sync notice in every state (read the `stale`, `offline` and `paused` attributes).
 *
 * @csspart base - The frame around everything.
 * @csspart toolbar - The bar on top: the search box, then the count or the selection bar.
 * @csspart search - The search box.
 * @csspart count - The number of matching members (when none is selected).
 * @csspart selection-bar - With a selection: "25 selected on this page. Select all 1,240 matching. Clear selection."
 * @csspart select-all-button - "Select all N matching".
 * @csspart clear-button - "Clear selection".
 * @csspart grid - The grid: the row of column headers above the rows, which scroll.
 * @csspart header-row - The row of column headers (it stays above the rows, following them sideways).
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
 * @csspart sync - The sync notice: "Updating…" in the toolbar while cached rows revalidate (the cache's age in its
 * title), a band under it while offline ("Offline: 3 changes waiting") or paused ("Sign in again to save 3 changes").
 * @csspart updating - The sync notice while cached data is being revalidated.
 * @csspart stale - The sync notice when cached data could not be revalidated ("Saved 5 minutes ago").
 * @csspart offline - The sync notice while offline.
 * @csspart paused - The sync notice while the backend refuses the credentials and changes wait.
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
 * @fires segkit-membership-change - Members were added to or removed from segments (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-create - A segment was created (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-rename - A segment was renamed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-delete - A segment was deleted (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable. Without a provider, from the first connected segkit element, when no widget started it (decision 030).
 *
 * @attr loading - State (read-only): a page of members is loading, or rows in view are not loaded yet.
 * @attr empty - State (read-only): no member matches the applied query.
 * @attr error - State (read-only): members could not be loaded.
 * @attr offline - State (read-only): the store is offline.
 * @attr stale - State (read-only): what is shown came from the cache and is not revalidated yet.
 * @attr paused - State (read-only): changes wait until the host signs in again.
 */
export class SegkitMemberTable<M extends Member = Member> extends SegkitElement {
  static override styles = [tokens, controls, syncNoticeStyles, memberTableStyles, memberTableCellStyles];
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
  /** Rows rendered beyond each edge of the view (default 6); at most 2 while the view jumps (a fling, the scrollbar dragged) until the scroll rests. */
  declare overscan: number;

  #table = this.connector((store) =>
    createMemberTableConnector<M>(store, {
      onSelectionChange: (detail) => this.dispatchEvent(new SegkitSelectionChangeEvent(detail)),
    }),
  );
  #sync = this.connector((store) => createSyncStatusConnector(store));
  #window = new VirtualWindowController(this, {
    total: () => this.#rowCount(),
    overscan: () => (Number.isFinite(this.overscan) ? Math.floor(this.overscan) : 6),
    onRangeChange: (rendered, visible) => this.#table.value?.setRange(rendered, visible, { focus: this.#grid.active.row }),
  });
  #grid = new GridFocusController(this, {
    rows: () => this.#rowCount(),
    reveal: (index) => {
      this.#window.reveal(index);
      this.#table.value?.setRange(this.#window.rendered, this.#window.visible, { immediate: true, focus: index });
    },
  });
  /** The placeholder bars of loading rows pulse together; a new one never restarts the pulse. */
  #pulse = new SkeletonPulseController(this, '.row .skeleton');
  /** Row index rendered by each DOM slot (see `assignSlots`). */
  #slots: Array<number | null> = [];
  #queryKey: string | undefined;
  /** The connector's state, read once per update (in `willUpdate`). */
  #state: MemberTableState<M> | undefined;
  #t: Translate = (key, params) => this.t(key, params);

  constructor() {
    super();
    this.noSearch ??= false;
    this.overscan ??= 6;
  }

  /** The default columns, with labels in the element's language: a start for `columns`. */
  defaultColumns(): MemberTableColumn<M>[] {
    return defaultColumns(this.#t) as MemberTableColumn<M>[];
  }

  /** Moves the focus to a cell (row -1 is the header row), scrolling it into view and loading its page. */
  async focusCell(row: number, col = this.#grid.active.col): Promise<void> {
    await this.#grid.moveTo({ row, col });
  }

  protected override storeChanged(): void {
    this.#slots = [];
    this.#queryKey = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const table = this.#table.value;
    const before = table?.$state.get();
    if (before) {
      // A new query starts at the top, unless the user is on a row: the focus stays on its index.
      const onRow = this.#grid.hasFocus() && this.#grid.active.row >= 0;
      if (this.#queryKey !== undefined && before.queryKey !== this.#queryKey && !onRow) this.#window.scrollToTop();
      this.#queryKey = before.queryKey;
    }
    this.#grid.clamp(this.#columns().length + 1, before?.total);
    this.#window.sync();
    // The focused row's page is kept loaded (and loaded again if it is missing) wherever the user scrolls.
    table?.setRange(this.#window.rendered, this.#window.visible, { focus: this.#grid.active.row });
    const state = (this.#state = table?.$state.get());
    const sync = syncStates(this.#sync.value?.$state.get());
    this.reflectStates({ loading: Boolean(state?.loading), empty: Boolean(state?.empty), error: Boolean(state?.error), ...sync });
  }

  /**
   * Rows the view scrolled to are drawn with their members when the store has them within this task
   * (a memory adapter, pages in memory): the update waits for the view's load, at most until the next
   * frame (or `VIEW_LOAD_WAIT_MS` where frames do not run), and placeholders show only for rows still
   * missing then. Drawing placeholders and then the members in one task built every row's cells twice.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const load = this.#table.value?.viewLoad();
    if (!load) return super.scheduleUpdate();
    return Promise.race([load, nextFrame()]).then(() => super.scheduleUpdate());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const probe = this.renderRoot.querySelector<HTMLElement>('.probe');
    if (scroller && probe) this.#window.attach({ scroller, rowProbe: probe, columns: this.renderRoot.querySelector<HTMLElement>('.head-clip') });
  }

  // ---- rendering -------------------------------------------------------------

  #columns(): MemberTableColumn<M>[] {
    return this.columns ?? this.defaultColumns();
  }

  /**
   * The body's custom properties: row count and where rows are placed (decision 028: scaled past the height cap).
   * The base stays here, not written into each row: with the body unchanged, Chromium restyled the recycled rows
   * one by one, 3 to 6 times slower (decision 037, "Tried since").
   */
  #bodyProps(total: number): Record<string, string | null> {
    const { base, top, spacer } = this.#window.placement();
    return { '--_rows': String(total), '--_base': String(base), '--_top': top === null ? null : `${top}px`, '--_body-h': spacer === null ? null : `${spacer}px` };
  }

  #rowCount(): number {
    return this.#table.value?.$state.get().rowCount ?? 0;
  }

  protected override render(): TemplateResult {
    const state = this.#state;
    const columns = this.#columns();
    const total = this.#rowCount();
    const tracks = [SELECT_WIDTH, ...columns.map((c) => c.width ?? DEFAULT_WIDTH)];
    const minWidth = tracks.reduce((sum, track) => sum + minTrackWidth(track), 0);
    // The rows in the window, and the focused row wherever it is (so the focus never loses its element).
    const { start, end } = this.#window.rendered;
    const wanted = Array.from({ length: end - start }, (_, i) => start + i);
    const focusRow = this.#grid.active.row;
    if (focusRow >= 0 && focusRow < total) wanted.push(focusRow);
    this.#slots = state ? assignSlots(this.#slots, wanted) : [];
    const lang = this.language;
    const stop = this.#grid.tabStop();
    const base: CellBase | undefined = state && { lang, segments: state.segments, formatNumber: (value: number) => formatNumber(value, lang), t: this.#t, jumping: this.#window.jumping };
    return html`
      <div part="base" class="base">
        ${this.#renderToolbar(state)} ${this.#renderSync(['offline', 'paused'])} ${this.#renderError(state)}
        <div
          part="grid"
          class="grid ${total === 0 ? 'bare' : ''}"
          role="grid"
          aria-label=${this.t('grid.label')}
          aria-rowcount=${state?.rowCount === null ? -1 : total + 1}
          aria-colcount=${columns.length + 1}
          aria-multiselectable="true"
          aria-busy=${state?.loading ? 'true' : nothing}
          @keydown=${this.#onKeyDown}
          @click=${this.#onClick}
          @mousedown=${this.#onMouseDown}
          @focusin=${this.#grid.onFocusIn}
          ${cssProps({ '--_cols': tracks.join(' '), '--_min-w': `${minWidth}px` })}
        >
          <div class="head-clip">
            <div class="sizer"><div role="rowgroup" class="head">${this.#renderHeader(state, columns, stop)}</div></div>
          </div>
          <div class="scroller">
            <div class="sizer">
              <div role=${this.#slots.some((s) => s !== null) ? 'rowgroup' : nothing} class="body" ${cssProps(this.#bodyProps(total))}>
                ${state && base ? this.#slots.map((index) => (index === null ? nothing : this.#renderRow(state, index, columns, stop, base))) : nothing}
              </div>
            </div>
          </div>
        </div>
        ${!state || state.firstLoad ? renderLoading(this.#t) : nothing}
        ${state?.empty && !state.error ? renderEmpty(this.#t, state.filtered, this.#reset) : nothing}
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
  #renderToolbar(state: MemberTableState<M> | undefined): TemplateResult {
    return html`<div part="toolbar" class="toolbar">
      ${this.noSearch
        ? nothing
        : html`<input
            part="search"
            class="input search"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-label=${this.t('search.label')}
            placeholder=${this.t('search.placeholder')}
            .value=${live(state?.searchText ?? '')}
            @input=${this.#onSearchInput}
            @keydown=${this.#onSearchKeyDown}
          />`}
      <div class="status">
        ${this.#renderSync(['updating', 'stale'])}
        ${state && (state.selectedCount > 0 || state.selectionError) ? this.#renderSelectionBar(state) : this.#renderCount(state)}
      </div>
    </div>`;
  }

  #renderCount(state: MemberTableState<M> | undefined): TemplateResult {
    const text = state && state.total !== null ? this.t('members', { count: state.total }) : '';
    return html`<span part="count" class="count" aria-live="polite">${text}</span>`;
  }

  /** The sync notice, where it goes: "Updating…" in the toolbar (rows never move), offline and paused as a band. */
  #renderSync(show: SyncNotice[]): TemplateResult {
    return renderSyncNotice(this.#t, this.language, this.#sync.value?.$state.get(), { show, offlineText: this.t('offline') });
  }

  #renderError(state: MemberTableState<M> | undefined): TemplateResult | typeof nothing {
    if (!state?.error) return nothing;
    return html`<div class="announce" role="alert">
      ${stateSlot(
        'error',
        html`<strong>${this.t('error')}</strong>
          <span class="message">${errorText(this.#t, state.error)}</span>
          <button class="btn" part="retry-button" type="button" @click=${this.#retry}>${this.t('retry')}</button>`,
      )}
    </div>`;
  }

  #renderSelectionBar(state: MemberTableState<M>): TemplateResult {
    const count = state.selectedCount;
    const key = state.allMatching ? 'selected.all' : state.pageOnly ? 'selected.page' : 'selected';
    const text = count > 0 ? this.t(key, { count }) : '';
    const total = state.total ?? 0;
    return html`<div part="selection-bar" class="selection-bar">
      <span class="selection-text" aria-live="polite"
        >${text}${state.selectionError ? html` <span class="notice">${errorText(this.#t, state.selectionError)}</span>` : nothing}</span
      >
      ${count > 0 && !state.allMatching && total > count
        ? html`<button class="btn link" part="select-all-button" type="button" @click=${this.#selectAllMatching}>
            ${this.t('select.all-matching', { count: total })}
          </button>`
        : nothing}
      ${count > 0
        ? html`<button class="btn link" part="clear-button" type="button" @click=${this.#clearSelection}>${this.t('clear-selection')}</button>`
        : nothing}
    </div>`;
  }

  #renderHeader(state: MemberTableState<M> | undefined, columns: MemberTableColumn<M>[], stop: GridPosition): TemplateResult {
    const sort = state?.sort;
    const tab = (col: number) => (stop.row === -1 && stop.col === col ? '0' : '-1');
    return html`<div role="row" part="header-row" class="header-row" aria-rowindex="1">
      <div role="columnheader" part="header-cell" class="header-cell select-cell" data-row="-1" data-col="0" aria-colindex="1" tabindex=${tab(0)}>
        <span role="checkbox" part="checkbox" class="checkbox" aria-checked=${state?.pageChecked ?? 'false'} aria-label=${this.t('select.page')}></span>
      </div>
      ${columns.map((column, i) => {
        const key = sortKeyOf(column);
        const ariaSort = key && sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
        return html`<div role="columnheader" part="header-cell" class="header-cell ${key ? 'sortable' : ''} ${column.align ?? ''}" data-row="-1" data-col=${i + 1} aria-colindex=${i + 2} aria-sort=${ariaSort ?? nothing} tabindex=${tab(i + 1)}>
          <span class="header-label">${column.label}</span>${key
            ? html`<span class="sort-icon ${ariaSort ?? ''}" aria-hidden="true"></span>`
            : nothing}
        </div>`;
      })}
    </div>`;
  }

  #renderRow(state: MemberTableState<M>, index: number, columns: MemberTableColumn<M>[], stop: GridPosition, base: CellBase): TemplateResult {
    const member = state.at(index);
    const selected = member ? state.isSelected(member.id) : false;
    const tab = (col: number) => (stop.row === index && stop.col === col ? '0' : '-1');
    const ctx: CellContext = { ...base, index, selected };
    const part = member ? (selected ? 'row row-selected' : 'row') : 'row row-loading';
    return html`<div role="row" part=${part} class="row" aria-rowindex=${index + 2} aria-selected=${selected ? 'true' : 'false'} aria-busy=${member ? nothing : 'true'} ${cssProps({ 'inset-block-start': rowInsetStart(index) })}>
      <div role="gridcell" part="cell" class="cell select-cell" data-row=${index} data-col="0" aria-colindex="1" tabindex=${tab(0)}>
        ${member
          ? html`<span role="checkbox" part="checkbox" class="checkbox" aria-checked=${selected ? 'true' : 'false'} aria-label=${this.t('select.row', { name: member.name })}></span>`
          : html`<span class="visually-hidden">${this.t('loading.row')}</span>`}
      </div>
      ${columns.map((column, i) => {
        const cell = member ? this.#cell(member, column, ctx) : LOADING_CELL;
        return html`<div role="gridcell" part="cell" class="cell ${cell.kind} ${column.align ?? ''}" dir=${cell.dir ?? nothing} data-row=${index} data-col=${i + 1} aria-colindex=${i + 2} tabindex=${tab(i + 1)}>${cell.content}</div>`;
      })}
    </div>`;
  }

  /** A cell's layout and content: a host's (`renderCell`, the column's `render`) in a block of its own, or a built-in one laid out by the cell (decision 037). */
  #cell(member: M, column: MemberTableColumn<M>, ctx: CellContext): BuiltInCell | HostCell {
    const custom = this.renderCell?.(member, column, ctx);
    if (custom !== undefined) return hostCell(custom);
    return column.render ? hostCell(column.render(member, ctx)) : renderByKey(member, column.key, ctx);
  }

  // ---- pointer ---------------------------------------------------------------

  #onMouseDown = (event: MouseEvent) => {
    // Shift-click on a checkbox selects a range, not the text in between.
    if (event.shiftKey && this.#grid.cellOf(event)?.col === 0) event.preventDefault();
  };

  #onClick = (event: MouseEvent) => {
    const hit = this.#grid.cellOf(event);
    const table = this.#table.value;
    if (!hit || !table) return;
    const { row, col } = hit;
    if (row < 0) {
      if (col === 0) void table.togglePage();
      else this.#sortBy(col);
    } else if (col === 0) {
      void table.toggleRow(row, { range: event.shiftKey });
    } else {
      return;
    }
    this.#grid.activate(hit);
  };

  // ---- keyboard --------------------------------------------------------------

  #onKeyDown = (event: KeyboardEvent) => {
    const hit = this.#grid.cellOf(event);
    const table = this.#table.value;
    // Keys pressed in a widget inside a cell (a host's link or button) belong to it.
    if (!hit || !table || event.composedPath()[0] !== hit.cell) return;
    const at = this.#grid.keyPosition(hit);
    const command = gridCommand(event, at, {
      rows: this.#rowCount(),
      cols: this.#columns().length + 1,
      pageRows: this.#window.pageRows(),
      rtl: getComputedStyle(this).direction === 'rtl',
    });
    if (!command) return;
    // Escape with nothing selected is not ours: let it close a host's dialog.
    const { selectedCount, allMatching } = table.$state.get();
    if (command.kind === 'clear' && selectedCount === 0 && !allMatching) return;
    event.preventDefault();
    switch (command.kind) {
      case 'move':
        void this.#grid.moveTo(command.to);
        if (command.extend && command.to.row !== at.row) void table.extendSelection(command.to.row, at.row >= 0 ? at.row : undefined);
        break;
      case 'toggle':
        void (command.extend ? table.extendSelection(at.row) : table.toggleRow(at.row));
        break;
      case 'activate':
        if (at.col === 0) void table.togglePage();
        else this.#sortBy(at.col);
        break;
      case 'select-all':
        void table.selectAllMatching();
        break;
      case 'clear':
        void table.clearSelection();
        break;
    }
  };

  // ---- actions ---------------------------------------------------------------

  #sortBy(col: number): void {
    const column = this.#columns()[col - 1];
    const key = column && sortKeyOf(column);
    if (key) this.#table.value?.sortBy(key);
  }

  #selectAllMatching = () => void this.#table.value?.selectAllMatching();
  #clearSelection = () => void this.#table.value?.clearSelection();
  #retry = () => void this.#table.value?.retry();
  #reset = () => this.#table.value?.reset();

  #onSearchInput = (event: InputEvent) => this.#table.value?.setSearch((event.target as HTMLInputElement).value);

  #onSearchKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') this.#table.value?.submitSearch();
  };
}

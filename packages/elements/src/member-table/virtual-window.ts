/**
 * Virtual scrolling for a list of fixed-height rows, in two layers:
 *
 * - plain functions (`visibleRows`, `renderedRows`, `revealScrollTop`,
 *   `assignSlots`) that turn scroll metrics into row ranges, with no DOM;
 * - `VirtualWindowController`, a Lit ReactiveController that reads those
 *   metrics from a scroller, re-renders its host when the range changes and
 *   tells it which rows to load.
 *
 * Layout is the host's: a spacer `rowHeight * total` tall, rows positioned
 * with a transform. The scroller may hold a sticky header above the rows
 * (`headerHeight`); rows start below it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows `[start, end)`. */
export interface RowRange {
  start: number;
  end: number;
}

export interface WindowMetrics {
  /** The scroller's `scrollTop`. */
  scrollTop: number;
  /** The scroller's `clientHeight` (header included). */
  viewportHeight: number;
  /** Height of the sticky header inside the scroller, above row 0. */
  headerHeight: number;
  rowHeight: number;
  total: number;
}

/**
 * The tallest body the window renders rows for. A scroller with no height
 * limit (a host that forgot to size the element) would otherwise render
 * every one of 100,000 rows.
 */
export const MAX_BODY_HEIGHT = 4000;

const EMPTY: RowRange = Object.freeze({ start: 0, end: 0 });

function bodyHeight(m: WindowMetrics): number {
  return Math.min(MAX_BODY_HEIGHT, Math.max(0, m.viewportHeight - m.headerHeight));
}

/** The rows at least partly in view. */
export function visibleRows(m: WindowMetrics): RowRange {
  if (m.total <= 0 || !(m.rowHeight > 0)) return EMPTY;
  const top = Math.max(0, m.scrollTop);
  const start = Math.min(m.total - 1, Math.floor(top / m.rowHeight));
  const end = Math.min(m.total, Math.max(start + 1, Math.ceil((top + bodyHeight(m)) / m.rowHeight)));
  return { start, end };
}

/** The visible rows plus `overscan` rows on each side. */
export function renderedRows(m: WindowMetrics, overscan: number): RowRange {
  const visible = visibleRows(m);
  if (visible.end === 0) return EMPTY;
  return { start: Math.max(0, visible.start - overscan), end: Math.min(m.total, visible.end + overscan) };
}

/** Whole rows that fit in the body: the distance PageUp / PageDown move. */
export function rowsPerPage(m: WindowMetrics): number {
  return m.rowHeight > 0 ? Math.max(1, Math.floor(bodyHeight(m) / m.rowHeight)) : 1;
}

/** The `scrollTop` that brings row `index` fully into view, or `null` when it already is. */
export function revealScrollTop(index: number, m: WindowMetrics): number | null {
  const top = index * m.rowHeight;
  const bottom = top + m.rowHeight;
  const body = Math.max(m.rowHeight, m.viewportHeight - m.headerHeight);
  if (top < m.scrollTop) return top;
  if (bottom > m.scrollTop + body) return bottom - body;
  return null;
}

/**
 * Recycles DOM slots: keeps every slot whose row is still wanted where it
 * is, gives freed slots (then new ones) to the rows that are not rendered
 * yet, and empties the rest (`null`). A row that stays wanted never changes
 * slot, so its DOM node (and the focus in it) survives any scroll. Trailing
 * empty slots are dropped.
 */
export function assignSlots(previous: ReadonlyArray<number | null>, wanted: Iterable<number>): Array<number | null> {
  const want = new Set(wanted);
  const slots: Array<number | null> = previous.map((row) => (row !== null && want.has(row) ? row : null));
  for (const row of slots) if (row !== null) want.delete(row);
  const missing = [...want].sort((a, b) => a - b);
  let next = 0;
  for (let i = 0; i < slots.length && next < missing.length; i += 1) {
    if (slots[i] === null) slots[i] = missing[next++]!;
  }
  while (next < missing.length) slots.push(missing[next++]!);
  while (slots.length > 0 && slots[slots.length - 1] === null) slots.pop();
  return slots;
}

export interface VirtualWindowOptions {
  /** Rows in the list now. */
  total(): number;
  /** Rows rendered beyond each edge of the view (default 6). */
  overscan?: number | (() => number);
  /** Called after the rendered range changed (e.g. to load those rows). */
  onRangeChange?(rendered: RowRange, visible: RowRange): void;
}

export interface VirtualWindowElements {
  /** The scrolling element. */
  scroller: HTMLElement;
  /** An element exactly one row tall (measured for the row height). */
  rowProbe: HTMLElement;
  /** The sticky header inside the scroller, if any. */
  header?: HTMLElement | null;
}

/**
 * Follows a scroller: scroll position, its size, the row height (from a probe
 * element, so `--row-height` can be any CSS length and change at run time)
 * and the header height. Requests a host update when the rendered range moves.
 */
export class VirtualWindowController implements ReactiveController {
  /** Rows at least partly in view. */
  visible: RowRange = EMPTY;
  /** Rows to render: the visible ones plus the overscan. */
  rendered: RowRange = EMPTY;
  /** The measured row height in px (48 until measured). */
  rowHeight = 48;
  headerHeight = 0;

  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualWindowOptions;
  #elements: VirtualWindowElements | undefined;
  #resize: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost, options: VirtualWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Starts following `elements` (call from the host's `firstUpdated`/`updated`; a no-op when unchanged). */
  attach(elements: VirtualWindowElements): void {
    const current = this.#elements;
    if (current && current.scroller === elements.scroller && current.rowProbe === elements.rowProbe && current.header === elements.header) return;
    this.#detach();
    this.#elements = elements;
    this.#listen();
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#detach(false);
  }

  /** The current metrics (reads the scroller's position). */
  metrics(): WindowMetrics {
    return {
      scrollTop: this.#elements?.scroller.scrollTop ?? 0,
      // Read live: a horizontal scrollbar appearing does not resize the scroller's box.
      viewportHeight: this.#elements?.scroller.clientHeight ?? 0,
      headerHeight: this.headerHeight,
      rowHeight: this.rowHeight,
      total: Math.max(0, this.#options.total()),
    };
  }

  /** Whole rows per screen (PageUp / PageDown). */
  pageRows(): number {
    return rowsPerPage(this.metrics());
  }

  /**
   * Recomputes the ranges; requests a host update and reports when the
   * rendered range changed. Returns true when it did.
   */
  sync(): boolean {
    const metrics = this.metrics();
    const overscan = this.#options.overscan;
    const rendered = renderedRows(metrics, Math.max(0, (typeof overscan === 'function' ? overscan() : overscan) ?? 6));
    this.visible = visibleRows(metrics);
    if (rendered.start === this.rendered.start && rendered.end === this.rendered.end) return false;
    this.rendered = rendered;
    this.#host.requestUpdate();
    this.#options.onRangeChange?.(rendered, this.visible);
    return true;
  }

  /** Scrolls (only as far as needed) so row `index` is fully in view, and updates the ranges at once. */
  reveal(index: number): void {
    const scroller = this.#elements?.scroller;
    if (!scroller) return;
    const top = revealScrollTop(index, this.metrics());
    if (top !== null) scroller.scrollTop = top;
    this.sync();
  }

  /** Scrolls to the top. */
  scrollToTop(): void {
    if (this.#elements) this.#elements.scroller.scrollTop = 0;
    this.sync();
  }

  #onScroll = () => {
    this.sync();
  };

  #measure(): void {
    const elements = this.#elements;
    if (!elements) return;
    const row = elements.rowProbe.getBoundingClientRect().height;
    if (row > 0) this.rowHeight = row;
    this.headerHeight = elements.header ? elements.header.getBoundingClientRect().height : 0;
  }

  #listen(): void {
    const elements = this.#elements;
    if (!elements || this.#resize) return;
    elements.scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    this.#resize = new ResizeObserver(() => {
      this.#measure();
      this.sync();
    });
    this.#resize.observe(elements.scroller);
    this.#resize.observe(elements.rowProbe);
    if (elements.header) this.#resize.observe(elements.header);
    this.#measure();
    this.sync();
  }

  #detach(forget = true): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#elements?.scroller.removeEventListener('scroll', this.#onScroll);
    if (forget) this.#elements = undefined;
  }
}

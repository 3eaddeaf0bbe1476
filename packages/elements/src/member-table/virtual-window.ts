/**
 * `VirtualWindowController`: a Lit ReactiveController that follows a
 * scroller (position, size, row and header height), turns it into row ranges
 * with the pure functions of `virtual-rows.ts`, re-renders its host when the
 * rendered range moves and tells it which rows to load.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NO_ROWS, renderedRows, rowsPerPage, revealScrollTop, visibleRows } from './virtual-rows.js';
import type { RowRange, WindowMetrics } from './virtual-rows.js';

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
  visible: RowRange = NO_ROWS;
  /** Rows to render: the visible ones plus the overscan. */
  rendered: RowRange = NO_ROWS;
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

/**
 * `VirtualWindowController`: a Lit ReactiveController that follows a
 * scroller (position, size, row height), turns it into row ranges
 * with the pure functions of `virtual-rows.ts`, re-renders its host when the
 * rendered range moves and tells it which rows to load.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { NO_ROWS, isScaled, offsetAfter, offsetAt, renderedRows, rowTop, rowsPerPage, revealScrollTop, scrollTopFor, spacerHeight, visibleRows } from './virtual-rows.js';
import type { RowRange, ShownAt, WindowMetrics } from './virtual-rows.js';

export interface VirtualWindowOptions {
  /** Rows in the list now. */
  total(): number;
  /** Rows rendered beyond each edge of the view (default 6). */
  overscan?: number | (() => number);
  /** Called after the rendered range changed (e.g. to load those rows). */
  onRangeChange?(rendered: RowRange, visible: RowRange): void;
}

/** Where the rendered rows go (see `VirtualWindowController.placement`). */
export interface RowPlacement {
  /** Rows are placed from row `base`: at `rowHeight * (index - base)` below it (small numbers, exact in any engine). */
  base: number;
  /** Row `base`'s top in the spacer, in px, when scaled (relative to the scroll position); null: `rowHeight * base`. */
  top: number | null;
  /** The spacer's height in px when scaled (capped); null: `rowHeight * total`. */
  spacer: number | null;
}

/** Ms without a scroll event after which a scaled scroll is put back where its offset maps (`#reanchor`). */
const REANCHOR_MS = 150;

/** Overscan while the view jumps: enough for a wheel notch, far fewer rows to build each frame of a fling. */
const JUMP_OVERSCAN = 2;
/** Ms after the last scroll event during which a jumping view keeps `JUMP_OVERSCAN`. */
const JUMP_REST_MS = 100;

/** Rows are placed from a multiple of this: `base` changes (and every row is placed again) only when the view crosses one. */
const PLACEMENT_BLOCK = 1000;

export interface VirtualWindowElements {
  /** The scrolling element. */
  scroller: HTMLElement;
  /** An element exactly one row tall (measured for the row height). */
  rowProbe: HTMLElement;
  /**
   * The header, outside the scroller, above it (decision 033; not in it: the rows' viewport is the scroller's): it follows the scroller
   * sideways (and the scroller follows it, when focus scrolls it), and gets the scroller's scrollbar
   * width as `--_gutter` (px) so its columns line up with the rows'.
   */
  columns?: HTMLElement | null;
}

/**
 * Follows a scroller: scroll position, its size, the row height (from a probe
 * element, so `--row-height` can be any CSS length and change at run time),
 * and keeps the header above it in step sideways. Requests a host update when
 * the rendered range moves.
 */
export class VirtualWindowController implements ReactiveController {
  /** Rows at least partly in view. */
  visible: RowRange = NO_ROWS;
  /** The scroll position of the last `sync` (rows are drawn for it, see `rowTop`; a small scroll moves on from it, `offsetAfter`). */
  #drawn: ShownAt = { scrollTop: 0, offset: 0, total: 0 };
  /** Scaled, after a scroll moved the rows 1:1: when the scroll rests, the scroller is put where its offset maps. */
  #rest: ReturnType<typeof setTimeout> | undefined;
  #metrics: WindowMetrics | undefined;
  /** Rows to render: the visible ones plus the overscan. */
  rendered: RowRange = NO_ROWS;
  /** The measured row height in px (48 until measured). */
  rowHeight = 48;

  readonly #host: ReactiveControllerHost;
  readonly #options: VirtualWindowOptions;
  #elements: VirtualWindowElements | undefined;
  #resize: ResizeObserver | undefined;
  /**
   * When scaled, the exact offset a reveal asked for and the whole-pixel
   * `scrollTop` it set: while the scroller stays there, that offset is shown
   * (not the rounded one), so a revealed row is exactly in view.
   */
  #anchor: { scrollTop: number; offset: number } | null = null;
  /** The scroller's `scrollTop` and `clientHeight` as last read (`#read`). */
  #at = { scrollTop: 0, viewportHeight: 0 };
  /** A read is due in the next frame (`hostUpdated`). */
  #frame = 0;
  /**
   * The view jumped past the rows rendered (a fling, the scrollbar dragged, Ctrl+End): rows are rendered
   * with `JUMP_OVERSCAN`, not the full overscan, until the scroll rests (`JUMP_REST_MS`); every frame of
   * a fling builds its screen of new rows and not a dozen more nobody sees.
   */
  #jumping = false;
  #scrolledAt = Number.NEGATIVE_INFINITY;

  /**
   * True while the view jumps past the rows rendered (a fling, the scrollbar dragged, Ctrl+End) and until
   * the scroll rests (`JUMP_REST_MS` after the last scroll): the host may draw its rows plainer meanwhile
   * (decision 038). It is asked to render again when the jump ends.
   */
  get jumping(): boolean {
    return this.#jumping;
  }

  constructor(host: ReactiveControllerHost, options: VirtualWindowOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Starts following `elements` (call from the host's `firstUpdated`/`updated`; a no-op when unchanged). */
  attach(elements: VirtualWindowElements): void {
    const current = this.#elements;
    if (current && current.scroller === elements.scroller && current.rowProbe === elements.rowProbe && current.columns === elements.columns) return;
    this.#detach();
    this.#elements = elements;
    this.#listen();
  }

  hostConnected(): void {
    this.#listen();
  }

  /**
   * After a render: the scroller is read again in the next frame (once however many renders), where
   * its layout is the frame's own. What a render changes that no event reports (a horizontal
   * scrollbar appearing, a position clamped by fewer rows) is followed from there.
   */
  hostUpdated(): void {
    this.#nextFrame();
  }

  /** Reads the scroller in the next frame; syncs when it moved, or to restore the overscan once a jump rests. */
  #nextFrame(): void {
    if (this.#frame || !this.#elements || typeof requestAnimationFrame !== 'function') return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#read() || this.#jumping) this.sync();
      if (this.#jumping) this.#nextFrame();
    });
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#rest);
    this.#detach(false);
  }

  /**
   * The current metrics, from the scroller's position and height as last read (`#read`): at a scroll
   * event, a resize, a scroll this controller made, and once a frame after the host rendered. Never
   * read here: a render follows the store's answers, and reading `scrollTop` or `clientHeight` then
   * forced a layout of the rows just written, laid out again for the frame (twice per jump of a fast scroll).
   */
  metrics(): WindowMetrics {
    const { scrollTop, viewportHeight } = this.#at;
    const m: WindowMetrics = {
      scrollTop,
      viewportHeight,
      headerHeight: 0, // the header is not in the scroller (decision 033)
      rowHeight: this.rowHeight,
      total: Math.max(0, this.#options.total()),
    };
    const anchor = this.#anchor;
    m.offset = anchor && anchor.scrollTop === scrollTop ? anchor.offset : offsetAfter(this.#drawn, m);
    return m;
  }

  /**
   * Reads the scroller's position and height (a layout when the DOM changed since the last one).
   * The height is read, not taken from the resize observer: a horizontal scrollbar appearing does
   * not resize the scroller's box. Returns true when either changed.
   */
  #read(): boolean {
    const scroller = this.#elements?.scroller;
    const at = { scrollTop: scroller?.scrollTop ?? 0, viewportHeight: scroller?.clientHeight ?? 0 };
    const changed = at.scrollTop !== this.#at.scrollTop || at.viewportHeight !== this.#at.viewportHeight;
    this.#at = at;
    return changed;
  }

  /** Whole rows per screen (PageUp / PageDown). */
  pageRows(): number {
    this.#read();
    return rowsPerPage(this.metrics());
  }

  /**
   * Recomputes the ranges; requests a host update and reports when the
   * rendered range changed. Returns true when it did.
   */
  sync(): boolean {
    const metrics = this.metrics();
    const option = this.#options.overscan;
    const overscan = Math.max(0, (typeof option === 'function' ? option() : option) ?? 6);
    const visible = visibleRows(metrics);
    const before = this.rendered;
    const jumped = before.end > before.start && visible.end > visible.start && (visible.start >= before.end || visible.end <= before.start);
    const wasJumping = this.#jumping;
    this.#jumping = jumped || (this.#jumping && performance.now() - this.#scrolledAt < JUMP_REST_MS);
    // The rows drawn plain while it jumped are drawn whole now, even when the range stays (an overscan of 2 or less).
    if (wasJumping && !this.#jumping) this.#host.requestUpdate();
    const rendered = renderedRows(metrics, this.#jumping ? Math.min(overscan, JUMP_OVERSCAN) : overscan);
    this.visible = visible;
    // Scaled, the rows are drawn relative to the scroll position: a new position is a new render.
    const moved = metrics.offset !== this.#drawn.offset || metrics.scrollTop !== this.#drawn.scrollTop;
    if (moved && metrics.offset !== metrics.scrollTop) this.#host.requestUpdate();
    this.#drawn = { scrollTop: metrics.scrollTop, offset: metrics.offset ?? metrics.scrollTop, total: metrics.total };
    this.#metrics = metrics;
    if (moved && isScaled(metrics)) {
      clearTimeout(this.#rest);
      this.#rest = setTimeout(() => this.#reanchor(), REANCHOR_MS);
    }
    if (rendered.start === this.rendered.start && rendered.end === this.rendered.end) return false;
    this.rendered = rendered;
    this.#host.requestUpdate();
    this.#options.onRangeChange?.(rendered, this.visible);
    return true;
  }

  /**
   * Where to draw the rendered rows, for the last `sync`: from a `base` row
   * near them, so no row sits millions of pixels from the layout position it
   * is drawn from (engines draw with 32-bit floats: half pixels at 4.8M px),
   * and, when scaled, relative to the scroll position.
   */
  placement(): RowPlacement {
    const m = this.#metrics;
    const base = Math.floor(this.rendered.start / PLACEMENT_BLOCK) * PLACEMENT_BLOCK;
    if (!m || !isScaled(m)) return { base, top: null, spacer: null };
    return { base, top: Math.round(rowTop(base, m)), spacer: spacerHeight(m) };
  }

  /** Scrolls (only as far as needed) so row `index` is fully in view, and updates the ranges at once. */
  reveal(index: number): void {
    const scroller = this.#elements?.scroller;
    if (!scroller) return;
    this.#read();
    const m = this.metrics();
    const offset = revealScrollTop(index, m);
    if (offset !== null) {
      const top = scrollTopFor(offset, m);
      scroller.scrollTop = top;
      // The scroller may round or clamp what it was given: the anchor holds only while it says `top`.
      this.#anchor = { scrollTop: scroller.scrollTop, offset: scroller.scrollTop === top ? offset : offsetAt(scroller.scrollTop, m) };
      this.#read();
    }
    this.sync();
  }

  /**
   * Scaled, once the scroll rests: small scrolls moved the rows 1:1, so the scroller is no longer
   * where their offset maps (`offsetAt`). It is put there, with that exact offset anchored: the rows
   * stay where they are, and the scrollbar says again how far down they are.
   */
  #reanchor(): void {
    const scroller = this.#elements?.scroller;
    this.#read();
    const m = this.metrics();
    const offset = m.offset!;
    const top = scrollTopFor(offset, m);
    if (!scroller || !isScaled(m) || top === m.scrollTop) return;
    scroller.scrollTop = top;
    // Keyed on what the scroller says it is at (Firefox reads back a fraction near `top`): the rows stay put.
    this.#anchor = { scrollTop: scroller.scrollTop, offset };
    this.#read();
    this.sync();
  }

  /** Scrolls to the top. */
  scrollToTop(): void {
    this.#anchor = null;
    if (this.#elements) this.#elements.scroller.scrollTop = 0;
    this.#read();
    this.sync();
  }

  #onScroll = () => {
    this.#scrolledAt = performance.now();
    this.#read();
    this.#sideways(true);
    this.sync();
  };

  /** The header outside the scroller was scrolled sideways (focus on a header cell): the rows follow. */
  #onColumnsScroll = () => this.#sideways(false);

  /** The header follows the scroller sideways (`fromRows`), or the scroller the header. */
  #sideways(fromRows: boolean): void {
    const { scroller, columns } = this.#elements!;
    if (!columns) return;
    const [from, to] = fromRows ? [scroller, columns] : [columns, scroller];
    if (to.scrollLeft !== from.scrollLeft) to.scrollLeft = from.scrollLeft;
  }

  #measure(): void {
    const elements = this.#elements;
    if (!elements) return;
    const row = elements.rowProbe.getBoundingClientRect().height;
    if (row > 0) this.rowHeight = row;
    // The scroller's vertical scrollbar (none with overlay scrollbars; the scroller has no border): the header leaves the same room.
    elements.columns?.style.setProperty('--_gutter', `${elements.scroller.offsetWidth - elements.scroller.clientWidth}px`);
    this.#sideways(true);
  }

  #listen(): void {
    const elements = this.#elements;
    if (!elements || this.#resize) return;
    elements.scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    elements.columns?.addEventListener('scroll', this.#onColumnsScroll, { passive: true });
    this.#resize = new ResizeObserver(() => {
      this.#measure();
      this.#read();
      this.sync();
    });
    // The observer's first callback comes after the frame's layout: measuring here would force that
    // layout (the page's first, at a cold load) inside the render's task.
    this.#resize.observe(elements.scroller);
    this.#resize.observe(elements.rowProbe);
  }

  #detach(forget = true): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#elements?.scroller.removeEventListener('scroll', this.#onScroll);
    this.#elements?.columns?.removeEventListener('scroll', this.#onColumnsScroll);
    if (forget) this.#elements = undefined;
  }
}

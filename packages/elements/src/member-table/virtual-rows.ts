/**
 * The arithmetic of virtual scrolling over fixed-height rows, with no DOM:
 * scroll metrics in, row ranges out (`visibleRows`, `renderedRows`,
 * `rowsPerPage`, `revealScrollTop`), and `assignSlots`, which recycles DOM
 * nodes so a row that stays on screen never moves to another node. Exported
 * from `@segkit/elements/headless` for hosts that virtualize their own table
 * over `createMemberTableConnector`.
 *
 * Layout: a spacer `rowHeight * total` tall, row `i` at `rowHeight * i`. The
 * scroller may hold a sticky header above the rows (`headerHeight`); rows
 * start below it. Past `MAX_SCROLL_HEIGHT` (a million rows of 48 px are
 * 48,000,000 px; browsers cap an element's height, Firefox near 17.9M px)
 * the spacer is capped and the scroll is scaled: `scrollTop` maps to an
 * `offset` into the rows (`offsetAt`, `scrollTopFor`), rows are drawn around
 * the scroll position (`rowTop`), and every range and key works on row
 * indexes, so they stay exact (decision 028).
 */
/** Rows `[start, end)`. */
export interface RowRange {
  start: number;
  end: number;
}

export interface WindowMetrics {
  /** The scroller's `scrollTop`. */
  scrollTop: number;
  /**
   * How far into the rows the view is (px of `rowHeight * total`): `scrollTop`
   * itself unless the scroll is scaled (`offsetAt`). Default: `scrollTop`.
   */
  offset?: number;
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

/**
 * The tallest spacer the table makes (px). Below every engine's cap on an
 * element's height (Firefox: about 17.9M px), and below 2^23 px, where a
 * 32-bit float (what compositors use) still holds every whole pixel.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** No rows: `{ start: 0, end: 0 }` (frozen, shared). */
export const NO_ROWS: RowRange = Object.freeze({ start: 0, end: 0 });

function bodyHeight(m: WindowMetrics): number {
  return Math.min(MAX_BODY_HEIGHT, Math.max(0, m.viewportHeight - m.headerHeight));
}

/** Height of the spacer that scrolls: every row, or `MAX_SCROLL_HEIGHT` past it. */
export function spacerHeight(m: Pick<WindowMetrics, 'rowHeight' | 'total'>): number {
  return Math.min(MAX_SCROLL_HEIGHT, Math.max(0, m.total) * m.rowHeight);
}

/** The scroll is scaled: the rows are taller than the spacer. */
export function isScaled(m: Pick<WindowMetrics, 'rowHeight' | 'total'>): boolean {
  return Math.max(0, m.total) * m.rowHeight > MAX_SCROLL_HEIGHT;
}

/** The rows' part of the viewport: below the header (not bounded, unlike the rendered body). */
function rowsViewport(m: WindowMetrics): number {
  return Math.max(0, m.viewportHeight - m.headerHeight);
}

/** The two scroll ranges, [scrollTop, offset] at their ends: scrolling to the end shows the last row. */
function scrollRanges(m: WindowMetrics): [number, number] {
  const body = rowsViewport(m);
  return [Math.max(0, spacerHeight(m) - body), Math.max(0, m.total * m.rowHeight - body)];
}

/** The offset into the rows shown at `scrollTop` (itself unless scaled; proportional when scaled). */
export function offsetAt(scrollTop: number, m: WindowMetrics): number {
  if (!isScaled(m)) return scrollTop;
  const [maxScroll, maxOffset] = scrollRanges(m);
  if (maxScroll <= 0) return 0;
  return (Math.min(maxScroll, Math.max(0, scrollTop)) * maxOffset) / maxScroll;
}

/** Where the view was: the scroll position, the offset it showed and the row count then. */
export interface ShownAt {
  scrollTop: number;
  offset: number;
  total: number;
}

/**
 * The offset shown at `m.scrollTop`, coming from `previous` (decision 028, rule 6). Scaled, a move
 * of at most two screens (a wheel notch, an arrow or Page Down on the scroller) moves the rows by
 * as many pixels as the scroller moved, as below the cap; a longer jump (the scrollbar dragged, a
 * fling), either end of the scroll, or a new row count maps proportionally (`offsetAt`). Unscaled:
 * `scrollTop`.
 */
export function offsetAfter(previous: ShownAt, m: WindowMetrics): number {
  if (!isScaled(m)) return m.scrollTop;
  const [maxScroll, maxOffset] = scrollRanges(m);
  const delta = m.scrollTop - previous.scrollTop;
  const local = previous.total === m.total && m.scrollTop > 0 && m.scrollTop < maxScroll && Math.abs(delta) <= 2 * rowsViewport(m);
  return local ? Math.min(maxOffset, Math.max(0, previous.offset + delta)) : offsetAt(m.scrollTop, m);
}

/** The `scrollTop` that shows `offset` (the inverse of `offsetAt`; whole pixels when scaled). */
export function scrollTopFor(offset: number, m: WindowMetrics): number {
  if (!isScaled(m)) return offset;
  const [maxScroll, maxOffset] = scrollRanges(m);
  if (maxOffset <= 0) return 0;
  return Math.round((Math.min(maxOffset, Math.max(0, offset)) * maxScroll) / maxOffset);
}

/** Where row `index` goes in the spacer (px from its top): `rowHeight * index` unless scaled, else relative to the view. */
export function rowTop(index: number, m: WindowMetrics): number {
  const offset = m.offset ?? m.scrollTop;
  return m.scrollTop + index * m.rowHeight - offset;
}

/** The rows at least partly in view. */
export function visibleRows(m: WindowMetrics): RowRange {
  if (m.total <= 0 || !(m.rowHeight > 0)) return NO_ROWS;
  const top = Math.max(0, m.offset ?? m.scrollTop);
  const start = Math.min(m.total - 1, Math.floor(top / m.rowHeight));
  const end = Math.min(m.total, Math.max(start + 1, Math.ceil((top + bodyHeight(m)) / m.rowHeight)));
  return { start, end };
}

/** The visible rows plus `overscan` rows on each side. */
export function renderedRows(m: WindowMetrics, overscan: number): RowRange {
  const visible = visibleRows(m);
  if (visible.end === 0) return NO_ROWS;
  return { start: Math.max(0, visible.start - overscan), end: Math.min(m.total, visible.end + overscan) };
}

/** Whole rows that fit in the body: the distance PageUp / PageDown move. */
export function rowsPerPage(m: WindowMetrics): number {
  return m.rowHeight > 0 ? Math.max(1, Math.floor(bodyHeight(m) / m.rowHeight)) : 1;
}

/** The offset (`scrollTop` unless scaled) that brings row `index` fully into view, or `null` when it already is. */
export function revealScrollTop(index: number, m: WindowMetrics): number | null {
  const top = index * m.rowHeight;
  const bottom = top + m.rowHeight;
  const body = Math.max(m.rowHeight, m.viewportHeight - m.headerHeight);
  const offset = m.offset ?? m.scrollTop;
  if (top < offset) return top;
  if (bottom > offset + body) return bottom - body;
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

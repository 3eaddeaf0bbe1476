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
 * start below it.
 */
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

/** No rows: `{ start: 0, end: 0 }` (frozen, shared). */
export const NO_ROWS: RowRange = Object.freeze({ start: 0, end: 0 });

function bodyHeight(m: WindowMetrics): number {
  return Math.min(MAX_BODY_HEIGHT, Math.max(0, m.viewportHeight - m.headerHeight));
}

/** The rows at least partly in view. */
export function visibleRows(m: WindowMetrics): RowRange {
  if (m.total <= 0 || !(m.rowHeight > 0)) return NO_ROWS;
  const top = Math.max(0, m.scrollTop);
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

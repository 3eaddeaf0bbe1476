import { css } from 'lit';

/**
 * Styles of `segkit-member-table`. Layout is pure CSS: the body is
 * `--_row-h * --_rows` tall and each row sits at `--_row-h * index` (its
 * `inset-block-start`, `rowInsetStart`, placed from row `--_base`), so the row height can be any CSS length;
 * past the height cap the element sets `--_body-h` and `--_top` (decision
 * 028); the header row sits above the scroller, not in it (decision 033). Logical properties only (RTL).
 */
export const memberTableStyles = css`
  :host {
    --_row-h: var(--segkit-member-table-row-height, 48px);
    --_header-h: var(--segkit-member-table-header-height, 40px);
    --_header-bg: var(--segkit-member-table-header-background, var(--_surface));
    --_row-bg: var(--segkit-member-table-row-background, var(--_bg));
    --_row-hover: var(--segkit-member-table-row-hover-background, color-mix(in srgb, var(--_surface) 60%, var(--_bg)));
    --_row-selected: var(--segkit-member-table-selected-background, var(--_selected));
    --_line: var(--segkit-member-table-border-color, var(--_border));
    --_avatar: var(--segkit-member-table-avatar-size, 28px);
    --_cell-pad: var(--segkit-member-table-cell-padding, 12px);
    display: block;
    height: var(--segkit-member-table-height, 480px);
    min-height: 0;
  }

  /* The base repeats the text reset so a page's rules on the host element do not leak in. */
  .base {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    position: relative;
    overflow: hidden;
    background: var(--_bg);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
  }

  /* One row whose height does not depend on what it shows (count or selection). */
  .toolbar {
    flex: none;
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
    min-height: calc(34px + var(--_space) * 2);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_line);
  }
  :host([no-search]) .toolbar {
    min-height: 0;
    padding-block: calc(var(--_space) * 0.5);
  }
  :host([no-search]) .status {
    min-height: 28px;
  }
  .search {
    flex: 1 1 16em;
    max-width: 26em;
    appearance: none;
  }
  .status {
    display: flex;
    flex: 1 1 18em;
    justify-content: flex-end;
    min-width: 0;
    min-height: 34px;
    align-items: center;
  }
  .count {
    color: var(--_muted);
    font-size: 0.92em;
    white-space: nowrap;
  }
  .selection-bar {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: calc(var(--_space) * 0.5);
    min-width: 0;
    font-size: 0.92em;
  }
  .selection-text {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 500;
  }
  .selection-bar .btn {
    flex: none;
  }
  .notice {
    color: var(--_danger);
    font-weight: 400;
  }

  /* The error notice: a live region (the role) around the state slot (the part). */
  .announce {
    flex: none;
  }
  .state.error,
  .base > .sync-line .sync {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_line);
    font-size: 0.92em;
  }
  /* The sync notice: "Updating…" at the start of the toolbar's status (it never changes the toolbar's height); offline and paused as a band. */
  .status > .sync-line {
    flex: 0 1 auto;
    margin-inline-end: auto;
    padding-inline-end: var(--_space);
  }
  .base > .sync-line {
    flex: none;
    display: block;
  }
  .base > .sync-line .sync {
    color: var(--_text);
    white-space: normal;
    background: color-mix(in srgb, var(--_muted) 12%, var(--_bg));
  }
  .base > .sync-line .sync.paused {
    background: color-mix(in srgb, var(--_danger) 8%, var(--_bg));
  }
  .state.error {
    background: color-mix(in srgb, var(--_danger) 8%, var(--_bg));
    color: var(--_text);
  }
  .state.error .message {
    color: var(--_danger);
  }
  .link {
    min-height: 28px;
    padding: 0 calc(var(--_space) * 0.75);
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  :host([theme='dark']) .link {
    color: var(--_focus);
  }

  /*
   * The grid: the header row above a scroller of rows only (decision 033). The header is not in the scroller,
   * so no row can ever show above it; it follows the scroller sideways, padded by its scrollbar (--_gutter).
   */
  .grid {
    display: flex;
    flex-direction: column;
    flex: 1 1 0;
    min-height: 0;
    background: var(--_bg);
  }
  .head-clip {
    flex: none;
    overflow: hidden;
    padding-inline-end: var(--_gutter, 0px);
    background: var(--_header-bg);
  }
  .scroller {
    flex: 1 1 0;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
    /* Rows are recycled (moved as the view moves): the browser must not "anchor" the scroll to one of them. */
    overflow-anchor: none;
  }
  .grid.bare {
    flex: 0 0 auto;
  }
  .grid.bare .scroller {
    flex: none;
    overflow-y: hidden;
  }
  .sizer {
    position: relative;
    min-width: var(--_min-w, 100%);
  }
  .header-row,
  .row {
    display: grid;
    grid-template-columns: var(--_cols);
    align-items: stretch;
  }
  .header-row {
    height: var(--_header-h);
    background: var(--_header-bg);
    border-block-end: 1px solid var(--_line);
  }
  .header-cell {
    display: flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
    padding: 0 var(--_cell-pad);
    color: var(--_muted);
    font-size: 0.86em;
    font-weight: 600;
    white-space: nowrap;
    user-select: none;
  }
  .header-cell.sortable {
    cursor: pointer;
  }
  .header-cell.sortable:hover,
  .header-cell[aria-sort] {
    color: var(--_text);
  }
  .header-label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* A chevron drawn with borders (no text, so it never joins the header's name). */
  .sort-icon {
    flex: none;
    width: 6px;
    height: 6px;
    margin: 0 4px;
    border: solid currentColor;
    border-width: 0 1.5px 1.5px 0;
    transform: translateY(-2px) rotate(45deg);
    opacity: 0.3;
  }
  .sort-icon.ascending {
    transform: translateY(2px) rotate(-135deg);
  }
  .header-cell[aria-sort] .sort-icon {
    opacity: 1;
  }

  /*
   * The spacer: every row's height, or (past the cap, scaled) --_body-h. Rows are placed in layout units
   * (exact), never by a transform: engines map transformed boxes with 32-bit floats, which hold only half
   * pixels millions of pixels down (decision 028). Row --_base is at --_top (scaled) or --_row-h * --_base.
   * Scaled, a row far from the view (the focused one) is clamped into positions every engine can hold, and
   * the body clips: no row, however placed, makes the scroll longer than the spacer.
   */
  .body {
    position: relative;
    height: var(--_body-h, calc(var(--_row-h) * var(--_rows, 0)));
    overflow: clip;
  }
  /* Its top is set on each row (rowInsetStart below). */
  .row {
    position: absolute;
    inset-inline: 0;
    height: var(--_row-h);
    background: var(--_row-bg);
    border-block-end: 1px solid var(--_line);
    box-sizing: border-box;
    contain: layout style;
  }
  .row:hover {
    background: var(--_row-hover);
  }
  .row[aria-selected='true'] {
    background: var(--_row-selected);
  }
  .cell {
    display: flex;
    align-items: center;
    min-width: 0;
    padding: 0 var(--_cell-pad);
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .cell.end,
  .header-cell.end {
    justify-content: flex-end;
    text-align: end;
  }
  .header-cell.end {
    flex-direction: row-reverse;
    justify-content: flex-start;
  }
  .cell.center,
  .header-cell.center {
    justify-content: center;
    text-align: center;
  }
  .cell:focus,
  .header-cell:focus {
    outline: none;
  }
  .cell:focus-visible,
  .header-cell:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .select-cell {
    justify-content: center;
    padding: 0;
    cursor: pointer;
  }

  .skeleton {
    display: block;
    width: 70%;
    height: 10px;
    border-radius: 5px;
    background: color-mix(in srgb, var(--_muted) 20%, transparent);
  }
  /* The first-load placeholder (rendered once) pulses by CSS; the rows' bars by one shared Web Animation (skeleton-pulse.ts). */
  .loading-row .skeleton {
    animation: segkit-pulse 1.2s ease-in-out infinite;
  }
  .skeleton.box {
    flex: none;
    width: 18px;
    height: 18px;
  }
  @keyframes segkit-pulse {
    50% {
      opacity: 0.45;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .loading-row .skeleton {
      animation: none;
    }
  }

  .state.loading,
  .state.empty {
    flex: 1 1 auto;
    min-height: 0;
    overflow: auto;
  }
  .state.empty {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 3);
    text-align: center;
  }
  .state .title {
    margin: 0;
    font-weight: 600;
    font-size: 1.05em;
  }
  .state .hint {
    margin: 0;
    color: var(--_muted);
  }
  .loading-row {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 2);
    height: var(--_row-h);
    padding: 0 var(--_cell-pad);
    border-block-end: 1px solid var(--_line);
  }

  .probe {
    position: absolute;
    inset-block-start: 0;
    inset-inline-start: 0;
    width: 1px;
    height: var(--_row-h);
    visibility: hidden;
    pointer-events: none;
  }
`;

/**
 * A row's top, set on the row itself (`inset-block-start`): row `--_base` sits at `--_top` (scaled) or
 * `--_row-h * --_base`, and row `index` that many rows below it, clamped into positions every engine can hold
 * (decision 028). Not a per-row custom property the CSS reads: custom properties are inherited, so a new value
 * restyled every element in the row at each scroll; a plain property restyles the row alone (decision 037).
 */
export function rowInsetStart(index: number): string {
  return `clamp(-1000000px, calc(var(--_top, calc(var(--_row-h) * var(--_base, 0))) + var(--_row-h) * (${index} - var(--_base, 0))), 10000000px)`;
}

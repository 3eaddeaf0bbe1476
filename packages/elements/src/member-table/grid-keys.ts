/**
 * Keyboard of the member grid (WAI-ARIA grid pattern), as a pure function:
 * a key press at a position becomes a command. No DOM, so any renderer (or a
 * test) can use it.
 */

/** A cell: `row` -1 is the header row, 0.. the members; `col` 0 is the checkbox column. */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridShape {
  /** Member rows (the header row not included). */
  rows: number;
  cols: number;
  /** Rows PageUp / PageDown move. */
  pageRows: number;
  /** Right-to-left: ArrowLeft moves to the next column. */
  rtl: boolean;
}

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export type GridCommand =
  /** Move the focus; `extend` also extends the selection to the new row (Shift). */
  | { kind: 'move'; to: GridPosition; extend: boolean }
  /** Space on a member row: toggle it, or extend the selection to it (Shift+Space). */
  | { kind: 'toggle'; extend: boolean }
  /** Enter or Space on a header cell: sort by it, or (checkbox column) select the page. */
  | { kind: 'activate' }
  /** Ctrl+A / Cmd+A. */
  | { kind: 'select-all' }
  /** Escape. */
  | { kind: 'clear' };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function gridCommand(event: KeyLike, at: GridPosition, shape: GridShape): GridCommand | null {
  const ctrl = Boolean(event.ctrlKey || event.metaKey);
  const shift = Boolean(event.shiftKey);
  if (event.altKey) return null;
  const lastRow = shape.rows - 1; // -1 when there are no member rows: only the header
  const lastCol = Math.max(0, shape.cols - 1);
  const move = (row: number, col: number, extend = false): GridCommand => {
    const to = { row: clamp(row, -1, lastRow), col: clamp(col, 0, lastCol) };
    return { kind: 'move', to, extend: extend && shift && to.row >= 0 };
  };
  switch (event.key) {
    case 'ArrowDown':
      return ctrl ? null : move(at.row + 1, at.col, true);
    case 'ArrowUp':
      return ctrl ? null : move(at.row - 1, at.col, true);
    case 'ArrowRight':
      return ctrl ? null : move(at.row, at.col + (shape.rtl ? -1 : 1));
    case 'ArrowLeft':
      return ctrl ? null : move(at.row, at.col + (shape.rtl ? 1 : -1));
    case 'Home':
      return ctrl ? move(Math.min(0, lastRow), 0) : move(at.row, 0);
    case 'End':
      return ctrl ? move(lastRow, lastCol) : move(at.row, lastCol);
    case 'PageDown':
      return move(Math.max(0, at.row + shape.pageRows), at.col, true);
    case 'PageUp':
      return at.row < 0 ? move(at.row, at.col) : move(Math.max(0, at.row - shape.pageRows), at.col, true);
    case ' ':
    case 'Spacebar':
      if (ctrl) return null;
      return at.row < 0 ? { kind: 'activate' } : { kind: 'toggle', extend: shift };
    case 'Enter':
      return at.row < 0 && !ctrl && !shift ? { kind: 'activate' } : null;
    case 'a':
    case 'A':
      return ctrl && !shift ? { kind: 'select-all' } : null;
    case 'Escape':
      return { kind: 'clear' };
    default:
      return null;
  }
}

/**
 * The member grid's roving focus (WAI-ARIA grid pattern), as a Lit
 * ReactiveController: one active cell holds tabindex=0 and follows the
 * keyboard, the pointer and Tab. Moving to a row scrolls it into view first
 * (rows outside the virtual window are not rendered), then focuses it after
 * the render (through `FocusController`). When a render removes the focused
 * control, the focus stays in the element: a cell whose row went away
 * (fewer rows now) leaves it on the same index, clamped; a toolbar button
 * that went away ("Select all N matching") leaves it on the toolbar.
 *
 * Cells are the elements with `data-row` and `data-col` inside `.grid`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FocusController, firstFocusable } from '../internal/focus.js';
import type { GridPosition } from './grid-keys.js';

type Host = ReactiveControllerHost & HTMLElement;

export interface GridFocusOptions {
  /** Member rows laid out now. */
  rows(): number;
  /** Scrolls member row `index` into view (and asks for its page). */
  reveal(index: number): void;
}

export class GridFocusController implements ReactiveController {
  /** The active cell: row -1 is the header row, col 0 the checkbox column. */
  active: GridPosition = { row: 0, col: 0 };

  readonly #host: Host;
  readonly #options: GridFocusOptions;
  readonly #focus: FocusController;
  /** The grid had the focus when the current update started. */
  #hadFocus = false;
  /** A move whose cell is not focused yet: its render waits (for the row's page, at most a frame). */
  #moving = false;

  constructor(host: Host, options: GridFocusOptions) {
    this.#host = host;
    this.#options = options;
    this.#focus = new FocusController(host, { fallback: () => this.#fallback(), preventScroll: true });
    host.addController(this);
  }

  hostUpdate(): void {
    this.#hadFocus = this.hasFocus();
  }

  /** The focus is in the grid (a cell, or a host's control inside one). */
  hasFocus(): boolean {
    const active = this.#host.shadowRoot?.activeElement;
    return Boolean(active && active.closest('.grid'));
  }

  /** The cell that holds tabindex=0: the active cell when its row exists, else its column's header. */
  tabStop(): GridPosition {
    const { row, col } = this.active;
    return row >= 0 && row < this.#options.rows() ? { row, col } : { row: -1, col };
  }

  /** Keeps the active cell inside `cols` columns and, when known, `total` rows. */
  clamp(cols: number, total: number | null | undefined): void {
    const col = Math.min(Math.max(0, this.active.col), cols - 1);
    const row = total === null || total === undefined ? this.active.row : Math.min(this.active.row, total - 1);
    if (row !== this.active.row || col !== this.active.col) this.active = { row, col };
  }

  /** Makes `to` the active cell and focuses it after the next render, scrolled into view. */
  async moveTo(to: GridPosition): Promise<void> {
    this.active = to;
    this.#moving = true;
    if (to.row >= 0) this.#options.reveal(to.row);
    this.#focus.focusAfterUpdate(() => {
      this.#moving = false;
      const cell = this.#cellAt(this.tabStop());
      if (cell) this.#revealSideways(cell);
      return cell;
    });
    await this.#host.updateComplete;
  }

  /** A click on `cell`: it becomes the active cell, focused where it is. */
  activate(hit: { cell: HTMLElement } & GridPosition): void {
    this.active = { row: hit.row, col: hit.col };
    this.#moving = false;
    if (this.#host.shadowRoot?.activeElement !== hit.cell) hit.cell.focus({ preventScroll: true });
  }

  /**
   * Where a key pressed in `hit` (the focused cell) acts from: the active cell while a move to it
   * is not focused yet, so keys pressed faster than the table renders add up (PageDown twice moves
   * two pages, not one twice); else `hit`.
   */
  keyPosition(hit: GridPosition): GridPosition {
    return this.#moving ? { ...this.active } : { row: hit.row, col: hit.col };
  }

  /** The cell an event happened in, with its position (undefined outside the cells of the listening element). */
  cellOf(event: Event): ({ cell: HTMLElement } & GridPosition) | undefined {
    for (const node of event.composedPath()) {
      if (node === event.currentTarget) return undefined;
      if (node instanceof HTMLElement && node.dataset.col !== undefined && node.dataset.row !== undefined) {
        return { cell: node, row: Number(node.dataset.row), col: Number(node.dataset.col) };
      }
    }
    return undefined;
  }

  /** `focusin` on the grid: a cell the user reached (Tab, pointer) becomes the active cell. */
  onFocusIn = (event: FocusEvent): void => {
    const hit = this.cellOf(event);
    if (!hit || (hit.row === this.active.row && hit.col === this.active.col)) return;
    this.active = { row: hit.row, col: hit.col };
    this.#moving = false;
    this.#host.requestUpdate();
  };

  #cellAt(at: GridPosition): HTMLElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLElement>(`.grid [data-row="${at.row}"][data-col="${at.col}"]`) ?? null;
  }

  #fallback(): HTMLElement | null {
    if (this.#hadFocus) return this.#cellAt(this.tabStop());
    const root = this.#host.shadowRoot;
    return root?.querySelector<HTMLElement>('.toolbar button') ?? firstFocusable(root);
  }

  /** Scrolls a cell hidden sideways into view (the window handles rows; scrollIntoView would also move them). */
  #revealSideways(cell: HTMLElement): void {
    // The rows' scroller (the header outside it follows it sideways).
    const grid = this.#host.shadowRoot?.querySelector<HTMLElement>('.scroller');
    if (!grid) return;
    const left = grid.getBoundingClientRect().left + grid.clientLeft;
    const right = left + grid.clientWidth;
    const box = cell.getBoundingClientRect();
    if (box.left < left) grid.scrollLeft -= left - box.left;
    else if (box.right > right) grid.scrollLeft += Math.min(box.right - right, box.left - left);
  }
}

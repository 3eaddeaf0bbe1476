/**
 * vaadin-grid (@vaadin/grid, its base styles) in the side-by-side run: an
 * array of items, a selection column, the same five columns drawn by renderers.
 */
import type { Member } from '@segkit/core';
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-column.js';
import '@vaadin/grid/vaadin-grid-selection-column.js';
import type { Grid, GridItemModel } from '@vaadin/grid';
import type { GridColumn } from '@vaadin/grid/vaadin-grid-column.js';
import type { GridSelectionColumn } from '@vaadin/grid/vaadin-grid-selection-column.js';
import { COLUMNS, columnTexts } from './shared.js';
import type { MountGrid } from './shared.js';

const SELECT = 48;

export const mountGrid: MountGrid = (host, { members, segmentNames }) => {
  const grid = document.createElement('vaadin-grid') as Grid<Member>;
  grid.style.cssText = 'flex:1;min-height:0';
  const selection = document.createElement('vaadin-grid-selection-column') as GridSelectionColumn<Member>;
  selection.width = `${SELECT}px`;
  selection.flexGrow = 0;
  grid.append(selection);
  const text = columnTexts(segmentNames);
  for (const { key, label } of COLUMNS) {
    const column = document.createElement('vaadin-grid-column') as GridColumn<Member>;
    column.header = label;
    column.flexGrow = key === 'country' || key === 'followers' ? 1 : 2;
    if (key === 'followers') column.textAlign = 'end';
    column.renderer = (root: HTMLElement, _column: unknown, model: GridItemModel<Member>) => {
      root.textContent = text[key]!(model.item);
      if (key === 'name') root.dataset.i = String(model.index);
    };
    grid.append(column);
  }
  grid.items = members;
  host.append(grid);
  /** The cell content (light DOM, slotted) at the top of the view, `dx` px into the grid. */
  const topCell = (dx: number) => {
    const head = grid.shadowRoot?.querySelector('thead')?.getBoundingClientRect();
    if (!head) return null;
    return document.elementFromPoint(head.left + dx, head.bottom + 6)?.closest('vaadin-grid-cell-content') ?? null;
  };
  return {
    scroller: () => grid.shadowRoot!.querySelector<HTMLElement>('#table')!,
    topRow() {
      const cell = topCell(SELECT + 20) as HTMLElement | null;
      const name = cell?.textContent;
      return cell?.dataset.i && name ? { index: Number(cell.dataset.i), name } : null;
    },
    selectAll: () => {
      selection.selectAll = true;
    },
    topRowSelected: () => (topCell(SELECT / 2)?.querySelector('vaadin-checkbox') as { checked?: boolean } | null)?.checked === true,
  };
};

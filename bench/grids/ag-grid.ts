/**
 * AG Grid Community in the side-by-side run: the client-side row model and
 * row selection modules only (not AllCommunityModule: the least a page with
 * this table needs), its default theme, the same five columns, checkboxes
 * with its own select-all in the header.
 */
import type { Member } from '@segkit/core';
import { ClientSideRowModelModule, ModuleRegistry, RowSelectionModule, createGrid } from 'ag-grid-community';
import type { ColDef, GridApi } from 'ag-grid-community';
import { COLUMNS, columnTexts } from './shared.js';
import type { MountGrid } from './shared.js';

ModuleRegistry.registerModules([ClientSideRowModelModule, RowSelectionModule]);

export const mountGrid: MountGrid = (host, { members, segmentNames }) => {
  const div = document.createElement('div');
  div.style.cssText = 'flex:1;min-height:0';
  host.append(div);
  const value = columnTexts(segmentNames);
  const columnDefs: ColDef<Member>[] = COLUMNS.map(({ key, label }) => ({
    colId: key,
    headerName: label,
    valueGetter: (p) => (p.data ? value[key]!(p.data) : ''),
    flex: key === 'country' || key === 'followers' ? 1 : 2,
    sortable: false,
  }));
  const api: GridApi<Member> = createGrid(div, {
    rowData: members,
    columnDefs,
    getRowId: (p) => p.data.id,
    rowSelection: { mode: 'multiRow', headerCheckbox: true, selectAll: 'all' },
  });
  /** The element that scrolls the rows (found by what it does: AG Grid builds its class names). */
  let scrolling: HTMLElement | undefined;
  const scroller = () =>
    (scrolling ??= [...div.querySelectorAll<HTMLElement>('*')].find((e) => e.scrollHeight > 100 * e.clientHeight && /auto|scroll/.test(getComputedStyle(e).overflowY)))!;
  const topRowElement = () => {
    const head = div.querySelector('.ag-header')?.getBoundingClientRect();
    const name = div.querySelector('.ag-header-cell[col-id="name"]')?.getBoundingClientRect();
    if (!head || !name) return null;
    return document.elementFromPoint(name.left + 20, head.bottom + 6)?.closest<HTMLElement>('.ag-row') ?? null;
  };
  return {
    scroller,
    topRow() {
      const row = topRowElement();
      const name = row?.querySelector('[col-id="name"]')?.textContent;
      return row && name ? { index: Number(row.getAttribute('row-index')), name } : null;
    },
    selectAll: () => api.selectAll('all'),
    topRowSelected: () => topRowElement()?.classList.contains('ag-row-selected') === true,
  };
};

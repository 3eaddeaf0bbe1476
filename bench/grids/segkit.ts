/**
 * segkit's member table in the side-by-side run: a store over
 * `createMemoryAdapter` (created inside the timed mount, as a host would),
 * the same five columns as the other grids, its own checkbox column.
 */
import type { SegmentStore } from '@segkit/core';
import { createMemoryAdapter, createSegmentStore } from '@segkit/core';
import '../../packages/elements/src/define/member-table.js';
import type { MemberTableColumn } from '../../packages/elements/src/member-table/columns.js';
import { deepHit } from './shared.js';
import type { MountGrid } from './shared.js';

const columns: MemberTableColumn[] = [
  { key: 'name', label: 'Name', width: 'minmax(220px, 2fr)' },
  { key: 'email', label: 'Email', width: 'minmax(200px, 2fr)' },
  { key: 'segments', label: 'Segments', width: 'minmax(200px, 2fr)' },
  { key: 'attributes.country', label: 'Country', width: 'minmax(100px, 1fr)' },
  { key: 'attributes.followers', label: 'Followers', width: 'minmax(110px, 1fr)', align: 'end' },
];

export const mountGrid: MountGrid = (host, { members, segments }) => {
  const store = createSegmentStore({ adapter: createMemoryAdapter({ members, segments }), pageSize: 100 });
  const el = document.createElement('segkit-member-table') as HTMLElement & { store: SegmentStore; columns: MemberTableColumn[]; noSearch: boolean };
  el.store = store;
  el.columns = columns;
  el.noSearch = true;
  el.style.cssText = 'flex:1;min-height:0';
  host.append(el);
  const root = () => el.shadowRoot!;
  const topRowElement = () => {
    const head = root().querySelector('.head')?.getBoundingClientRect();
    const name = root().querySelector('[role="columnheader"][aria-colindex="2"]')?.getBoundingClientRect();
    if (!head || !name) return null;
    const row = deepHit(name.left + 20, head.bottom + 6)?.closest('[role="row"]');
    return row && !row.hasAttribute('aria-busy') && row.closest('.head') === null ? row : null;
  };
  return {
    // `.scroller` since the header sits above it (decision 033); `.grid` scrolled before.
    scroller: () => (root().querySelector<HTMLElement>('.scroller') ?? root().querySelector<HTMLElement>('.grid'))!,
    topRow() {
      const row = topRowElement();
      const name = row?.querySelector('.name')?.textContent;
      return row && name ? { index: Number(row.getAttribute('aria-rowindex')) - 2, name } : null;
    },
    selectAll: () => store.selectAllMatching(),
    topRowSelected: () => topRowElement()?.querySelector('[role="checkbox"]')?.getAttribute('aria-checked') === 'true',
  };
};

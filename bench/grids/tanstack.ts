/**
 * The table a host would make by hand with TanStack Table (v9, @tanstack/lit-table)
 * and Lit: TanStack's row model and row selection, rows virtualized by hand
 * (fixed 40 px rows, a spacer, the rows in view plus 6 each side), the same
 * five columns and a checkbox column.
 */
import type { Member } from '@segkit/core';
import { TableController, createColumnHelper, rowSelectionFeature, tableFeatures } from '@tanstack/lit-table';
import { LitElement, css, html, unsafeCSS } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { COLUMNS, countryOf, deepHit, followersText, segmentsOf } from './shared.js';
import type { MountGrid } from './shared.js';

const ROW = 40;
const OVERSCAN = 6;
const features = tableFeatures({ rowSelectionFeature });
const helper = createColumnHelper<typeof features, Member>();
const TRACKS = '48px minmax(220px,2fr) minmax(200px,2fr) minmax(200px,2fr) minmax(100px,1fr) minmax(110px,1fr)';

class GridsTanstackTable extends LitElement {
  static override properties = { first: { state: true } };
  static override styles = css`
    :host { display: block; font: 14px system-ui, sans-serif; }
    .scroller { height: 100%; overflow: auto; }
    .head, .row { display: grid; grid-template-columns: ${unsafeCSS(TRACKS)}; align-items: center; height: ${unsafeCSS(`${ROW}px`)}; }
    .head { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #ccc; font-weight: 600; }
    .body { position: relative; }
    .row { position: absolute; left: 0; right: 0; border-bottom: 1px solid #eee; }
    .row > span { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; padding: 0 8px; }
    .end { text-align: end; }
  `;
  declare first: number;
  members: Member[] = [];
  names: ReadonlyMap<string, string> = new Map();
  #controller = new TableController<typeof features, Member>(this);
  #columns = helper.columns([
    helper.accessor('name', { header: 'Name' }),
    helper.accessor('email', { header: 'Email', cell: (c) => c.getValue() ?? '' }),
    helper.accessor((m) => segmentsOf(m, this.names), { id: 'segments', header: 'Segments' }),
    helper.accessor(countryOf, { id: 'country', header: 'Country' }),
    helper.accessor(followersText, { id: 'followers', header: 'Followers' }),
  ]);
  table = this.#controller.table({ features, columns: this.#columns, data: this.members, getRowId: (m) => m.id });

  constructor() {
    super();
    this.first = 0;
  }

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.scroller')!;
  }

  #onScroll = (event: Event) => {
    this.first = Math.floor((event.currentTarget as HTMLElement).scrollTop / ROW);
  };

  override render() {
    const table = this.#controller.table({ features, columns: this.#columns, data: this.members, getRowId: (m) => m.id });
    this.table = table;
    const rows = table.getRowModel().rows;
    const view = Math.ceil((this.scroller?.clientHeight ?? 480) / ROW);
    const from = Math.max(0, this.first - OVERSCAN);
    const to = Math.min(rows.length, this.first + view + OVERSCAN);
    const shown = rows.slice(from, to);
    const cols = ['name', 'email', 'segments', 'country', 'followers'];
    return html`<div class="scroller" @scroll=${this.#onScroll}>
      <div class="head" role="row">
        <span><input type="checkbox" aria-label="Select all" .checked=${table.getIsAllRowsSelected()} @change=${() => table.toggleAllRowsSelected()} /></span>
        ${COLUMNS.map((c) => html`<span class=${c.key === 'followers' ? 'end' : ''}>${c.label}</span>`)}
      </div>
      <div class="body" style="height:${rows.length * ROW}px">
        ${repeat(
          shown,
          (row) => row.id,
          (row) => {
            const cells = row.getAllCells();
            return html`<div class="row" role="row" data-i=${row.index} style="top:${row.index * ROW}px">
              <span><input type="checkbox" aria-label="Select" .checked=${row.getIsSelected()} @change=${() => row.toggleSelected()} /></span>
              ${cols.map((id, i) => html`<span class=${id === 'followers' ? 'end' : ''}>${cells[i]!.getValue() as string}</span>`)}
            </div>`;
          },
        )}
      </div>
    </div>`;
  }
}
customElements.define('grids-tanstack-table', GridsTanstackTable);

export const mountGrid: MountGrid = (host, { members, segmentNames }) => {
  const el = new GridsTanstackTable();
  el.members = members;
  el.names = segmentNames;
  el.style.cssText = 'flex:1;min-height:0';
  host.append(el);
  const topRowElement = () => {
    const head = el.renderRoot.querySelector('.head')?.getBoundingClientRect();
    const row = head ? deepHit(head.left + 48 + 20, head.bottom + 6)?.closest<HTMLElement>('.row') : null;
    return row ?? null;
  };
  return {
    scroller: () => el.scroller,
    topRow() {
      const row = topRowElement();
      const name = row?.children[1]?.textContent;
      return row && name ? { index: Number(row.dataset.i), name } : null;
    },
    selectAll: () => el.table.toggleAllRowsSelected(true),
    topRowSelected: () => topRowElement()?.querySelector('input')?.checked === true,
  };
};

import type { Member, SegmentStore } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import type { SegkitSelectionChangeEvent } from '@segkit/elements';
import { html } from 'lit';
import { allTasks } from 'nanostores';
import type { MemberTableColumn } from '../../packages/elements/src/member-table/columns.js';
import { SegkitMemberTable } from '../../packages/elements/src/member-table/segkit-member-table.js';
import { SEGMENTS, T0, cleanup, faulty, makeStore } from '../core/fixtures.js';
import { allByRole, byRole, expectAccessible, focused, mount, queryByRole, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, gatedAdapter, tableAdapter } from './member-table.harness.js';

/** The first text node in `el` that is not only white space (Lit's markers and the template's spaces are skipped). */
function firstText(el: Element): Text {
  return document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent!.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) }).nextNode() as Text;
}

/** Names sorted the way the table sorts them by default (name, ascending). */
const FIRST_ROWS = ['Ana Rossi 012', 'Ana Rossi 036', 'Ana Silva 000', 'Ana Silva 024', 'Ana Silva 048', 'Bo Kim 013'];

async function setup(n = 60, options: { attrs?: string; slots?: string; setup?: (table: SegkitMemberTable) => void } = {}) {
  const { store, connectivity } = makeStore(tableAdapter(n), { pageSize: 20 });
  await allTasks();
  const t = await MemberTableHarness.mount(store, options);
  return { store, connectivity, t };
}

const afterTest: Array<() => void> = [];

/** Collects `segkit-selection-change` events that reach `document` (until the test ends). */
function recordSelectionEvents() {
  const events: SegkitSelectionChangeEvent[] = [];
  const listener = (event: SegkitSelectionChangeEvent) => events.push(event);
  document.addEventListener('segkit-selection-change', listener);
  afterTest.push(() => document.removeEventListener('segkit-selection-change', listener));
  return events;
}

const selectedIds = (store: SegmentStore) => {
  const selection = store.$selection.get();
  return selection.mode === 'ids' ? [...selection.ids].sort() : [];
};

describe('segkit-member-table', () => {
  afterEach(() => {
    for (const done of afterTest.splice(0)) done();
    unmountAll();
    cleanup();
  });

  describe('rendering', () => {
    it('shows the members of the applied query, with their segments as chips and their attributes', async () => {
      const { store, t } = await setup();
      expect(t.namesInView().slice(0, FIRST_ROWS.length)).to.deep.equal(FIRST_ROWS);
      expect(t.countText()).to.equal('60 members');
      expect(t.headerLabels()).to.deep.equal(['', 'Name', 'Email', 'Segments', 'Niche', 'Country', 'Followers']);

      const ana = t.row('Ana Silva 000');
      const [, name, email, segments, niche, country, followers] = t.cellTexts(ana);
      expect(name).to.equal('AS Ana Silva 000 @user000');
      expect(email).to.equal('user000@example.com');
      expect([...ana.querySelectorAll('[part~="chip"]')].map((c) => c.textContent!.trim())).to.deep.equal(['VIPs', 'Content Creators']);
      expect(segments).to.equal('VIPsContent Creators');
      expect([niche, country, followers]).to.deep.equal(['Beauty', 'Brazil', '1,000']);
      // In no segment: a muted "Unassigned", no chips.
      const unassigned = t.row('Bo Kim 013');
      expect(t.cellTexts(unassigned)[6]).to.equal('17,042');
      expect(unassigned.querySelectorAll('[part~="chip"]').length).to.equal(0);
      expect(t.cellTexts(unassigned)[3]).to.equal('Unassigned');
      // The chip takes the segment's colour.
      const creators = [...ana.querySelectorAll<HTMLElement>('[part~="chip"]')].find((c) => c.textContent!.includes('Content'))!;
      expect(getComputedStyle(creators).borderColor).to.not.equal(getComputedStyle(ana.querySelector('[part~="chip"]')!).borderColor);

      await store.renameSegment('vips', 'VIP Club');
      await settle();
      expect([...t.row('Ana Silva 000').querySelectorAll('[part~="chip"]')].map((c) => c.textContent!.trim())).to.deep.equal(['VIP Club', 'Content Creators']);
      // Beyond three segments: two chips and "+N", which names the rest.
      const extra = await Promise.all(['Gifting', 'Launch'].map((name) => store.createSegment({ name })));
      await store.assign(extra.map((s) => s.id), { target: { kind: 'ids', ids: ['m000'] } });
      await settle();
      const chips = [...t.row('Ana Silva 000').querySelectorAll<HTMLElement>('[part~="chip"], [part~="chip-more"]')];
      expect(chips.map((c) => c.getAttribute('part'))).to.deep.equal(['chip', 'chip', 'chip-more']);
      expect(chips[2]!.title).to.equal('Gifting, Launch');
      expect(chips[2]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('+2Gifting, Launch');
      await expectAccessible(t.el, 'populated');
    });

    it('is a WAI-ARIA grid: row and column counts, absolute row indexes, one tab stop', async () => {
      const { t } = await setup();
      const grid = t.grid;
      expect(grid.getAttribute('aria-rowcount')).to.equal('61');
      expect(grid.getAttribute('aria-colcount')).to.equal('7');
      expect(grid.getAttribute('aria-multiselectable')).to.equal('true');
      expect(t.headerRow().getAttribute('aria-rowindex')).to.equal('1');
      expect(allByRole(t.headerRow(), 'columnheader')).to.have.length(7);
      const rows = t.rows();
      expect(rows.map((r) => t.rowIndex(r))).to.deep.equal(rows.map((_, i) => i + 2));
      for (const row of rows) {
        expect(allByRole(row, 'gridcell')).to.have.length(7);
        expect(row.getAttribute('aria-selected')).to.equal('false');
      }
      expect(t.header('Name').getAttribute('aria-sort')).to.equal('ascending');
      expect(t.header('Email').hasAttribute('aria-sort')).to.equal(false);
      expect(t.tabStops()).to.have.length(1);
    });

    it('keeps a property set before the tag was defined, and is safe to define twice', async () => {
      const { store } = makeStore(tableAdapter(30), { pageSize: 20 });
      await allTasks();
      const early = document.createElement('late-member-table') as SegkitMemberTable;
      early.store = store;
      early.noSearch = true;
      early.columns = [{ key: 'name', label: 'Ambassador' }];
      await mount(early);
      customElements.define('late-member-table', class extends SegkitMemberTable {});
      const t = new MemberTableHarness(early);
      await t.waitForRows();
      expect(t.headerLabels()).to.deep.equal(['', 'Ambassador']);
      expect(t.searchbox).to.equal(undefined);
      expect(early.hasAttribute('no-search')).to.equal(true);

      const { define } = await import('../../packages/elements/src/define/define.js');
      define('segkit-member-table', class extends HTMLElement {});
      expect(customElements.get('segkit-member-table')).to.equal(SegkitMemberTable);
    });
  });

  describe('sorting', () => {
    it('sorts by a header on click, Enter or Space; the same header flips the direction; aria-sort tells', async () => {
      const { store, t } = await setup();
      await t.click(t.header('Email'));
      await t.waitForRows();
      expect(store.$query.get().sort).to.deep.equal({ key: 'email', dir: 'asc' });
      expect(t.header('Email').getAttribute('aria-sort')).to.equal('ascending');
      expect(t.header('Name').hasAttribute('aria-sort')).to.equal(false);
      expect(t.namesInView()[0]).to.equal('Ana Silva 000');

      await t.click(t.header('Email'));
      await waitFor(() => t.namesInView()[0] === 'Lena Müller 059');
      expect(t.header('Email').getAttribute('aria-sort')).to.equal('descending');

      t.header('Followers').focus();
      await t.press('Enter');
      await waitFor(() => t.namesInView()[0] === 'Ana Silva 000');
      expect(store.$query.get().sort).to.deep.equal({ key: 'attributes.followers', dir: 'asc' });
      await t.press(' ');
      await waitFor(() => t.namesInView()[0] === 'Lena Müller 059');
      expect(t.header('Followers').getAttribute('aria-sort')).to.equal('descending');
      expect(t.focusedCell()).to.deep.equal({ row: -1, col: 6 });
    });
  });

  describe('search', () => {
    it('searches what the user types and shows the count', async () => {
      const { store, t } = await setup();
      await t.typeSearch('Chen');
      await waitFor(() => store.$query.get().search === 'Chen');
      await t.waitForRows();
      expect(t.namesInView()).to.deep.equal(['Chen Haddad 014', 'Chen Haddad 038', 'Chen Okafor 002', 'Chen Okafor 026', 'Chen Okafor 050']);
      expect(t.countText()).to.equal('5 members');
      expect(t.grid.getAttribute('aria-rowcount')).to.equal('6');
    });

    it('sends the search once typing pauses (debounced), or at once on Enter', async () => {
      const { store, t } = await setup();
      const calls: string[] = [];
      const original = store.setSearch;
      store.setSearch = (text) => {
        calls.push(text);
        original(text);
      };
      const input = t.searchbox!;
      for (const text of ['B', 'Bo', 'Bo ', 'Bo K']) {
        input.value = text;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      }
      expect(calls).to.deep.equal([]);
      await waitFor(() => calls.length > 0);
      expect(calls).to.deep.equal(['Bo K']);
      await t.waitForRows();
      expect(t.namesInView()).to.deep.equal(['Bo Kim 013', 'Bo Kim 037']);

      input.value = 'Ivo';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      input.focus();
      await t.press('Enter');
      expect(calls).to.deep.equal(['Bo K', 'Ivo']);
    });

    it('shows a search applied elsewhere (e.g. by a segment filter), and hides its box with no-search', async () => {
      const { store, t } = await setup();
      store.setSearch('Hana');
      await settle();
      expect(t.searchbox!.value).to.equal('Hana');
      t.el.noSearch = true;
      await settle();
      expect(t.searchbox).to.equal(undefined);
      expect(t.el.hasAttribute('no-search')).to.equal(true);
    });

    for (const attrs of ['', 'no-search']) {
      it(`does not move the rows when the selection bar replaces the count${attrs ? ` (${attrs})` : ''}`, async () => {
        const { t } = await setup(60, { attrs });
        const rowTop = () => t.rowsInView()[0]!.getBoundingClientRect().top;
        const before = rowTop();
        await t.toggle('Ana Silva 000');
        const bar = t.part('selection-bar')!.getBoundingClientRect();
        const toolbar = t.part('toolbar')!.getBoundingClientRect();
        expect(bar.height).to.be.greaterThan(20);
        expect(bar.top >= toolbar.top && bar.bottom <= toolbar.bottom).to.equal(true);
        expect(rowTop()).to.equal(before);
      });
    }
  });

  describe('selection', () => {
    it('selects one member with its checkbox and says so in a bubbling, composed event', async () => {
      const { store } = makeStore(tableAdapter(60), { pageSize: 20 });
      await allTasks();
      const host = document.createElement('div');
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<segkit-member-table></segkit-member-table>';
      (shadow.querySelector('segkit-member-table') as SegkitMemberTable).store = store;
      await mount(host);
      const t = new MemberTableHarness(shadow.querySelector('segkit-member-table')!);
      await t.waitForRows();
      const events = recordSelectionEvents();

      await t.toggle('Ana Silva 000');
      expect(store.isSelected('m000')).to.equal(true);
      const row = t.row('Ana Silva 000');
      expect(row.getAttribute('aria-selected')).to.equal('true');
      expect(row.getAttribute('part')).to.include('row-selected');
      expect(t.checkbox('Ana Silva 000').getAttribute('aria-checked')).to.equal('true');
      expect(events).to.have.length(1);
      expect(events[0]!.detail).to.deep.equal({ mode: 'ids', count: 1, ids: ['m000'] });
      expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
      expect(t.selectionText()).to.match(/^1 selected\. Select all 60 matching Clear selection$/);

      await t.toggle('Ana Silva 000');
      expect(store.isSelected('m000')).to.equal(false);
      expect(events.map((e) => e.detail.count)).to.deep.equal([1, 0]);
      expect(t.selectionText()).to.equal('');
    });

    it('selects a range with Shift-click, from the last row clicked', async () => {
      const { store, t } = await setup();
      const events = recordSelectionEvents();
      await t.toggle('Ana Rossi 036');
      await t.toggle('Bo Kim 013', { shiftKey: true });
      await waitFor(() => store.$selectedCount.get() === 5);
      expect(selectedIds(store)).to.deep.equal(['m000', 'm013', 'm024', 'm036', 'm048']);
      expect(t.rows().filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => t.nameOf(r))).to.deep.equal([
        'Ana Rossi 036',
        'Ana Silva 000',
        'Ana Silva 024',
        'Ana Silva 048',
        'Bo Kim 013',
      ]);
      expect(events.map((e) => e.detail.count)).to.deep.equal([1, 5]);
      // Shift-click on a selected row clears the range back to the anchor.
      await t.toggle('Ana Silva 024', { shiftKey: true });
      await waitFor(() => store.$selectedCount.get() === 2);
      expect(selectedIds(store)).to.deep.equal(['m013', 'm048']);
      await expectAccessible(t.el, 'with a selection');
    });

    it('selects the page with the header checkbox (tri-state), then all matching across pages, then clears', async () => {
      const { store, t } = await setup();
      const events = recordSelectionEvents();
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('false');
      await t.toggle('Ana Silva 000');
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('mixed');

      await t.click(t.pageCheckbox);
      const count = store.$selectedCount.get();
      const inView = t.rowsInView();
      expect(count).to.be.greaterThan(4);
      expect(inView.every((row) => row.getAttribute('aria-selected') === 'true')).to.equal(true);
      expect(t.rows().filter((row) => row.getAttribute('aria-selected') === 'true').length).to.equal(count);
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('true');
      expect(t.selectionText()).to.equal(`${count} selected on this page. Select all 60 matching Clear selection`);

      await t.click(t.button('Select all 60 matching'));
      expect(store.$selection.get().mode).to.equal('query');
      expect(t.selectionText()).to.equal('All 60 matching members selected. Clear selection');
      expect(t.queryButton(/Select all/)).to.equal(undefined);
      await t.scrollToRow(50);
      await t.waitForRows();
      expect(t.rowsInView().every((row) => row.getAttribute('aria-selected') === 'true')).to.equal(true);
      expect(events.at(-1)!.detail).to.deep.equal({ mode: 'query', count: 60, filter: { include: [], exclude: [], match: 'any', search: '', attributes: [] }, except: [] });

      await t.toggle(t.nameOf(t.rowsInView()[0]!)!);
      expect(store.$selectedCount.get()).to.equal(59);
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('mixed');
      expect(events.at(-1)!.detail).to.include({ mode: 'query', count: 59 });

      await t.click(t.button('Clear selection'));
      expect(store.$selectedCount.get()).to.equal(0);
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('false');
      expect(t.selectionText()).to.equal('');
      expect(events.at(-1)!.detail).to.deep.equal({ mode: 'ids', count: 0, ids: [] });
      expect(events).to.have.length(5);
    });
  });

  describe('keyboard', () => {
    it('moves between cells and rows: arrows, Home/End, PageUp/PageDown, Ctrl+Home/End; one tab stop follows', async () => {
      const { t } = await setup();
      await t.focusCell(0, 1);
      await t.press('ArrowDown');
      expect(t.focusedCell()).to.deep.equal({ row: 1, col: 1 });
      await t.press('ArrowRight');
      expect(t.focusedCell()).to.deep.equal({ row: 1, col: 2 });
      await t.press('End');
      expect(t.focusedCell()).to.deep.equal({ row: 1, col: 6 });
      await t.press('ArrowRight');
      expect(t.focusedCell()).to.deep.equal({ row: 1, col: 6 });
      await t.press('Home');
      expect(t.focusedCell()).to.deep.equal({ row: 1, col: 0 });
      await t.press('ArrowUp');
      await t.press('ArrowUp');
      expect(t.focusedCell()).to.deep.equal({ row: -1, col: 0 });
      await t.press('ArrowUp');
      expect(t.focusedCell()).to.deep.equal({ row: -1, col: 0 });
      await t.press('ArrowDown');
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });

      await t.press('PageDown');
      const page = t.focusedCell()!.row;
      expect(page).to.be.greaterThan(3);
      expect(t.rowsInView().map((r) => t.rowIndex(r))).to.include(page + 2);
      await t.press('PageUp');
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });

      await t.press('Control+End');
      expect(t.focusedCell()).to.deep.equal({ row: 59, col: 6 });
      await t.waitForRows();
      expect(t.rowsInView().map((r) => t.rowIndex(r))).to.include(61);
      expect(t.nameOf(t.cellAt(59, 6).parentElement!)).to.equal('Lena Novak 047');
      await t.press('Control+Home');
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });
      expect(t.tabStops()).to.deep.equal([focused()]);
    });

    it('moves the other way in right-to-left', async () => {
      const { t } = await setup(60, { attrs: 'dir="rtl"' });
      const name = t.cellAt(0, 1).getBoundingClientRect();
      const check = t.cellAt(0, 0).getBoundingClientRect();
      expect(name.right).to.be.at.most(check.left + 1);
      await t.focusCell(0, 1);
      await t.press('ArrowLeft');
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 2 });
      await t.press('ArrowRight');
      await t.press('ArrowRight');
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });
      await expectAccessible(t.el, 'rtl');
    });

    it('selects with Space, extends with Shift+Arrow and Shift+Space, selects all with Ctrl+A, clears with Escape', async () => {
      const { store, t } = await setup();
      const events = recordSelectionEvents();
      await t.focusCell(0, 1);
      await t.press('ArrowDown'); // row 1: Ana Rossi 036
      await t.press('Shift+ArrowDown');
      await waitFor(() => store.$selectedCount.get() === 2);
      expect(selectedIds(store)).to.deep.equal(['m000', 'm036']);
      await t.press('Shift+ArrowDown');
      await waitFor(() => store.$selectedCount.get() === 3);
      expect(t.focusedCell()).to.deep.equal({ row: 3, col: 1 });
      await t.press('ArrowDown');
      await t.press('ArrowDown');
      await t.press('Shift+ ');
      await waitFor(() => store.$selectedCount.get() === 5);
      expect(selectedIds(store)).to.deep.equal(['m000', 'm013', 'm024', 'm036', 'm048']);
      await t.press(' ');
      expect(selectedIds(store)).to.deep.equal(['m000', 'm024', 'm036', 'm048']);
      await t.press(' ');
      expect(selectedIds(store)).to.deep.equal(['m000', 'm013', 'm024', 'm036', 'm048']);

      await t.press('Control+a');
      expect(store.$selection.get().mode).to.equal('query');
      expect(store.$selectedCount.get()).to.equal(60);
      await t.press('Escape');
      expect(store.$selectedCount.get()).to.equal(0);
      const before = events.length;
      await t.press('Escape');
      expect(events.length).to.equal(before);
      expect(events.map((e) => e.detail.count)).to.deep.equal([2, 3, 5, 4, 5, 60, 0]);
    });

    it('selects the page with Space on the header checkbox', async () => {
      const { store, t } = await setup();
      t.cellAt(-1, 0).focus();
      await t.press(' ');
      expect(store.$selectedCount.get()).to.be.greaterThan(4);
      expect(t.pageCheckbox.getAttribute('aria-checked')).to.equal('true');
      await t.press(' ');
      expect(store.$selectedCount.get()).to.equal(0);
    });

    it('leaves keys pressed in a widget inside a cell to that widget', async () => {
      const columns: MemberTableColumn[] = [
        { key: 'name', label: 'Name' },
        { key: 'open', label: 'Profile', render: (m) => html`<a href="#${m.id}">Open</a>` },
      ];
      const { store, t } = await setup(60, { setup: (table) => (table.columns = columns) });
      const link = allByRole(t.root, 'link', 'Open')[0]!;
      link.focus();
      await t.press(' ');
      await t.press('ArrowDown');
      expect(focused()).to.equal(link);
      expect(store.$selectedCount.get()).to.equal(0);
    });
  });

  describe('focus', () => {
    it('keeps the focused row rendered and focused when it scrolls out of view and back', async () => {
      const { t } = await setup();
      const cell = await t.focusCell(0, 1);
      await t.scrollToRow(45);
      expect(t.rowsInView().map((r) => t.rowIndex(r))).to.not.include(2);
      expect(t.rows().map((r) => t.rowIndex(r))).to.include(2);
      expect(focused()).to.equal(cell);
      await t.scrollToRow(0);
      expect(focused()).to.equal(cell);
      expect(t.focusedCell()).to.deep.equal({ row: 0, col: 1 });
    });

    it('keeps the focus on the same row index when the data changes, clamped when rows go away', async () => {
      const { store, t } = await setup();
      const cell = await t.focusCell(2, 1);
      store.setSort({ key: 'email', dir: 'desc' });
      await waitFor(() => t.nameOf(cell.parentElement!) === 'Jade Nguyen 057');
      expect(focused()).to.equal(cell);
      expect(t.focusedCell()).to.deep.equal({ row: 2, col: 1 });

      await t.focusCell(9, 2);
      store.setSearch('Chen');
      await waitFor(() => t.grid.getAttribute('aria-rowcount') === '6');
      await settle();
      expect(t.focusedCell()).to.deep.equal({ row: 4, col: 2 });
      expect(t.tabStops()).to.deep.equal([focused()]);
    });
  });

  describe('states', () => {
    it('shows placeholders while the first page loads, then the rows', async () => {
      const gate = gatedAdapter(tableAdapter(60));
      gate.hold();
      const { store } = makeStore(gate.adapter, { pageSize: 20 });
      const t = await MemberTableHarness.mount(store, { wait: false });
      expect(t.el.hasAttribute('loading')).to.equal(true);
      expect(t.grid.getAttribute('aria-busy')).to.equal('true');
      expect(byRole(t.root, 'status', 'Loading members…')).to.exist;
      expect(t.part('loading')!.getClientRects().length).to.be.greaterThan(0);
      await expectAccessible(t.el, 'loading');
      gate.release();
      await t.waitForRows();
      expect(t.el.hasAttribute('loading')).to.equal(false);
      expect(t.part('loading')).to.equal(undefined);
    });

    it('says when no member matches, with a Reset that brings everyone back', async () => {
      const { store, t } = await setup();
      await t.typeSearch('Nobody'); // (no letter twice in a row: WebKit's driver drops repeats)
      await waitFor(() => t.el.hasAttribute('empty'));
      expect(t.part('empty')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'No members match Try another search, or reset the search and filters. Reset',
      );
      expect(t.rows()).to.have.length(0);
      await expectAccessible(t.el, 'empty');
      await t.click(t.button('Reset'));
      await t.waitForRows();
      expect(store.$query.get().search).to.equal('');
      expect(t.searchbox!.value).to.equal('');
      expect(t.el.hasAttribute('empty')).to.equal(false);
    });

    it('says when there are no members at all, without a Reset', async () => {
      const { store } = makeStore(tableAdapter(0), { pageSize: 20 });
      const t = await MemberTableHarness.mount(store, { wait: false });
      await waitFor(() => t.el.hasAttribute('empty'));
      expect(t.part('empty')!.textContent!.trim()).to.equal('There are no members yet.');
      expect(t.queryButton('Reset')).to.equal(undefined);
    });

    it('shows the store\'s error with "Try again", which reloads', async () => {
      const fault = faulty(tableAdapter(60));
      fault.reads = 'network';
      const { store } = makeStore(fault.adapter, { pageSize: 20 });
      const t = await MemberTableHarness.mount(store, { wait: false });
      await waitFor(() => t.el.hasAttribute('error'));
      const alert = byRole(t.root, 'alert');
      expect(alert.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Members could not be loaded. read failed Try again');
      await expectAccessible(t.el, 'error');
      fault.reads = 'ok';
      await t.click(t.button('Try again'));
      await t.waitForRows();
      expect(t.el.hasAttribute('error')).to.equal(false);
      expect(queryByRole(t.root, 'alert')).to.equal(undefined);
    });

    it('says what went wrong in the page\'s language, not in the store\'s English', async () => {
      const fault = faulty(tableAdapter(60));
      fault.reads = 'network';
      const { store } = makeStore(fault.adapter, { pageSize: 20 });
      const t = await MemberTableHarness.mount(store, { wait: false, attrs: 'lang="es"' });
      await waitFor(() => t.el.hasAttribute('error'));
      const alert = byRole(t.root, 'alert');
      expect(alert.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'No se pudieron cargar los miembros. No se pudo conectar con el servidor. Reintentar',
      );
      expect(byRole(t.root, 'button', 'Reintentar')).to.exist;
    });

    it('shows an offline notice while the store is offline', async () => {
      const { t, connectivity } = await setup();
      expect(t.part('offline')).to.equal(undefined);
      connectivity.set(false);
      await settle();
      expect(t.el.hasAttribute('offline')).to.equal(true);
      expect(t.part('offline')!.textContent!.trim()).to.equal('You are offline. Changes are kept and sent when you are back online.');
      await expectAccessible(t.el, 'offline');
      connectivity.set(true);
      await settle();
      expect(t.el.hasAttribute('offline')).to.equal(false);
    });

    it('lets the host replace each state through a named slot', async () => {
      const fault = faulty(tableAdapter(0));
      const { store, connectivity } = makeStore(fault.adapter, { pageSize: 20 });
      const t = await MemberTableHarness.mount(store, {
        wait: false,
        slots: '<p slot="empty">Nobody here yet</p><p slot="error">Our servers are napping</p><p slot="offline">No signal</p>',
      });
      await waitFor(() => t.el.hasAttribute('empty'));
      const visible = (text: string) => [...t.el.children].some((c) => c.textContent === text && c.getClientRects().length > 0);
      expect(visible('Nobody here yet')).to.equal(true);
      expect([...t.part('empty')!.querySelectorAll('p')].every((p) => p.getClientRects().length === 0)).to.equal(true);
      expect(visible('Our servers are napping')).to.equal(false);
      connectivity.set(false);
      await settle();
      expect(visible('No signal')).to.equal(true);
      fault.reads = 'network';
      await store.refresh();
      await waitFor(() => t.el.hasAttribute('error'));
      expect(visible('Our servers are napping')).to.equal(true);
      expect(queryByRole(t.root, 'button', 'Try again')).to.equal(undefined);
    });
  });

  describe('columns', () => {
    it('renders the host\'s columns: strings as text, templates as markup, and renderCell over any cell', async () => {
      const columns: MemberTableColumn[] = [
        { key: 'name', label: 'Ambassador', sortable: true },
        { key: 'bio', label: 'Bio', render: (m) => `<b>${m.name}</b>` },
        { key: 'tier', label: 'Tier', render: (m) => html`<em class="tier">${m.attributes.niche === 'Beauty' ? 'Gold' : 'Silver'}</em>` },
        { key: 'email', label: 'Contact', sortable: false },
      ];
      const { store, t } = await setup(60, {
        setup: (table) => {
          table.columns = columns;
          table.renderCell = (member, column) => (column.key === 'email' ? member.email!.split('@')[0] : undefined);
        },
      });
      expect(t.headerLabels()).to.deep.equal(['', 'Ambassador', 'Bio', 'Tier', 'Contact']);
      expect(t.grid.getAttribute('aria-colcount')).to.equal('5');
      const row = t.row('Ana Silva 000');
      expect(t.cellTexts(row).slice(2)).to.deep.equal(['<b>Ana Silva 000</b>', 'Gold', 'user000']);
      expect(row.querySelector('b')).to.equal(null);
      expect(row.querySelector('em.tier')).to.not.equal(null);
      await t.click(t.header('Contact'));
      await t.click(t.header('Bio'));
      expect(store.$query.get().sort).to.deep.equal({ key: 'name', dir: 'asc' });
      expect(t.header('Contact').hasAttribute('aria-sort')).to.equal(false);
      await t.click(t.header('Ambassador'));
      expect(store.$query.get().sort).to.deep.equal({ key: 'name', dir: 'desc' });
      expect(t.el.defaultColumns().map((c) => c.key)).to.deep.equal([
        'name',
        'email',
        'segments',
        'attributes.niche',
        'attributes.country',
        'attributes.followers',
      ]);
    });
  });

  describe('strings, languages and direction', () => {
    it('takes string overrides', async () => {
      const { t } = await setup(60, { setup: (table) => (table.strings = { 'column.name': 'Ambassador', members_other: '{count} ambassadors' }) });
      expect(t.headerLabels()[1]).to.equal('Ambassador');
      expect(t.countText()).to.equal('60 ambassadors');
    });

    it('speaks Spanish, with numbers in Spanish', async () => {
      const { t } = await setup(60, { attrs: 'lang="es"' });
      expect(t.headerLabels()).to.deep.equal(['', 'Nombre', 'Correo', 'Segmentos', 'Nicho', 'País', 'Seguidores']);
      expect(t.countText()).to.equal('60 miembros');
      expect(byRole(t.root, 'searchbox', 'Buscar miembros')).to.exist;
      expect(byRole(t.root, 'checkbox', 'Seleccionar todos en esta página')).to.exist;
      const row = t.row('Bo Kim 013');
      expect(t.cellTexts(row)[6]).to.equal('17.042');
      expect(byRole(t.root, 'checkbox', 'Seleccionar a Ana Rossi 036')).to.exist;
      expect(t.cellTexts(row)[3]).to.equal('Sin asignar');
      await t.click(t.pageCheckbox);
      expect(t.selectionText()).to.match(/^\d+ seleccionados en esta página\. Seleccionar los 60 coincidentes Borrar selección$/);
    });

    it('gives text a member wrote its own direction, on the column\'s side, in either direction of the table', async () => {
      const member = (id: string, name: string, handle: string, country: string): Member => ({
        id,
        name,
        email: `${id}@example.com`,
        attributes: { handle, country, followers: 1200, niche: 'Beauty' },
        segmentIds: ['vips'],
        createdAt: new Date(T0).toISOString(),
      });
      const members = [member('m1', 'سارة أحمد', '@sara', 'مصر'), member('m2', 'Ana Silva', '@ana', 'Brazil')];
      /** The rect of `el`'s text, and the direction it is laid out in. */
      const text = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { rect: range.getBoundingClientRect(), direction: getComputedStyle(firstText(el).parentElement!).direction };
      };
      const padded = (cell: HTMLElement) => {
        const box = cell.getBoundingClientRect();
        const style = getComputedStyle(cell);
        return { left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight), middle: (box.top + box.bottom) / 2 };
      };
      for (const dir of ['ltr', 'rtl'] as const) {
        const { store } = makeStore(createMemoryAdapter({ members, segments: SEGMENTS }), { pageSize: 20 });
        await allTasks();
        const t = await MemberTableHarness.mount(store, { attrs: `dir="${dir}"` });
        for (const [index, written] of [[0, 'rtl'], [1, 'ltr']] as const) {
          const row = t.row(members[index]!.name);
          const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
          const [, nameCell, emailCell, , , countryCell, followersCell] = cells;
          const name = text(nameCell!.querySelector('.name')!);
          const country = text(countryCell!);
          const side = dir === 'ltr' ? 'left' : 'right';
          // The name and the country read in their own direction...
          expect(name.direction, `${dir} table, name of m${index + 1}`).to.equal(written);
          expect(country.direction, `${dir} table, country of m${index + 1}`).to.equal(written);
          expect(text(nameCell!.querySelector('.handle')!).direction).to.equal('ltr');
          // ...and sit on the column's side, as every other row's do.
          const nameBox = nameCell!.querySelector('.name')!.getBoundingClientRect();
          expect(Math.abs(name.rect[side] - nameBox[side]), `${dir} table, name of m${index + 1} on the ${side}`).to.be.below(1.5);
          expect(Math.abs(country.rect[side] - padded(countryCell!)[side]), `${dir} table, country of m${index + 1} on the ${side}`).to.be.below(1.5);
          // Numbers at the column's end.
          const end = dir === 'ltr' ? 'right' : 'left';
          expect(Math.abs(text(followersCell!).rect[end] - padded(followersCell!)[end])).to.be.below(1.5);
          // One line of text in the middle of its row; the avatar too.
          const email = text(emailCell!).rect;
          expect(Math.abs((email.top + email.bottom) / 2 - padded(emailCell!).middle), 'the email in the middle of its row').to.be.below(2);
          // Chips fade out over the last 20 px of the box that holds them, which spans the cell: a chip that fits is drawn whole.
          const chipEl = cells[3]!.querySelector('[part~="chip"]')!;
          const masked = (el: Element) => ((s) => (s.maskImage || s.getPropertyValue('-webkit-mask-image') || 'none') !== 'none')(getComputedStyle(el));
          let faded: Element = chipEl;
          while (!masked(faded) && faded !== cells[3]) faded = faded.parentElement!;
          const chip = chipEl.getBoundingClientRect();
          const fadeBox = faded.getBoundingClientRect();
          expect(masked(faded), 'the chips fade out').to.equal(true);
          const whole = dir === 'ltr' ? chip.right <= fadeBox.right - 20 : chip.left >= fadeBox.left + 20;
          expect(whole, `${dir} table, the chip of m${index + 1} before the fade`).to.equal(true);
          const avatar = nameCell!.querySelector('[part="avatar"]')!.getBoundingClientRect();
          expect(Math.abs((avatar.top + avatar.bottom) / 2 - padded(nameCell!).middle), 'the avatar in the middle of its row').to.be.below(2);
        }
        unmountAll();
        cleanup();
      }
    });
    it('shows the start of text too long for its column, cut at its end, in either direction of the table', async () => {
      const long: Member = {
        id: 'm1',
        name: 'Ana Silva',
        email: 'ana.silva.with.a.long.address@example.com',
        attributes: { handle: '@ana', country: 'United Kingdom of Great Britain and Northern Ireland', followers: 1200, niche: 'Beauty' },
        segmentIds: ['vips'],
        createdAt: new Date(T0).toISOString(),
      };
      for (const dir of ['ltr', 'rtl'] as const) {
        const { store } = makeStore(createMemoryAdapter({ members: [long], segments: SEGMENTS }), { pageSize: 20 });
        await allTasks();
        const t = await MemberTableHarness.mount(store, { attrs: `dir="${dir}"` });
        const cells = [...t.row(long.name).querySelectorAll<HTMLElement>('[role="gridcell"]')];
        for (const [cell, text] of [[cells[2]!, long.email!], [cells[5]!, long.attributes.country as string]] as const) {
          // Too long for the column...
          expect(cell.scrollWidth, `${dir} table: "${text}" overflows`).to.be.above(cell.clientWidth);
          // ...its first letters stay in view at the cell's left (the text reads left to right), the rest cut at its end.
          const letters = firstText(cell);
          expect(letters.textContent).to.equal(text);
          const range = document.createRange();
          range.setStart(letters, 0);
          range.setEnd(letters, 1);
          const first = range.getBoundingClientRect();
          const box = cell.getBoundingClientRect();
          const padding = parseFloat(getComputedStyle(cell).paddingLeft);
          expect(Math.abs(first.left - (box.left + padding)), `${dir} table: "${text}" starts at the cell's left`).to.be.below(1.5);
        }
        unmountAll();
        cleanup();
      }
    });
  });

  describe('theming', () => {
    it('follows its --segkit-member-table-* properties and ::part() rules, light and dark', async () => {
      const style = document.createElement('style');
      style.textContent = `
        .themed { --segkit-member-table-header-background: rgb(1, 2, 3); --segkit-member-table-row-height: 60px; }
        .themed segkit-member-table::part(row-selected) { background-color: rgb(9, 8, 7); }
        .themed segkit-member-table::part(chip) { color: rgb(200, 0, 100); }
      `;
      document.head.append(style);
      try {
        const { store } = makeStore(tableAdapter(60), { pageSize: 20 });
        await allTasks();
        const el = await mount<HTMLElement>('<div class="themed"><segkit-member-table></segkit-member-table></div>', (root) => {
          (root.querySelector('segkit-member-table') as SegkitMemberTable).store = store;
        });
        const t = new MemberTableHarness(el.querySelector('segkit-member-table')!);
        await t.waitForRows();
        expect(getComputedStyle(t.headerRow()).backgroundColor).to.equal('rgb(1, 2, 3)');
        const [first, second] = t.rowsInView();
        expect(first!.getBoundingClientRect().height).to.equal(60);
        expect(second!.getBoundingClientRect().top - first!.getBoundingClientRect().top).to.equal(60);
        expect(getComputedStyle(t.part('chip')!).color).to.equal('rgb(200, 0, 100)');
        style.textContent = style.textContent.replace(/.*::part\(chip\).*/, '');
        await t.toggle('Ana Silva 000');
        expect(getComputedStyle(t.row('Ana Silva 000')).backgroundColor).to.equal('rgb(9, 8, 7)');

        const light = getComputedStyle(t.part('base')!).backgroundColor;
        t.el.theme = 'dark';
        await settle();
        expect(getComputedStyle(t.part('base')!).backgroundColor).to.not.equal(light);
        await expectAccessible(t.el, 'dark');
      } finally {
        style.remove();
      }
    });

    it('keeps its layout on a page with hostile global CSS', async () => {
      const measure = async () => {
        const { store } = makeStore(tableAdapter(60), { pageSize: 20 });
        await allTasks();
        const t = await MemberTableHarness.mount(store);
        const row = t.rowsInView()[0]!;
        const cell = t.cellAt(0, 1);
        const result = {
          rowHeight: row.getBoundingClientRect().height,
          headerHeight: t.headerRow().getBoundingClientRect().height,
          rows: t.rows().length,
          font: getComputedStyle(cell).fontFamily,
          size: getComputedStyle(cell).fontSize,
          transform: getComputedStyle(cell).textTransform,
          checkbox: t.checkbox('Ana Rossi 012').getBoundingClientRect().width,
          search: getComputedStyle(t.searchbox!).display,
          grid: getComputedStyle(t.grid).display,
        };
        unmountAll();
        return result;
      };
      const before = await measure();
      const hostile = document.createElement('style');
      hostile.textContent = `
        body * { font: italic 30px/3 serif; letter-spacing: 4px; text-transform: uppercase; color: red;
                 margin: 11px; padding: 9px; box-sizing: content-box; }
        div, span { display: inline; position: static; }
        button, input { display: none !important; }
        [role=row], [role=gridcell] { height: 200px !important; }
      `;
      document.head.append(hostile);
      try {
        expect(await measure()).to.deep.equal(before);
      } finally {
        hostile.remove();
      }
    });
  });
});

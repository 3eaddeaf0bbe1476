/**
 * The member table's connector, headless, the way a React or Vue table
 * would drive it: rows by index, page by page; sort and search; selection;
 * the states; all read from `$state` and acted on through its actions.
 */
import type { SegmentStore, SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { createMemberTableConnector } from '../../packages/elements/src/headless.js';
import type { MemberTableConnector, MemberTableOptions, SegkitSelectionChangeDetail } from '../../packages/elements/src/headless.js';
import { cleanup, faulty, makeAdapter, makeStore, until } from '../core/fixtures.js';
import { expect } from '../setup/expect.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the adapter's member reads while `hold()` is in effect, until `release()`. */
function gated(inner: SegmentsAdapter) {
  let gate: Promise<void> | null = null;
  let open = () => undefined as void;
  const adapter = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'queryMembers' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (gate) await gate;
        return value.apply(target, args);
      };
    },
  });
  return {
    adapter,
    hold: () => void (gate = new Promise<void>((resolve) => (open = () => ((gate = null), resolve())))),
    release: () => open(),
  };
}

const stops: Array<() => void> = [];

/** A store over `n` members (pages of 10) and a connector over it, subscribed as a renderer would be. */
async function setup(n = 30, options: MemberTableOptions = {}) {
  const fault = faulty(makeAdapter(n));
  const gate = gated(fault.adapter);
  const { store, connectivity } = makeStore(gate.adapter, { pageSize: 10 });
  const loads: Array<[number, number]> = [];
  const loadRange = store.loadRange;
  (store as { loadRange: SegmentStore['loadRange'] }).loadRange = (start, end) => {
    loads.push([start, end]);
    return loadRange(start, end);
  };
  const changes: SegkitSelectionChangeDetail[] = [];
  const table: MemberTableConnector = createMemberTableConnector(store, { onSelectionChange: (detail) => changes.push(detail), ...options });
  const unlisten = table.$state.listen(() => undefined);
  stops.push(() => {
    unlisten();
    table.destroy();
  });
  await allTasks();
  const state = () => table.$state.get();
  return { store, table, state, fault, gate, connectivity, loads, changes };
}

describe('member table connector', () => {
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    cleanup();
  });

  describe('rows', () => {
    it('gives rows by index, page by page, and loads the rows on screen: once per task while they move, at once on a jump', async () => {
      const { table, state, loads } = await setup(60, { loadThrottleMs: 40 });
      await until(() => state().total === 60 && state().at(0));
      expect(state()).to.include({ total: 60, rowCount: 60, pageSize: 10, loading: false, firstLoad: false, error: null, empty: false });
      expect(state().at(45)).to.equal(undefined);

      // Scrolling: three ranges in one task make one request, for the last one, at the end of the task.
      const before = loads.length;
      table.setRange({ start: 38, end: 48 });
      table.setRange({ start: 40, end: 50 });
      table.setRange({ start: 42, end: 52 }, { start: 44, end: 50 });
      expect(state().rendered).to.deep.equal({ start: 42, end: 52 });
      expect(state().visible).to.deep.equal({ start: 44, end: 50 });
      expect(state().loading).to.equal(true, 'visible rows are not loaded yet');
      expect(loads.length).to.equal(before);
      await until(() => state().at(51));
      expect(loads.slice(before)).to.deep.equal([[42, 52]]);
      expect(state().loading).to.equal(false);
      expect(state().pages).to.include.members([4, 5]);
      expect(state().at(44)!.id).to.be.a('string');

      // A keyboard jump: requested at once.
      expect(state().at(25)).to.equal(undefined);
      table.setRange({ start: 25, end: 30 }, undefined, { immediate: true });
      expect(loads.at(-1)).to.deep.equal([25, 30]);
    });

    it('keeps the last row count while the next query loads, sorts by a header, and starts over after an error', async () => {
      const { table, state, gate, fault } = await setup(30);
      await until(() => state().total === 30);
      const key = state().queryKey;
      gate.hold();
      table.sortBy('email');
      expect(state().sort).to.deep.equal({ key: 'email', dir: 'asc' });
      expect(state().queryKey).to.not.equal(key);
      expect(state()).to.include({ total: null, rowCount: 30, loading: true, firstLoad: false });
      gate.release();
      await until(() => state().total === 30 && !state().loading);
      table.sortBy('email');
      expect(state().sort).to.deep.equal({ key: 'email', dir: 'desc' });
      table.sortBy('name');
      expect(state().sort).to.deep.equal({ key: 'name', dir: 'asc' });

      fault.reads = 'network';
      table.setSearch('Ana');
      table.submitSearch();
      await until(() => state().error);
      expect(state().error!.code).to.equal('network');
      expect(state()).to.include({ total: null, rowCount: null, firstLoad: false });
      fault.reads = 'ok';
      await table.retry();
      await until(() => state().total !== null);
      expect(state().error).to.equal(null);
    });

    it('says when the store is offline, and when nothing matches', async () => {
      const { table, state, connectivity } = await setup(30);
      await until(() => state().total === 30);
      expect(state()).to.include({ offline: false, filtered: false, empty: false });
      connectivity.set(false);
      expect(state().offline).to.equal(true);
      connectivity.set(true);
      table.setSearch('nobody at all');
      table.submitSearch();
      await until(() => state().empty);
      expect(state()).to.include({ total: 0, filtered: true });
    });
  });

  describe('search', () => {
    it('shows what is typed at once and applies it after a pause or on Enter; a search applied elsewhere shows unless the user is typing', async () => {
      const { store, table, state } = await setup(30, { searchDebounceMs: 30 });
      const query = () => store.$query.get().search;
      table.setSearch('Ana');
      expect(state().searchText).to.equal('Ana');
      expect(query()).to.equal('');
      await sleep(60);
      expect(query()).to.equal('Ana');
      expect(state().filtered).to.equal(true);

      table.setSearch('Bo ');
      table.submitSearch();
      expect(query()).to.equal('Bo ');
      expect(state().searchText).to.equal('Bo ', 'the space being typed stays');

      store.setSearch('Hana');
      expect(state().searchText).to.equal('Hana');
      table.setSearch('Ch');
      store.setSearch('Zed');
      expect(state().searchText).to.equal('Ch', 'typing wins over a search applied meanwhile');
      await sleep(60);
      expect(query()).to.equal('Ch');

      table.setSearch('Ivo');
      table.reset();
      await sleep(60);
      expect(query()).to.equal('');
      expect(state()).to.include({ searchText: '', filtered: false });
    });
  });

  describe('selection', () => {
    it('selects a row, a Shift range, the page on screen (tri-state) and all N matching, and reports each change once', async () => {
      const { store, table, state, changes } = await setup(30);
      await until(() => state().at(9));
      table.setRange({ start: 0, end: 4 });
      const id = (index: number) => state().at(index)!.id;
      expect(state().pageChecked).to.equal('false');

      const before = state();
      await table.toggleRow(2);
      expect(state().isSelected(id(2))).to.equal(true);
      expect(before.isSelected(id(2))).to.equal(false, 'an earlier snapshot does not change');
      expect(state()).to.include({ selectedCount: 1, pageChecked: 'mixed', pageOnly: false, allMatching: false });
      await table.togglePage();
      expect(state()).to.include({ selectedCount: 4, pageChecked: 'true', pageOnly: true });
      const page = changes.at(-1) as Extract<SegkitSelectionChangeDetail, { mode: 'ids' }>;
      expect(page).to.include({ mode: 'ids', count: 4 });
      expect([...page.ids].sort()).to.deep.equal([0, 1, 2, 3].map(id).sort());
      await table.togglePage();
      expect(state()).to.include({ selectedCount: 0, pageChecked: 'false' });
      await table.toggleRow(8);
      expect(state().pageChecked).to.equal('mixed', 'a member is selected off this page');
      await table.toggleRow(8);

      // A Shift range from the anchor (row 2, toggled last) to row 6, to that row's new state.
      await table.toggleRow(2);
      await table.toggleRow(6, { range: true });
      expect(state().selectedCount).to.equal(5);
      expect([2, 3, 4, 5, 6].every((i) => state().isSelected(id(i)))).to.equal(true);
      // Shift+Arrow from row 6 down to row 8.
      await table.extendSelection(8, 6);
      expect(state().selectedCount).to.equal(7);

      // Rows not loaded yet cannot be toggled; nothing changes, nothing is reported.
      const reported = changes.length;
      await table.toggleRow(25);
      expect(state().selectedCount).to.equal(7);
      expect(changes.length).to.equal(reported);

      await table.selectAllMatching();
      expect(state()).to.include({ allMatching: true, selectedCount: 30, pageChecked: 'true' });
      expect(changes.at(-1)).to.deep.include({ mode: 'query', count: 30, except: [] });
      await table.toggleRow(0);
      expect(state()).to.include({ selectedCount: 29, pageChecked: 'mixed' });
      expect(changes.at(-1)).to.deep.include({ mode: 'query', count: 29, except: [id(0)] });

      await table.clearSelection();
      expect(changes.at(-1)).to.deep.equal({ mode: 'ids', count: 0, ids: [] });
      await table.clearSelection(); // already clear: not a change
      expect(changes.map((c) => c.count)).to.deep.equal([1, 4, 0, 1, 0, 1, 5, 7, 30, 29, 0]);
      expect(store.$selectedCount.get()).to.equal(0);
    });

    it('reports a refused selection as a typed error, which the next selection action clears', async () => {
      const { table, state } = await setup(30);
      await until(() => state().at(0));
      await table.extendSelection(10_500, 0);
      expect(state().selectionError?.code).to.equal('invalid-input');
      expect(state().selectedCount).to.equal(1, 'the anchor row, nothing more');
      await table.toggleRow(1);
      expect(state().selectionError).to.equal(null);
      expect(state().selectedCount).to.equal(2);
    });
  });

  it('stops on destroy: a pending search is dropped and no more rows are requested', async () => {
    const { store, table, state, loads } = await setup(60, { searchDebounceMs: 20, loadThrottleMs: 20 });
    await until(() => state().total === 60);
    const before = loads.length;
    table.setSearch('Ana');
    table.setRange({ start: 40, end: 50 });
    table.destroy();
    await sleep(80);
    expect(store.$query.get().search).to.equal('');
    expect(loads.length).to.equal(before);
  });
});

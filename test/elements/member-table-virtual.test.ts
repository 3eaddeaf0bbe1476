/**
 * The member table at 100,000 members: only the rows in view are in the DOM,
 * row indexes stay absolute, pages are requested as the user scrolls or jumps,
 * and the focused row survives any scroll.
 */
import type { MemoryAdapter, SegmentStore } from '@segkit/core';
import { createMemoryAdapter, emptyQuery } from '@segkit/core';
import { generateDataset } from '@segkit/mock';
import { allTasks } from 'nanostores';
import { cleanup, makeStore } from '../core/fixtures.js';
import { focused, nextFrame, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, gatedAdapter } from './member-table.harness.js';

const SIZE = 100_000;
/** A few dozen: the rows in view (about 8 here) plus the overscan on each side, plus the focused row. */
const MAX_ROWS_IN_DOM = 40;

let adapter: MemoryAdapter;

/** A table over the 100,000 members, recording the ranges it asks the store to load. */
async function setup(options: { gate?: boolean } = {}) {
  const gate = gatedAdapter(adapter);
  const { store } = makeStore(gate.adapter, { pageSize: 100 });
  const ranges: Array<[number, number]> = [];
  const loadRange = store.loadRange;
  (store as { loadRange: SegmentStore['loadRange'] }).loadRange = (start, end) => {
    ranges.push([start, end]);
    return loadRange(start, end);
  };
  await allTasks();
  const t = await MemberTableHarness.mount(store);
  if (options.gate) gate.hold();
  return { store, t, ranges, release: gate.release };
}

/** A fling: a jump a frame, each far past the rows rendered, ending at row 60,000. */
async function fling(t: MemberTableHarness): Promise<void> {
  for (const to of [20_000, 40_000, 60_000]) {
    t.scroller.scrollTop = to * t.rowHeight;
    t.scroller.dispatchEvent(new Event('scroll'));
    await nextFrame();
  }
}

describe('segkit-member-table with 100,000 members', function () {
  this.timeout(60_000);

  before(async () => {
    const data = generateDataset({ size: SIZE });
    adapter = createMemoryAdapter({ members: data.members, segments: data.segments });
    // The whole order by name, known before any table mounts (a first page alone is found without it, decision 027).
    await adapter.queryMembers(emptyQuery(), { offset: SIZE / 2, limit: 1 });
  });

  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('reads no layout in the task that first renders it: its first measure waits for the frame (a cold load lays the page out once, not inside the render)', async () => {
    const { store } = makeStore(adapter, { pageSize: 100 });
    await allTasks();
    const reads: string[] = [];
    const restore: Array<() => void> = [];
    const inTable = (node: Element) => (node.getRootNode() as ShadowRoot).host?.localName === 'segkit-member-table';
    /** Notes every read of `name` (a getter or a method that lays the page out) on an element of a table. */
    const spy = (proto: object, name: string) => {
      const original = Object.getOwnPropertyDescriptor(proto, name)!;
      const read = original.get ?? (original.value as (...args: unknown[]) => unknown);
      function noted(this: Element, ...args: unknown[]) {
        if (inTable(this)) reads.push(name);
        return read.apply(this, args);
      }
      Object.defineProperty(proto, name, original.get ? { ...original, get: noted } : { ...original, value: noted });
      restore.push(() => Object.defineProperty(proto, name, original));
    };
    for (const name of ['getBoundingClientRect', 'clientHeight', 'clientWidth', 'scrollTop', 'scrollLeft']) spy(Element.prototype, name);
    for (const name of ['offsetWidth', 'offsetHeight']) spy(HTMLElement.prototype, name);
    const el = document.createElement('segkit-member-table') as HTMLElement & { store: SegmentStore; updateComplete: Promise<unknown> };
    try {
      el.store = store;
      el.style.height = '400px';
      document.body.append(el);
      await el.updateComplete;
    } finally {
      for (const undo of restore) undo();
    }
    try {
      expect(reads, 'layout read while rendering').to.deep.equal([]);
      // And the frame's measure does show the rows.
      await waitFor(() => el.shadowRoot!.querySelector('[role="row"][aria-rowindex="2"]:not([aria-busy])'));
    } finally {
      el.remove();
    }
  });

  it('draws the rows a jump lands on with their members when the store has them at once: no placeholder drawn in between', async () => {
    const { t } = await setup();
    const added: Element[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) added.push(node, ...node.querySelectorAll('*'));
    });
    observer.observe(t.root, { childList: true, subtree: true });
    await t.scrollToRow(50_000);
    await t.waitForRows();
    observer.disconnect();
    expect(t.rowsInView().every((row) => !row.hasAttribute('aria-busy')), 'the rows show members').to.equal(true);
    expect(added.filter((el) => el.matches('[part~="skeleton"]')).length, 'placeholders drawn').to.equal(0);
  });

  it('moves a row by its own position, not by a custom property every element in it would inherit, and holds no inline bidi isolate (decision 037)', async () => {
    const { t } = await setup();
    await t.scrollToRow(50_000);
    await t.waitForRows();
    for (const row of t.rows()) {
      expect([...row.style].filter((name) => name.startsWith('--')), `row ${t.rowIndex(row)}: custom properties set on it`).to.deep.equal([]);
      expect(row.style.getPropertyValue('inset-block-start'), `row ${t.rowIndex(row)}: its position`).to.not.equal('');
    }
    // A <bdi> costs its whole line the full bidirectional algorithm: text a member wrote is set dir="auto" instead.
    expect(t.rows().flatMap((row) => [...row.querySelectorAll('bdi')]).length, '<bdi> elements in the rows').to.equal(0);
    expect(t.rows()[0]!.querySelectorAll('[dir="auto"]').length, 'text with its own direction in a row').to.be.above(1);
  });

  it('renders a jumping view with two rows beyond each edge, and the full overscan (six) once the scroll rests', async () => {
    const { t } = await setup();
    await fling(t);
    const inView = t.rowsInView().length;
    expect(inView).to.be.above(3);
    // Slack of two: a row cut at each edge of the view counts as rendered but not as in view.
    expect(t.rows().length, 'rows while jumping').to.be.at.most(inView + 2 * 2 + 2);
    await waitFor(() => t.rows().length >= inView + 2 * 6 - 1);
    // Besides the grid's tab stop (row 0, kept wherever the view is), the rows are around row 60,000.
    expect(t.rows().filter((row) => Math.abs(t.rowIndex(row) - 2 - 60_000) >= 40).map((row) => t.rowIndex(row) - 2), 'rows elsewhere').to.deep.equal([0]);
  });

  it('draws a fling\'s rows as text (no avatar, no chips) and whole once the scroll rests, whatever the overscan (decision 038)', async () => {
    for (const overscan of [6, 0]) {
      const { t } = await setup();
      t.el.overscan = overscan;
      // The rows the fling lands on are in the store already: they are drawn with their members at once.
      await t.scrollToRow(60_000);
      await t.waitForRows();
      await t.scrollToRow(0);
      await t.waitForRows();
      let plain = 0;
      // Counted as each render lands (a mutation's callback), not by a timer: the plain rows last only until the scroll rests.
      const observer = new MutationObserver(() => {
        plain += [...t.root.querySelectorAll('.name-cell')].filter((cell) => cell.querySelector('.name') && !cell.querySelector('[part="avatar"]')).length;
      });
      observer.observe(t.root, { childList: true, subtree: true });
      await fling(t);
      // Once the scroll rests every row in view is whole again: its avatar, and its chips or "Unassigned".
      const whole = (row: Element) => row.querySelector('[part="avatar"]') !== null && row.querySelector('[part~="chip"], [part="unassigned"]') !== null;
      await waitFor(() => t.rowsInView().length > 3 && t.rowsInView().every(whole));
      observer.disconnect();
      expect(plain, `overscan ${overscan}: name cells drawn without their avatar while the view jumped`).to.be.above(0);
      expect(Math.abs(t.rowIndex(t.rowsInView()[0]!) - 2 - 60_000), `overscan ${overscan}: the view is at row 60,000`).to.be.below(10);
      unmountAll();
      cleanup();
    }
  });

  it('keeps only a few dozen rows in the DOM, with absolute row indexes, at the top, the middle and the end', async () => {
    const { t, store, ranges } = await setup();
    expect(t.grid.getAttribute('aria-rowcount')).to.equal(String(SIZE + 1));
    expect(t.rows().length).to.be.within(8, MAX_ROWS_IN_DOM);
    expect(t.rowIndex(t.rowsInView()[0]!)).to.equal(2);

    await t.scrollToRow(50_000);
    await t.waitForRows();
    expect(t.rows().length).to.be.within(8, MAX_ROWS_IN_DOM);
    const middle = t.rowsInView().map((row) => t.rowIndex(row));
    expect(middle[0]).to.equal(50_002);
    expect(middle).to.deep.equal(middle.map((_, i) => 50_002 + i));
    expect(t.nameOf(t.rowsInView()[0]!)).to.equal(store.$members.get().at(50_000)!.name);
    expect(ranges.some(([start, end]) => start <= 50_000 && end > 50_000)).to.equal(true);

    await t.scrollToEnd();
    await t.waitForRows();
    expect(t.rows().length).to.be.within(8, MAX_ROWS_IN_DOM);
    const last = t.rowsInView().at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal('100001');
    expect(t.nameOf(last)).to.equal(store.$members.get().at(SIZE - 1)!.name);
    // The spacer is as tall as every row: the last one ends where the scroll ends.
    const viewportBottom = t.scroller.getBoundingClientRect().top + t.scroller.clientTop + t.scroller.clientHeight; // above a scrollbar
    expect(last.getBoundingClientRect().bottom).to.be.closeTo(viewportBottom, 2);
  });

  it('adds up keys pressed faster than it renders: PageDown three times before a render moves three pages', async () => {
    const { t } = await setup();
    await t.focusCell(0, 1);
    await t.press('PageDown');
    const page = t.focusedCell()!.row;
    expect(page, 'rows a PageDown moves').to.be.above(2);
    // Three presses in one task, as a fast hand or a key held down on a slow machine: the focus cannot move in between.
    const cell = focused() as HTMLElement;
    for (let i = 0; i < 3; i += 1) cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => t.focusedCell()?.row === 4 * page);
    expect(t.focusedCell()).to.deep.equal({ row: 4 * page, col: 1 });
    // And back up the same way.
    const moved = focused() as HTMLElement;
    for (let i = 0; i < 2; i += 1) moved.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => t.focusedCell()?.row === 2 * page);
  });

  it('jumps to row 100,000 with Ctrl+End, loading its page, and back with Ctrl+Home', async () => {
    const { t, store, ranges } = await setup();
    await t.focusCell(0, 1);
    await t.press('Control+End');
    expect(t.focusedCell()).to.deep.equal({ row: SIZE - 1, col: 6 });
    await t.waitForRows();
    expect(ranges.some(([start, end]) => start <= SIZE - 1 && end >= SIZE)).to.equal(true);
    const focusedRow = (focused() as HTMLElement).closest('[role="row"]')!;
    expect(focusedRow.getAttribute('aria-rowindex')).to.equal('100001');
    expect(t.nameOf(focusedRow)).to.equal(store.$members.get().at(SIZE - 1)!.name);
    expect(t.rows().length).to.be.at.most(MAX_ROWS_IN_DOM);

    await t.press('PageUp');
    expect(t.focusedCell()!.row).to.be.below(SIZE - 1);
    await t.press('Control+Home');
    expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });
    await t.waitForRows();
    expect(t.rowIndex(t.rowsInView()[0]!)).to.equal(2);
  });

  it('shows placeholder rows while the page in view loads', async () => {
    const { t, release } = await setup({ gate: true });
    await t.scrollToRow(70_000);
    const placeholders = t.rowsInView().filter((row) => row.getAttribute('aria-busy') === 'true');
    expect(placeholders.length).to.equal(t.rowsInView().length);
    expect(placeholders.every((row) => row.getAttribute('part')!.split(' ').includes('row-loading'))).to.equal(true);
    expect(t.el.hasAttribute('loading')).to.equal(true);
    release();
    await t.waitForRows();
    expect(t.rowsInView().some((row) => row.getAttribute('aria-busy') === 'true')).to.equal(false);
    expect(t.el.hasAttribute('loading')).to.equal(false);
  });

  it('keeps the focused row rendered and focused across a long scroll', async () => {
    const { t } = await setup();
    const cell = await t.focusCell(1, 2);
    await t.scrollToRow(60_000);
    await t.waitForRows();
    expect(t.rows().map((row) => t.rowIndex(row))).to.include(3);
    expect(t.rows().length).to.be.at.most(MAX_ROWS_IN_DOM);
    expect(focused()).to.equal(cell);
    await t.press('ArrowDown');
    // The focus moves from where it is (row 1), and brings that row back into view.
    expect(t.focusedCell()).to.deep.equal({ row: 2, col: 2 });
    expect(t.rowsInView().map((row) => t.rowIndex(row))).to.include(4);
  });

  it('refuses a Shift range wider than the store allows, and says so', async () => {
    const { t, store } = await setup();
    await t.toggle(t.nameOf(t.rowsInView()[0]!)!);
    await t.scrollToRow(20_000);
    await t.waitForRows();
    await t.toggle(t.nameOf(t.rowsInView()[0]!)!, { shiftKey: true });
    await waitFor(() => /at most 10,000 rows/.test(t.selectionText()));
    expect(store.$selectedCount.get()).to.equal(1);
    await settle();
  });
});

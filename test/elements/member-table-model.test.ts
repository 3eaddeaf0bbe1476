/**
 * The member table's pure pieces, without the element: the virtual
 * window's arithmetic, DOM slot recycling, the grid keyboard, columns, and
 * the connector's small helpers (its behaviour over a store is tested in
 * member-table.connector.test.ts).
 */
import { avatarHue, initials, minTrackWidth, sortKeyOf } from '../../packages/elements/src/member-table/columns.js';
import { gridCommand } from '../../packages/elements/src/member-table/grid-keys.js';
import type { GridShape } from '../../packages/elements/src/member-table/grid-keys.js';
import { Debouncer, isFiltered, nextSort } from '../../packages/elements/src/member-table/table-model.js';
import {
  MAX_BODY_HEIGHT,
  assignSlots,
  renderedRows,
  revealScrollTop,
  rowsPerPage,
  visibleRows,
} from '../../packages/elements/src/member-table/virtual-rows.js';
import { expect } from '../setup/expect.js';

const metrics = (scrollTop: number, total = 100_000) => ({ scrollTop, viewportHeight: 440, headerHeight: 40, rowHeight: 48, total });

describe('member table: virtual window', () => {
  it('finds the rows in view below a sticky header, and the overscan around them', () => {
    expect(visibleRows(metrics(0))).to.deep.equal({ start: 0, end: 9 }); // 400px body: 8⅓ rows
    expect(visibleRows(metrics(48 * 50_000 + 10))).to.deep.equal({ start: 50_000, end: 50_009 });
    expect(renderedRows(metrics(48 * 50_000), 6)).to.deep.equal({ start: 49_994, end: 50_015 });
    expect(renderedRows(metrics(0), 6)).to.deep.equal({ start: 0, end: 15 });
    const bottom = 48 * 100_000 - 400;
    expect(visibleRows(metrics(bottom))).to.deep.equal({ start: 99_991, end: 100_000 });
    expect(renderedRows(metrics(bottom), 6)).to.deep.equal({ start: 99_985, end: 100_000 });
    expect(visibleRows(metrics(0, 0))).to.deep.equal({ start: 0, end: 0 });
    expect(visibleRows(metrics(0, 3))).to.deep.equal({ start: 0, end: 3 });
  });

  it('never renders more than a bounded body, even in a scroller with no height limit', () => {
    const unbounded = { ...metrics(0), viewportHeight: 48 * 100_000 };
    expect(visibleRows(unbounded).end).to.equal(Math.ceil(MAX_BODY_HEIGHT / 48));
  });

  it('scrolls only as far as needed to reveal a row, and pages by whole rows', () => {
    expect(revealScrollTop(3, metrics(0))).to.equal(null);
    expect(revealScrollTop(8, metrics(0))).to.equal(9 * 48 - 400);
    expect(revealScrollTop(10, metrics(48 * 20))).to.equal(480);
    expect(revealScrollTop(99_999, metrics(0))).to.equal(48 * 100_000 - 400);
    expect(rowsPerPage(metrics(0))).to.equal(8);
  });

  it('recycles DOM slots: rows that stay keep their slot, so a focused row never moves', () => {
    let slots = assignSlots([], [0, 1, 2, 3]);
    expect(slots).to.deep.equal([0, 1, 2, 3]);
    slots = assignSlots(slots, [2, 3, 4, 5]);
    expect(slots).to.deep.equal([4, 5, 2, 3]);
    // The focused row 2 is kept in its slot while the view moves far away.
    slots = assignSlots(slots, [2, 50, 51, 52]);
    expect(slots).to.deep.equal([50, 51, 2, 52]);
    // Fewer rows: freed slots are emptied, trailing ones dropped, the others stay put.
    expect(assignSlots([7, 8, 9, 10], [8])).to.deep.equal([null, 8]);
    expect(assignSlots([7, 8, 9, 10], [])).to.deep.equal([]);
  });
});

describe('member table: keyboard', () => {
  const shape: GridShape = { rows: 100, cols: 7, pageRows: 8, rtl: false };
  const move = (key: string, row: number, col: number, mods: object = {}, s: GridShape = shape) => gridCommand({ key, ...mods }, { row, col }, s);

  it('moves by cell, row, page and to the ends; the header is row -1', () => {
    expect(move('ArrowDown', 0, 2)).to.deep.equal({ kind: 'move', to: { row: 1, col: 2 }, extend: false });
    expect(move('ArrowUp', 0, 2)).to.deep.equal({ kind: 'move', to: { row: -1, col: 2 }, extend: false });
    expect(move('ArrowUp', -1, 2)).to.deep.equal({ kind: 'move', to: { row: -1, col: 2 }, extend: false });
    expect(move('ArrowDown', 99, 2)).to.deep.equal({ kind: 'move', to: { row: 99, col: 2 }, extend: false });
    expect(move('ArrowRight', 5, 6)).to.deep.equal({ kind: 'move', to: { row: 5, col: 6 }, extend: false });
    expect(move('ArrowRight', 5, 2, {}, { ...shape, rtl: true })).to.deep.equal({ kind: 'move', to: { row: 5, col: 1 }, extend: false });
    expect(move('Home', 5, 4)).to.deep.equal({ kind: 'move', to: { row: 5, col: 0 }, extend: false });
    expect(move('End', 5, 4)).to.deep.equal({ kind: 'move', to: { row: 5, col: 6 }, extend: false });
    expect(move('Home', 50, 4, { ctrlKey: true })).to.deep.equal({ kind: 'move', to: { row: 0, col: 0 }, extend: false });
    expect(move('End', 5, 4, { ctrlKey: true })).to.deep.equal({ kind: 'move', to: { row: 99, col: 6 }, extend: false });
    expect(move('PageDown', 95, 1)).to.deep.equal({ kind: 'move', to: { row: 99, col: 1 }, extend: false });
    expect(move('PageUp', 5, 1)).to.deep.equal({ kind: 'move', to: { row: 0, col: 1 }, extend: false });
    expect(move('PageUp', -1, 1)).to.deep.equal({ kind: 'move', to: { row: -1, col: 1 }, extend: false });
    expect(move('PageDown', -1, 1)).to.deep.equal({ kind: 'move', to: { row: 7, col: 1 }, extend: false });
    expect(move('ArrowDown', -1, 1, {}, { ...shape, rows: 0 })).to.deep.equal({ kind: 'move', to: { row: -1, col: 1 }, extend: false });
  });

  it('selects with Space, extends with Shift, activates headers, selects all and clears', () => {
    expect(move('ArrowDown', 3, 1, { shiftKey: true })).to.deep.equal({ kind: 'move', to: { row: 4, col: 1 }, extend: true });
    expect(move('ArrowUp', 0, 1, { shiftKey: true })).to.deep.equal({ kind: 'move', to: { row: -1, col: 1 }, extend: false });
    expect(move(' ', 3, 1)).to.deep.equal({ kind: 'toggle', extend: false });
    expect(move(' ', 3, 1, { shiftKey: true })).to.deep.equal({ kind: 'toggle', extend: true });
    expect(move(' ', -1, 2)).to.deep.equal({ kind: 'activate' });
    expect(move('Enter', -1, 2)).to.deep.equal({ kind: 'activate' });
    expect(move('Enter', 3, 2)).to.equal(null);
    expect(move('a', 3, 2, { ctrlKey: true })).to.deep.equal({ kind: 'select-all' });
    expect(move('a', 3, 2, { metaKey: true })).to.deep.equal({ kind: 'select-all' });
    expect(move('a', 3, 2)).to.equal(null);
    expect(move('Escape', 3, 2)).to.deep.equal({ kind: 'clear' });
    expect(move('ArrowDown', 3, 2, { altKey: true })).to.equal(null);
    expect(move('x', 3, 2)).to.equal(null);
  });
});

describe('member table: columns', () => {
  it('makes initials, hues and track widths', () => {
    expect(initials('Ana Silva')).to.equal('AS');
    expect(initials('  zoë ')).to.equal('Z');
    expect(initials('Ana Silva 042')).to.equal('AS');
    expect(initials('Élodie de la Fontaine')).to.equal('ÉF');
    expect(initials('')).to.equal('?');
    expect(avatarHue('m1')).to.equal(avatarHue('m1'));
    expect(avatarHue('m1')).to.be.within(0, 359);
    expect(minTrackWidth('minmax(220px, 2fr)')).to.equal(220);
    expect(minTrackWidth('48px')).to.equal(48);
    expect(minTrackWidth('10rem')).to.equal(160);
    expect(minTrackWidth('1fr')).to.equal(100);
  });

  it('sorts only sortable columns with a key the store knows', () => {
    expect(sortKeyOf({ key: 'name', label: 'Name', sortable: true })).to.equal('name');
    expect(sortKeyOf({ key: 'reach', label: 'Reach', sortable: true, sortKey: 'attributes.followers' })).to.equal('attributes.followers');
    expect(sortKeyOf({ key: 'attributes.tier', label: 'Tier', sortable: true })).to.equal('attributes.tier');
    expect(sortKeyOf({ key: 'bio', label: 'Bio', sortable: true })).to.equal(undefined);
    expect(sortKeyOf({ key: 'name', label: 'Name' })).to.equal(undefined);
  });
});

describe('member table: connector helpers', () => {
  it('flips the sort on the same key and starts ascending on another', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).to.deep.equal({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'name')).to.deep.equal({ key: 'name', dir: 'asc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'email')).to.deep.equal({ key: 'email', dir: 'asc' });
  });

  it('knows a filtered query from the whole list', () => {
    const all = { include: [], exclude: [], match: 'any' as const, search: '', attributes: [] };
    expect(isFiltered(all)).to.equal(false);
    expect(isFiltered({ ...all, search: '  ' })).to.equal(false);
    expect(isFiltered({ ...all, search: 'ana' })).to.equal(true);
    expect(isFiltered({ ...all, include: ['vips'] })).to.equal(true);
  });

  it('debounces: only the last value runs, once, after the pause; flush runs it at once', async () => {
    const runs: string[] = [];
    const debouncer = new Debouncer<string>((value) => runs.push(value), 20);
    debouncer.call('a');
    debouncer.call('ab');
    expect(debouncer.pending).to.equal(true);
    expect(runs).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).to.deep.equal(['ab']);
    debouncer.call('abc');
    debouncer.flush();
    expect(runs).to.deep.equal(['ab', 'abc']);
    debouncer.call('x');
    debouncer.cancel();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).to.deep.equal(['ab', 'abc']);
  });
});

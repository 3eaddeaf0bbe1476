/**
 * The member table at 100,000 and 1,000,000 rows (issue 9, decision 028),
 * over a synthetic backend whose rows are made from their index on demand
 * ("Row 1" ... "Row 1000000"): rows line up under the sticky header deep
 * down, and past the browsers' cap on an element's height the scroll is
 * scaled while keys and `aria-rowindex` stay exact.
 */
import type { Member, MemberPage, MemberQuery, PageRequest, SegmentsAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { MAX_SCROLL_HEIGHT, offsetAt, scrollTopFor, spacerHeight, visibleRows } from '../../packages/elements/src/member-table/virtual-rows.js';
import { T0, cleanup, makeStore } from '../core/fixtures.js';
import { allByRole, focused, nextFrame, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, tableAdapter } from './member-table.harness.js';

const row = (i: number): Member => ({
  id: `r${i}`,
  name: `Row ${i + 1}`,
  email: `row${i + 1}@example.com`,
  attributes: {},
  segmentIds: [],
  createdAt: new Date(T0).toISOString(),
});

/** `n` members, made from their index when a page is asked for (nothing built up front). */
function synthetic(n: number): SegmentsAdapter {
  const inner = tableAdapter(1);
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key !== 'queryMembers') return Reflect.get(target, key, receiver);
      return async (_query: MemberQuery, page: PageRequest): Promise<MemberPage> => {
        const count = Math.max(0, Math.min(page.limit, n - page.offset));
        return { items: Array.from({ length: count }, (_, k) => row(page.offset + k)), total: n, offset: page.offset };
      };
    },
  });
}

async function setup(n: number) {
  const { store } = makeStore(synthetic(n), { pageSize: 100 });
  await allTasks();
  return MemberTableHarness.mount(store);
}

/** The rows' visible box: the scroller's, below the header and above a horizontal scrollbar. */
function viewport(t: MemberTableHarness) {
  const grid = t.scroller.getBoundingClientRect();
  return { top: grid.top + t.scroller.clientTop, bottom: grid.top + t.scroller.clientTop + t.scroller.clientHeight };
}

/** The rendered rows that reach below the header, in order: [index (0-based), top, bottom]. */
function rowsBelowHeader(t: MemberTableHarness): Array<[number, number, number]> {
  const { top } = viewport(t);
  return t
    .rows()
    .map((r): [number, number, number] => [t.rowIndex(r) - 2, r.getBoundingClientRect().top, r.getBoundingClientRect().bottom])
    .filter(([, , bottom]) => bottom > top + 0.5);
}

/** Rows follow one another with no gap or overlap, and the first one covers the header's bottom edge. */
function expectRowsTiled(t: MemberTableHarness): void {
  const rows = rowsBelowHeader(t);
  const { top } = viewport(t);
  expect(rows.length).to.be.above(3);
  expect(rows[0]![1], 'the first row starts under the header, not above it').to.be.at.most(top + 0.01);
  for (let i = 1; i < rows.length; i += 1) {
    if (rows[i]![0] !== rows[i - 1]![0] + 1) continue; // the focused row, kept rendered elsewhere
    expect(rows[i]![1], `row ${rows[i]![0]} starts where the one before ends`).to.be.closeTo(rows[i - 1]![2], 0.01);
  }
}

/**
 * Nothing shows above the header's bottom edge (decision 033): the header sits at the top of the grid,
 * and the part of every row that is not clipped away (by the scroller it is in) starts at or below the
 * header's bottom edge. After a key move the focused row is fully visible under the header.
 */
function expectHeaderOnTop(t: MemberTableHarness, what: string, { focusInView = true } = {}): void {
  const grid = t.grid.getBoundingClientRect();
  const header = t.headerRow().getBoundingClientRect();
  expect(header.top, `${what}: the header is at the top of the grid`).to.be.closeTo(grid.top + t.grid.clientTop, 1.5);
  const clip = t.scroller.getBoundingClientRect();
  for (const r of t.rows()) {
    const box = r.getBoundingClientRect();
    const top = Math.max(box.top, clip.top);
    if (Math.min(box.bottom, clip.bottom) - top <= 0.5) continue; // clipped away
    expect(top, `${what}: row ${t.rowIndex(r) - 1} shows above the header's bottom edge`).to.be.at.least(header.bottom - 0.5);
  }
  const row = (focused() as HTMLElement | null)?.closest('[role="row"]');
  if (!focusInView || !row || t.rowIndex(row) === 1) return;
  const box = row.getBoundingClientRect();
  const view = viewport(t);
  expect(box.top, `${what}: the focused row starts under the header`).to.be.at.least(view.top - 0.5);
  expect(box.bottom, `${what}: the focused row ends above the grid's bottom`).to.be.at.most(view.bottom + 0.5);
}

/** Every header cell spans the same columns as the cells of the rows under it. */
function expectColumnsAligned(t: MemberTableHarness): void {
  const heads = allByRole(t.headerRow(), 'columnheader').map((c) => c.getBoundingClientRect());
  const cells = allByRole(t.rowsInView()[0]!, 'gridcell').map((c) => c.getBoundingClientRect());
  expect(heads.length).to.equal(cells.length);
  heads.forEach((head, i) => {
    expect(head.left, `column ${i + 1} starts where its cells start`).to.be.closeTo(cells[i]!.left, 0.5);
    expect(head.right, `column ${i + 1} ends where its cells end`).to.be.closeTo(cells[i]!.right, 0.5);
  });
}

describe('segkit-member-table at 100,000 and 1,000,000 rows', function () {
  this.timeout(60_000);
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('lines the rows up under the header after a scroll deep into 100,000 rows', async () => {
    const t = await setup(100_000);
    const rowHeight = t.rowHeight;
    // Deep (where a 32-bit float holds only half pixels), and not on a row boundary.
    t.scroller.scrollTop = 99_980 * rowHeight - 40;
    t.scroller.dispatchEvent(new Event('scroll'));
    await t.waitForRows();
    const rows = rowsBelowHeader(t);
    const { top } = viewport(t);
    // The row at the top is the one the scroll position says, exactly where it says.
    const scrollTop = t.scroller.scrollTop;
    const first = Math.floor(scrollTop / rowHeight);
    expect(rows[0]![0]).to.equal(first);
    expect(rows[0]![1]).to.be.closeTo(top + first * rowHeight - scrollTop, 0.01);
    expectRowsTiled(t);
  });

  it('keeps the header on top with no row above it after Ctrl+End, PageDown and a fling at 100,000 rows', async () => {
    const t = await setup(100_000);
    await t.focusCell(0, 1);
    await t.press('Control+End');
    await t.waitForRows();
    expect(t.focusedCell()!.row).to.equal(99_999);
    expectHeaderOnTop(t, 'after Ctrl+End');

    await t.press('Control+Home');
    await t.waitForRows();
    for (let i = 0; i < 20; i += 1) await t.press('PageDown');
    await t.waitForRows();
    expect(t.focusedCell()!.row).to.be.above(100);
    expectHeaderOnTop(t, 'after PageDown x20');

    // A fling: the scroll position jumps down a frame at a time, to the bottom.
    const grid = t.scroller;
    for (let step = 1; step <= 10; step += 1) {
      grid.scrollTop = ((grid.scrollHeight - grid.clientHeight) * step) / 10;
      await nextFrame();
    }
    await t.waitForRows();
    expect(t.rowIndex(t.rowsInView().at(-1)!)).to.equal(100_001);
    expectHeaderOnTop(t, 'after a fling to the bottom', { focusInView: false });
  });

  it('keeps the header columns over their cells when the rows scroll sideways', async () => {
    const t = await setup(1000);
    t.el.style.width = '420px'; // narrower than the columns: the rows scroll sideways
    await waitFor(() => t.scroller.scrollWidth > t.scroller.clientWidth + 100);
    await settle();
    expectColumnsAligned(t);
    t.scroller.scrollLeft = 150;
    const firstCell = () => allByRole(t.rowsInView()[0]!, 'gridcell')[0]!.getBoundingClientRect().left;
    await waitFor(() => firstCell() < t.scroller.getBoundingClientRect().left - 100);
    await settle();
    expectColumnsAligned(t);
    // Focus on a header cell out of view sideways brings the rows along.
    const head = allByRole(t.headerRow(), 'columnheader').at(-1)!;
    head.focus();
    await settle();
    expectColumnsAligned(t);
  });

  it('shows row 1,000,000 with Ctrl+End, moves exactly one row or one page by key, and back with Ctrl+Home', async () => {
    const t = await setup(1_000_000);
    expect(t.grid.getAttribute('aria-rowcount')).to.equal('1000001');
    expect(t.scroller.scrollHeight, 'the spacer is capped').to.be.at.most(MAX_SCROLL_HEIGHT + 100);
    await t.focusCell(0, 1);
    await t.press('Control+End');
    await t.waitForRows();
    expect(t.focusedCell()).to.deep.equal({ row: 999_999, col: 6 });
    const last = (focused() as HTMLElement).closest('[role="row"]')!;
    expect(last.getAttribute('aria-rowindex')).to.equal('1000001');
    expect(t.nameOf(last)).to.equal('Row 1000000');
    const box = last.getBoundingClientRect();
    const view = viewport(t);
    expect(box.top, 'fully in view').to.be.at.least(view.top - 0.5);
    expect(box.bottom).to.be.closeTo(view.bottom, 1);

    await t.press('Home');
    await t.press('ArrowUp');
    expect(t.focusedCell()).to.deep.equal({ row: 999_998, col: 0 });
    await t.press('PageUp');
    const page = 999_998 - t.focusedCell()!.row;
    expect(page, 'a page is the rows that fit').to.be.within(5, 12);
    await t.press('PageUp');
    expect(t.focusedCell()!.row).to.equal(999_998 - 2 * page);
    await t.press('PageDown');
    expect(t.focusedCell()!.row).to.equal(999_998 - page);
    await t.waitForRows();
    const focusedRow = (focused() as HTMLElement).closest('[role="row"]')!;
    expect(t.nameOf(focusedRow)).to.equal(`Row ${999_998 - page + 1}`);
    expectRowsTiled(t);

    await t.press('Control+Home');
    expect(t.focusedCell()).to.deep.equal({ row: 0, col: 0 });
    await t.waitForRows();
    expect(rowsBelowHeader(t)[0]![0]).to.equal(0);
    expect(t.nameOf(t.rowsInView()[0]!)).to.equal('Row 1');
  });

  it('shows the last row at the end of the scroll, and the row the scroll position says in the middle', async () => {
    const t = await setup(1_000_000);
    await t.scrollToEnd();
    await t.waitForRows();
    const last = t.rowsInView().at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal('1000001');
    expect(t.nameOf(last)).to.equal('Row 1000000');
    expect(last.getBoundingClientRect().bottom).to.be.closeTo(viewport(t).bottom, 1);

    // Half way down the scroll is half way down the rows.
    const grid = t.scroller;
    const maxScroll = grid.scrollHeight - grid.clientHeight;
    grid.scrollTop = Math.round(maxScroll / 2);
    grid.dispatchEvent(new Event('scroll'));
    await waitFor(() => t.rowsInView().some((r) => t.rowIndex(r) > 400_000 && t.rowIndex(r) < 600_000));
    await t.waitForRows();
    const body = viewport(t).bottom - viewport(t).top;
    const offset = (grid.scrollTop / maxScroll) * (1_000_000 * t.rowHeight - body);
    const expected = Math.floor(offset / t.rowHeight);
    const top = rowsBelowHeader(t)[0]!;
    expect(top[0]).to.be.within(expected - 1, expected + 1);
    expect(t.nameOf(t.rows().find((r) => t.rowIndex(r) === top[0] + 2)!)).to.equal(`Row ${top[0] + 1}`);
    expectRowsTiled(t);
    await settle();
  });

  it('moves the rows by the pixels a wheel notch scrolls, at the top, middle and end of 1,000,000 rows as at 1,000', async () => {
    /** Scrolls by `by` px the way a wheel notch does; returns how far the rows moved on screen, and after the scroll rests. */
    const notch = async (t: MemberTableHarness, by: number) => {
      // A row that stays rendered even if the rows moved six times as far (the last in view going up, the first going down).
      const row = by > 0 ? t.rowsInView().at(-1)! : t.rowsInView()[0]!;
      const index = t.rowIndex(row);
      const at = () => t.rows().find((r) => t.rowIndex(r) === index)!.getBoundingClientRect().top;
      const before = at();
      const start = t.scroller.scrollTop;
      t.scroller.scrollTop += by;
      t.scroller.dispatchEvent(new Event('scroll'));
      await settle();
      const moved = before - at();
      await new Promise((resolve) => setTimeout(resolve, 400)); // the scroll rests
      await settle();
      return { moved, rested: before - at(), scrolled: t.scroller.scrollTop - start };
    };
    const scrollBy = (t: MemberTableHarness, by: number) => jumpTo(t, (t.scroller.scrollTop + by) / (t.scroller.scrollHeight - t.scroller.clientHeight));
    const jumpTo = async (t: MemberTableHarness, fraction: number) => {
      const max = t.scroller.scrollHeight - t.scroller.clientHeight;
      t.scroller.scrollTop = Math.round(max * fraction);
      t.scroller.dispatchEvent(new Event('scroll'));
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await settle();
    };
    const small = await setup(1_000);
    await jumpTo(small, 0.5);
    expect((await notch(small, 100)).moved, 'the baseline: at 1,000 rows a notch moves the rows as far').to.be.closeTo(100, 1);
    unmountAll();

    const t = await setup(1_000_000);
    for (const [where, fraction, by] of [['top', 0, 100], ['middle', 0.5, 100], ['end', 1, -100], ['near the end, down', 1, 100]] as const) {
      if (where !== 'near the end, down') await jumpTo(t, fraction);
      else for (let i = 0; i < 2; i += 1) await scrollBy(t, -600);
      const step = await notch(t, by);
      expect(step.moved, `${where}: the rows move as far as the wheel scrolled`).to.be.closeTo(by, 1);
      // Within 2 px: Firefox reads back a fractional scrollTop, rows are placed in whole pixels (a jump would be ~80 px).
      expect(step.rested, `${where}: and stay there when the scroll rests`).to.be.closeTo(by, 2);
      // At rest the scrollbar is where those rows are in the million: a notch moved it about a sixth as far.
      expect(step.scrolled / by, `${where}: the scrollbar follows the rows`).to.be.within(0.1, 0.25);
    }
    expectRowsTiled(t);
  });

  it('maps the scroll to the rows only past the cap: the ends to the ends, the middle to the middle, and back', () => {
    const metrics = (total: number, scrollTop = 0) => ({ scrollTop, viewportHeight: 440, headerHeight: 40, rowHeight: 48, total });
    const small = metrics(100_000);
    expect(spacerHeight(small)).to.equal(4_800_000);
    expect([offsetAt(123_457, small), scrollTopFor(123_457, small)]).to.deep.equal([123_457, 123_457]);

    const big = metrics(1_000_000);
    const maxScroll = MAX_SCROLL_HEIGHT - 400;
    const maxOffset = 48_000_000 - 400;
    expect(spacerHeight(big)).to.equal(MAX_SCROLL_HEIGHT);
    expect(offsetAt(0, big)).to.equal(0);
    expect(offsetAt(maxScroll, big)).to.equal(maxOffset);
    expect(offsetAt(maxScroll * 10, big), 'clamped').to.equal(maxOffset);
    expect(offsetAt(maxScroll / 2, big)).to.be.closeTo(maxOffset / 2, 1e-6);
    expect(scrollTopFor(maxOffset, big)).to.equal(maxScroll);
    expect(scrollTopFor(offsetAt(3_000_001, big), big)).to.equal(3_000_001);
    // The last screen holds the last row.
    const end = { ...big, scrollTop: maxScroll, offset: offsetAt(maxScroll, big) };
    expect(visibleRows(end).end).to.equal(1_000_000);
  });
});

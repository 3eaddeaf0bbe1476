/**
 * The focused row after a long scroll (issue 9, decision 028): its page is
 * kept, or loaded again, so it never stays a placeholder with `aria-busy`;
 * rows in view are asked for in the task the range moves; placeholders pulse
 * together, a jump never restarting the pulse.
 */
import type { SegmentStore } from '@segkit/core';
import { allTasks } from 'nanostores';
import { cleanup, makeStore } from '../core/fixtures.js';
import { focused, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { MemberTableHarness, gatedAdapter, tableAdapter } from './member-table.harness.js';

/** 3,000 members in pages of 20, at most 3 pages kept: a long scroll evicts whatever is not pinned. */
async function setup() {
  const gate = gatedAdapter(tableAdapter(3000));
  const { store } = makeStore(gate.adapter, { pageSize: 20, maxPages: 3 });
  const loads: Array<[number, number]> = [];
  const loadRange = store.loadRange;
  (store as { loadRange: SegmentStore['loadRange'] }).loadRange = (start, end, options) => {
    loads.push([start, end]);
    return loadRange(start, end, options);
  };
  await allTasks();
  const t = await MemberTableHarness.mount(store);
  return { store, t, loads, gate };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('segkit-member-table: the focused row and the rows in view', function () {
  this.timeout(30_000);
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('keeps the focused row loaded (no aria-busy) through a long scroll, and moves on from it', async () => {
    const { t } = await setup();
    const cell = await t.focusCell(1, 1);
    const name = t.nameOf(cell.closest('[role="row"]')!);
    for (const row of [400, 1200, 2000, 2800]) {
      await t.scrollToRow(row);
      await t.waitForRows();
    }
    const focusedRow = t.rows().find((row) => t.rowIndex(row) === 3)!;
    expect(focusedRow, 'the focused row stays rendered').to.not.equal(undefined);
    await waitFor(() => focusedRow.getAttribute('aria-busy') !== 'true', 2000).catch(() => undefined);
    expect(focusedRow.getAttribute('aria-busy'), 'not a placeholder').to.equal(null);
    expect(t.nameOf(focusedRow)).to.equal(name);
    expect(focused()).to.equal(cell);
    await t.press('ArrowDown');
    expect(t.focusedCell()).to.deep.equal({ row: 2, col: 1 });
    await t.waitForRows();
    expect(t.nameOf((focused() as HTMLElement).closest('[role="row"]')!)).to.be.a('string');
  });

  it('asks for the rows in view in the task the scroll moves them, once for several moves', async () => {
    const { t, loads } = await setup();
    const grid = t.scroller;
    const before = loads.length;
    grid.scrollTop = 1500 * t.rowHeight;
    grid.dispatchEvent(new Event('scroll'));
    grid.scrollTop = 1510 * t.rowHeight;
    grid.dispatchEvent(new Event('scroll'));
    await t.el.updateComplete;
    await Promise.resolve();
    // No timer waited for: the request is out before the next frame.
    const asked = loads.slice(before);
    expect(asked, 'one request for the last position').to.have.length(1);
    expect(asked[0]![0]).to.be.at.most(1510);
    expect(asked[0]![1]).to.be.above(1510);
    await settle();
  });

  it('pulses every placeholder in one rhythm once the rows rest: new bars continue the pulse, and bars that go stop theirs', async () => {
    const { t, gate } = await setup();
    gate.hold();
    const bars = () => [...t.root.querySelectorAll<HTMLElement>('[part~="row-loading"] [part~="skeleton"]')];
    const pulse = (bar: HTMLElement) => bar.getAnimations()[0];
    await t.scrollToRow(1000);
    const first = bars();
    expect(first.length).to.be.above(5);
    // Not while the rows move: a fast scroll's bars come and go without an animation each.
    expect(first.every((bar) => pulse(bar) === undefined), 'no pulse at once').to.equal(true);
    await waitFor(() => first.every((bar) => pulse(bar)?.playState === 'running')); // the bars pulse once the rows rest
    const pulses = first.map((bar) => pulse(bar)!);
    const start = pulses[0]!.startTime;
    expect(start, 'pulsing').to.be.a('number');
    // The rows load (their bars go, and stop pulsing), then a jump to rows not loaded makes new bars in the same slots.
    gate.release();
    await t.waitForRows();
    // An animation outlives its element (and an endless one runs on): each bar's is cancelled as the bar goes.
    expect(first.every((bar) => !bar.isConnected)).to.equal(true);
    expect(pulses.map((p) => p.playState), 'the bars that went stopped pulsing').to.deep.equal(pulses.map(() => 'idle'));
    gate.hold();
    for (let i = 0; i < 3; i += 1) await frame();
    await t.scrollToRow(2000);
    const second = bars();
    expect(second.some((bar) => !first.includes(bar)), 'new bars').to.equal(true);
    await waitFor(() => second.every((bar) => pulse(bar)?.playState === 'running')); // the new bars pulse
    expect(second.map((bar) => pulse(bar)!.startTime)).to.deep.equal(second.map(() => start));
    gate.release();
    await t.waitForRows();
  });
});

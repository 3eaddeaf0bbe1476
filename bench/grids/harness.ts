/**
 * The in-page half of the side-by-side run (bench/grids/run.mjs drives it):
 * one grid a page, the same 100,000 members, measured phase by phase so the
 * driver can take the heap (CDP, after a GC) and a trace between phases.
 * Frames are counted with requestAnimationFrame; a row counts as painted in
 * the first frame whose callback finds it at the top of the view (hit-tested
 * just below the header) with its member's name.
 */
import { gridData } from './data.js';
import type { GridData, GridUnderTest, MountGrid } from './shared.js';

const WIDTH = 1000;
const HEIGHT = 480;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** A seeded sequence in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** Frames until `check` holds at the start of one (its rAF callback), and when that was; throws after `limit` frames. */
async function until(check: () => boolean, what: string, limit = 1200): Promise<{ frames: number; at: number }> {
  for (let frames = 1; frames <= limit; frames += 1) {
    await frame();
    if (check()) return { frames, at: performance.now() };
  }
  throw new Error(`bench/grids: ${what} never showed`);
}

export interface GridPage {
  /** Builds the data (not timed); resolves once it is ready, before any grid exists. */
  prepare(): Promise<void>;
  /** Mounts the grid: ms from the grid's creation to row 0 painted with its member. */
  mount(): Promise<number>;
  /** 100 jumps, one a frame, anywhere; then frames and ms from the last jump until its top row is painted. */
  fastScroll(): Promise<{ frames: number; ms: number }>;
  /** 100 jumps, one a frame, top to bottom, then 30 frames; `performance.mark('grids-frame')` at each frame's start. */
  sweep(): Promise<void>;
  /** Back to the top; then ms from the grid's select-all until the top row shows as selected. */
  selectAll(): Promise<number>;
}

/** Sets `window.__gridPage` for the driver. */
export function start(mountGrid: MountGrid, size = 100_000): void {
  let data: GridData | undefined;
  let grid: GridUnderTest | undefined;
  const rows = () => data!.members.length;
  const shows = (index: number, slack = 0) => {
    const top = grid!.topRow();
    return top !== null && Math.abs(top.index - index) <= slack && top.name === data!.members[top.index]?.name;
  };
  const scrollTo = (fraction: number) => {
    const scroller = grid!.scroller();
    scroller.scrollTop = fraction * (scroller.scrollHeight - scroller.clientHeight);
    // Tells the grid at once (a scroll event otherwise comes with the next frame, out of the measured window).
    scroller.dispatchEvent(new Event('scroll'));
  };
  const page: GridPage = {
    async prepare() {
      data = gridData(size);
      await frame();
    },
    async mount() {
      const host = document.createElement('div');
      host.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;display:flex;flex-direction:column`;
      document.body.append(host);
      await frame();
      const start = performance.now();
      grid = mountGrid(host, data!);
      const { at } = await until(() => shows(0), 'row 0');
      return at - start;
    },
    async fastScroll() {
      const next = random(11);
      let fraction = 0;
      for (let j = 0; j < 99; j += 1) {
        await frame();
        fraction = next();
        scrollTo(fraction);
      }
      await frame();
      // The last jump lands far from the one before, so rows left from it cannot pass for its rows.
      fraction = (fraction + 0.5) % 1;
      const start = performance.now();
      scrollTo(fraction);
      // Where the top row should be: proportional (every grid here scales linearly); 1% of the rows of slack
      // for the rows in view and rounding, far less than the distance from the jump before.
      const expected = Math.round(fraction * rows());
      const { frames, at } = await until(() => shows(expected, rows() / 100), 'the last jump\'s row');
      for (let i = 0; i < 10; i += 1) await frame();
      return { frames, ms: at - start };
    },
    async sweep() {
      for (let j = 0; j < 130; j += 1) {
        await frame();
        performance.mark('grids-frame');
        if (j < 100) scrollTo(j / 99);
      }
    },
    async selectAll() {
      scrollTo(0);
      await until(() => shows(0), 'row 0 again');
      for (let i = 0; i < 5; i += 1) await frame();
      const start = performance.now();
      grid!.selectAll();
      const { at } = await until(() => grid!.topRowSelected(), 'the selection');
      return at - start;
    },
  };
  (window as unknown as { __gridPage: GridPage }).__gridPage = page;
}

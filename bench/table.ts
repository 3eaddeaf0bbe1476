/**
 * The member table in the browser (issue 9, decision 028), each figure beside
 * a baseline measured in the same run: the virtual table over 100,000
 * members vs a plain Lit `repeat` table of 10,000 rows (every row in the
 * DOM: nothing to load, the best a scroll can do), and first rows at 100,000
 * vs at 1,000. Frames are counted with requestAnimationFrame; a row counts as
 * painted in the first frame whose callback finds it rendered and loaded.
 * Bundled into bench/browser.ts (production build) by bench/run.mjs.
 */
import type { Member, Segment, SegmentStore } from '@segkit/core';
import { createMemoryAdapter, createSegmentStore } from '@segkit/core';
import { generateDataset } from '@segkit/mock';
import { html, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import '../packages/elements/src/define/member-table.js';
import type { Result } from './memory.js';


const ROW = 48;
const HEIGHT = 480;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** A seeded sequence in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
}

/** What a bench drives: a scroller, and whether row `index` shows its member. */
interface Table {
  scroller: HTMLElement;
  shows(index: number): boolean;
  remove(): void;
}

async function until(check: () => boolean, frames = 600): Promise<void> {
  for (let i = 0; i < frames; i += 1) {
    if (check()) return;
    await frame();
  }
  throw new Error('bench/table: a row never showed');
}

async function mountSegkit(store: SegmentStore): Promise<Table> {
  const el = document.createElement('segkit-member-table') as HTMLElement & { store: SegmentStore };
  el.store = store;
  el.style.height = `${HEIGHT}px`;
  el.style.width = '1000px';
  document.body.append(el);
  const root = () => el.shadowRoot!;
  const table: Table = {
    get scroller() {
      return root().querySelector<HTMLElement>('.scroller')!;
    },
    shows(index) {
      const row = root().querySelector(`[role="row"][aria-rowindex="${index + 2}"]`);
      return Boolean(row && !row.hasAttribute('aria-busy') && row.querySelector('.name')?.textContent);
    },
    remove: () => el.remove(),
  };
  await until(() => table.shows(0));
  return table;
}

/** The baseline: a plain Lit `repeat` over every member, same columns, no virtualization. */
async function mountPlain(members: Member[]): Promise<Table> {
  const host = document.createElement('div');
  host.style.cssText = `height:${HEIGHT}px;width:1000px;overflow:auto;font:14px sans-serif`;
  document.body.append(host);
  render(
    html`<table style="border-collapse:collapse;table-layout:fixed;width:100%">
      <thead style="position:sticky;top:0;background:#fff"><tr style="height:40px"><th>Name</th><th>Email</th><th>Segments</th><th>Niche</th><th>Country</th><th>Followers</th></tr></thead>
      <tbody>
        ${repeat(
          members,
          (m) => m.id,
          (m, i) =>
            html`<tr style="height:${ROW}px" data-i=${i}>
              <td>${m.name}</td><td>${m.email ?? ''}</td><td>${m.segmentIds.join(', ')}</td><td>${String(m.attributes.niche ?? '')}</td>
              <td>${String(m.attributes.country ?? '')}</td><td>${String(m.attributes.followers ?? '')}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
    host,
  );
  await frame();
  return {
    scroller: host,
    shows: (index) => Boolean(host.querySelector(`tr[data-i="${index}"]`)?.textContent),
    remove: () => host.remove(),
  };
}

/**
 * Scrolls, and tells the table at once (a scroll event otherwise comes with
 * the next frame, before any rAF callback, out of the measured window).
 */
function jump(table: Table, top: number): void {
  table.scroller.scrollTop = top;
  table.scroller.dispatchEvent(new Event('scroll'));
}

/** The row at the top of the view once the scroller is at `top` (both tables: a 40 px header, 48 px rows). */
const rowAt = (top: number) => Math.floor(top / ROW);

/**
 * Fast scrolls: `jumps` jumps one frame apart to rows anywhere in `rows`; then
 * frames from the last jump until its top row is painted. Median of `rounds`.
 */
async function lastJumpFrames(table: Table, rows: number, rounds = 5, jumps = 10): Promise<number> {
  const next = random(7);
  const counts: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (let j = 0; j < jumps; j += 1) {
      await frame();
      const top = Math.floor(next() * (rows - 20)) * ROW;
      jump(table, top);
    }
    const target = rowAt(table.scroller.scrollTop);
    let frames = 0;
    do {
      await frame();
      frames += 1;
    } while (!table.shows(target) && frames < 600);
    counts.push(frames);
    for (let i = 0; i < 10; i += 1) await frame();
  }
  return median(counts);
}

/** Resolves after the frame being prepared has run its style, layout and paint (a task queued from rAF runs after them). */
const afterRender = () => new Promise<number>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(null);
});

/**
 * A sweep: 100 jumps, one a frame, from top to bottom, then 30 frames more.
 * A frame is slow when its main-thread work (from its rAF callback, where the
 * jump happens, until its style, layout and paint are done, plus the tasks
 * before the next frame that the table's loads cause) takes over 20 ms. Measured
 * as work, not as the gap between rAF timestamps: headless Chromium without a
 * GPU paces its frames on its own (every gap there is over 20 ms, busy or not).
 */
async function slowFrames(table: Table, rows: number): Promise<number> {
  let slow = 0;
  for (let j = 0; j < 130; j += 1) {
    await frame();
    const start = performance.now();
    if (j < 100) jump(table, Math.floor(((rows - 20) * j) / 99) * ROW);
    if ((await afterRender()) - start > 20) slow += 1;
  }
  return slow;
}

/** Ms from creating a store over a fresh adapter of `members` (made before the clock starts) to the first row painted. */
async function firstRows(members: Member[], segments: Segment[], rounds = 3): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const adapter = createMemoryAdapter({ members, segments });
    await frame();
    const start = performance.now();
    const store = createSegmentStore({ adapter, pageSize: 100 });
    const table = await mountSegkit(store);
    times.push(performance.now() - start);
    table.remove();
    store.destroy();
  }
  return median(times);
}

export async function tableBench(results: Result[]): Promise<void> {
  const { members, segments } = generateDataset({ seed: 3, size: 100_000 });

  const store = createSegmentStore({ adapter: createMemoryAdapter({ members, segments }), pageSize: 100 });
  const segkit = await mountSegkit(store);
  const plain = await mountPlain(members.slice(0, 10_000));
  plain.scroller.style.display = 'none';

  const jumpValue = await lastJumpFrames(segkit, members.length);
  const sweepValue = await slowFrames(segkit, members.length);
  segkit.remove();
  store.destroy();
  plain.scroller.style.display = '';
  const jumpBaseline = await lastJumpFrames(plain, 10_000);
  const sweepBaseline = await slowFrames(plain, 10_000);
  plain.remove();
  const plainName = 'plain Lit repeat table, 10,000 rows all in the DOM';
  results.push({ name: 'member table 100k: last jump of a fast scroll to row painted', unit: 'frames', value: jumpValue, baseline: jumpBaseline, baselineName: plainName });
  results.push({ name: 'member table 100k: frames over 20 ms in a 100-jump sweep', unit: 'frames', value: sweepValue, baseline: sweepBaseline, baselineName: plainName });

  const at100k = await firstRows(members, segments);
  const at1k = await firstRows(members.slice(0, 1000), segments);
  results.push({ name: 'member table: mount to first rows at 100,000 members', unit: 'ms', value: at100k, baseline: at1k, baselineName: 'the same at 1,000 members' });
}

/**
 * The member table at 1,000,000 members in the page of any engine (issue 9,
 * decision 028), beside the same at 1,000 in the same run: bundled
 * (production build) and driven by bench/million.mjs in Chromium, Firefox
 * ESR and WebKit. Everything happens in the page, with the same events a
 * user's keys and scroll cause (keydown on the focused cell; `scrollTop` set
 * once a frame for a fling), so one script measures every engine alike.
 *
 * Times are ms from the action to the first animation frame whose callback
 * finds the row rendered and loaded. The longest task: Chromium's `longtask`
 * entries where the engine has them, else the longest gap between two
 * animation frames during the action (says which in `longest.kind`).
 */
import type { Member, SegmentStore } from '@segkit/core';
import { createMemoryAdapter, createSegmentStore } from '@segkit/core';
import '../packages/elements/src/define/member-table.js';

const HEIGHT = 480;
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** `n` members "Member 0000001" ... in name order (so row i is member i), the way a host's list would look. */
export function members(n: number): Member[] {
  const createdAt = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => {
    const num = String(i + 1).padStart(width, '0');
    return { id: `m${num}`, name: `Member ${num}`, email: `member${num}@example.com`, attributes: {}, segmentIds: [], createdAt };
  });
}

export interface Mounted {
  el: HTMLElement & { store: SegmentStore };
  store: SegmentStore;
  root: ShadowRoot;
  scroller: HTMLElement;
  row(index: number): HTMLElement | null;
  /** Row `index` is rendered with its member (not a placeholder). */
  shows(index: number): boolean;
  remove(): void;
}

/** Mounts a table over a fresh memory adapter of `list`; resolves once row 0 shows, with the ms that took. */
export async function mount(list: Member[]): Promise<{ table: Mounted; ms: number }> {
  const adapter = createMemoryAdapter({ members: list, segments: [] });
  await frame();
  const start = performance.now();
  const store = createSegmentStore({ adapter, pageSize: 100 });
  const el = document.createElement('segkit-member-table') as Mounted['el'];
  el.store = store;
  el.style.height = `${HEIGHT}px`;
  el.style.width = '1000px';
  document.body.append(el);
  const root = el.shadowRoot!;
  const table: Mounted = {
    el,
    store,
    root,
    get scroller() {
      return root.querySelector<HTMLElement>('.scroller')!;
    },
    row: (index) => root.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${index + 2}"]`),
    shows(index) {
      const row = table.row(index);
      return Boolean(row && !row.hasAttribute('aria-busy') && row.querySelector('.name')?.textContent);
    },
    remove() {
      el.remove();
      store.destroy();
    },
  };
  const ms = await until(() => table.shows(0), start);
  return { table, ms };
}

/** Ms from `start` to the first frame whose callback finds `check()` true. */
async function until(check: () => boolean, start: number, frames = 1200): Promise<number> {
  for (let i = 0; i < frames; i += 1) {
    const at = await frame();
    if (check()) return Math.max(0, at - start);
  }
  throw new Error('bench/million: a row never showed');
}

/** The focused cell's row index (0-based), or -1. */
function focusedRow(table: Mounted): number {
  const row = table.root.activeElement?.closest('[role="row"]');
  return row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
}

function press(table: Mounted, key: string, init: KeyboardEventInit = {}): void {
  const target = table.root.activeElement ?? table.scroller;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
}

/** Watches the longest task (Chromium: `longtask` entries) or the longest gap between animation frames (elsewhere). */
function watchLongest(): { stop(): Promise<{ ms: number; kind: 'longtask' | 'frame gap' }> } {
  const hasLongtask = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask');
  if (hasLongtask) {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
    });
    observer.observe({ type: 'longtask' });
    return {
      async stop() {
        await frame();
        for (const entry of observer.takeRecords()) longest = Math.max(longest, entry.duration);
        observer.disconnect();
        return { ms: longest, kind: 'longtask' };
      },
    };
  }
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = (at: number) => {
    longest = Math.max(longest, at - last);
    last = at;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    async stop() {
      await frame();
      running = false;
      return { ms: longest, kind: 'frame gap' };
    },
  };
}

export interface MillionFigures {
  rows: number;
  mountMs: number;
  ctrlEndMs: number;
  pageDown20Ms: number;
  flingMs: number;
  /** The longest task (or frame gap) over all the actions above, and over each. */
  longest: { ms: number; kind: string; byAction: Record<string, number> };
  /** `aria-rowindex` of the last row after Ctrl+End (the header is row 1). */
  lastRowIndex: number;
  lastRowName: string | null;
}

/** Runs every action on a table of `n` members. */
export async function measure(n: number): Promise<MillionFigures> {
  const list = members(n);
  const byAction: Record<string, number> = {};
  let kind = 'longtask';
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const watch = watchLongest();
    const value = await run();
    const longest = await watch.stop();
    byAction[name] = longest.ms;
    kind = longest.kind;
    return value;
  };

  const { table, ms: mountMs } = await timed('mount', () => mount(list));
  try {
    // Ctrl+End from the first row's name cell.
    table.row(0)!.querySelector<HTMLElement>('[aria-colindex="2"]')!.focus();
    await frame();
    const ctrlEndMs = await timed('ctrl+end', async () => {
      const start = performance.now();
      press(table, 'End', { ctrlKey: true });
      return until(() => table.shows(n - 1), start);
    });
    const last = table.row(n - 1);
    const lastRowIndex = Number(last?.getAttribute('aria-rowindex'));
    const lastRowName = last?.querySelector('.name')?.textContent?.trim() ?? null;

    // Ctrl+Home, then PageDown x20, a frame apart.
    press(table, 'Home', { ctrlKey: true });
    await until(() => table.shows(0), performance.now());
    const pageDown20Ms = await timed('pagedown x20', async () => {
      const start = performance.now();
      for (let i = 0; i < 20; i += 1) {
        press(table, 'PageDown');
        await frame();
      }
      return until(() => focusedRow(table) > 0 && table.shows(focusedRow(table)), start);
    });

    // A fling: 30 frames from the top to the bottom of the scroll; from the last jump until the last row shows.
    table.scroller.scrollTop = 0;
    await until(() => table.shows(0), performance.now());
    const flingMs = await timed('fling', async () => {
      const scroller = table.scroller;
      const max = scroller.scrollHeight - scroller.clientHeight;
      for (let i = 1; i <= 30; i += 1) {
        await frame();
        scroller.scrollTop = Math.round((max * i) / 30);
      }
      const start = performance.now();
      return until(() => table.shows(n - 1), start);
    });
    const longest = Math.max(...Object.values(byAction));
    return { rows: n, mountMs, ctrlEndMs, pageDown20Ms, flingMs, longest: { ms: longest, kind, byAction }, lastRowIndex, lastRowName };
  } finally {
    table.remove();
  }
}

declare global {
  interface Window {
    segkitMillion?: { members: typeof members; mount: typeof mount; measure: typeof measure };
  }
}
window.segkitMillion = { members, mount, measure };

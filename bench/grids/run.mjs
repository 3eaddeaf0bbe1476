#!/usr/bin/env node
/**
 * Side by side with the grids a host would pick instead (issue 9): segkit's
 * member table, vaadin-grid, AG Grid Community and a TanStack Table + Lit
 * table made by hand, each on its own page (bench/grids/<grid>.ts, driven by
 * bench/grids/harness.ts) over the same 100,000 seeded members and the same
 * five columns, production builds, in one headless Chromium session; each
 * round opens every grid on a fresh page, the order rotated round by round;
 * medians of the rounds. Per grid:
 *
 * - mount → first rows: ms from creating the grid (for segkit: its memory
 *   adapter and store too) to the frame in which row 0 shows its member;
 * - heap: JS heap and array buffers after mount minus before (CDP
 *   HeapProfiler.collectGarbage, then Runtime.getHeapUsage: `usedSize` +
 *   `backingStorageSize`; the data is built before and kept by the page);
 * - a fast scroll: 100 jumps, one a frame, then frames and ms from the last
 *   jump to the frame in which the row at the top of the view shows its member;
 * - slow frames in a sweep: 100 jumps top to bottom (then 30 frames), from a
 *   CDP trace: the main thread's top-level tasks between one frame's
 *   requestAnimationFrame and the next; a frame is slow when they add up to
 *   over 20 ms (not long-animation-frame entries: those start at 50 ms);
 * - select all → shown: ms from the grid's own select-all to the frame in
 *   which the top row shows as selected;
 * - the page's own JS min+gzip: the grid's page module (bench/grids/<grid>.ts:
 *   the grid, Lit where it uses it, and its glue) bundled alone, minified.
 *
 *   node bench/grids/run.mjs         run alone (prints the table, writes nothing)
 *   node bench/grids/run.mjs --write run alone and put its figures in bench/results.json `grids` (the rest stays)
 *   npm run bench                    bench/run.mjs writes it to bench/results.json `grids`
 *   SEGKIT_BENCH_GRIDS_ROUNDS=3      rounds (default 3)
 *   SEGKIT_BENCH_GRIDS=segkit,vaadin only these grids, while working on it
 *
 * Not budget-checked: timings depend on the machine and its load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { bundle } from '../sizes.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SIZE = 100_000;
const ROUNDS = Math.max(1, Number(process.env.SEGKIT_BENCH_GRIDS_ROUNDS) || 3);
export const GRIDS = [
  { grid: 'segkit', label: 'segkit member table' },
  { grid: 'vaadin', label: 'vaadin-grid' },
  { grid: 'ag-grid', label: 'AG Grid Community' },
  { grid: 'tanstack', label: 'TanStack Table + Lit by hand' },
];
/** Not localhost: Vaadin's development-mode detector only runs there. */
const ORIGIN = 'http://grids.bench/';

/** The page's script: the grid's module and the harness, one minified ES module (a production build, as `bench/sizes.mjs` builds). */
function pageScript(grid) {
  const source = [
    `import { mountGrid } from ${JSON.stringify(join(root, `bench/grids/${grid}.ts`))};`,
    `import { start } from ${JSON.stringify(join(root, 'bench/grids/harness.ts'))};`,
    `start(mountGrid, ${SIZE});`,
  ].join('\n');
  return bundle([], [], { source });
}

/**
 * Frames of the sweep whose main-thread work (top-level tasks between their
 * rAF and the next) adds up to over `limitMs`: `slow` by the tasks' thread
 * (CPU) time, what the page asked of the main thread whatever else the
 * machine runs; `slowWall` by their wall time, which grows with the load.
 */
export function slowFramesOf(events, limitMs = 20) {
  const marks = events.filter((e) => e.name === 'grids-frame').sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) throw new Error(`bench/grids: the trace has ${marks.length} frame marks`);
  const { pid, tid } = marks[0];
  const tasks = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && String(e.cat).includes('toplevel'))
    .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.dur > 0 && e.tdur !== undefined ? Math.min(1, e.tdur / e.dur) : 1 }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Only outermost tasks (a nested or duplicate task event is inside one already counted).
  const outer = [];
  for (const task of tasks) if (!outer.length || task.start >= outer[outer.length - 1].end) outer.push(task);
  let slow = 0;
  let slowWall = 0;
  let worstMs = 0;
  const cpus = [];
  const gaps = [];
  for (let i = 0; i + 1 < marks.length; i += 1) {
    const from = marks[i].ts;
    const to = marks[i + 1].ts;
    let wall = 0;
    let cpu = 0;
    for (const t of outer) {
      if (t.end <= from || t.start >= to) continue;
      const overlap = Math.min(t.end, to) - Math.max(t.start, from);
      wall += overlap;
      cpu += overlap * t.cpu;
    }
    if (cpu / 1000 > limitMs) slow += 1;
    if (wall / 1000 > limitMs) slowWall += 1;
    worstMs = Math.max(worstMs, cpu / 1000);
    cpus.push(cpu / 1000);
    gaps.push((to - from) / 1000);
  }
  return { slow, slowWall, frames: marks.length - 1, worstMs, medianFrameMs: median(cpus), medianGapMs: median(gaps) };
}

async function trace(cdp, run) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'blink.user_timing'] },
  });
  try {
    await run();
  } finally {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

async function heapBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  // Typed arrays' buffers (segkit's orders and id table) live outside the JS heap: counted too.
  const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
  return usedSize + backingStorageSize;
}

/** One grid on a fresh page: every figure of one round. */
async function measureOnce(browser, { grid }, script) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(180_000);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.route(`${ORIGIN}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>segkit bench: grids</title><body style="margin:0">' }));
    await page.goto(ORIGIN);
    await page.addScriptTag({ content: script, type: 'module' });
    await page.waitForFunction(() => window.__gridPage, null, { timeout: 30_000 }).catch((error) => {
      throw errors[0] ?? error;
    });
    const cdp = await context.newCDPSession(page);
    await page.evaluate(() => window.__gridPage.prepare());
    const before = await heapBytes(cdp);
    const mountMs = await page.evaluate(() => window.__gridPage.mount());
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    const heap = (await heapBytes(cdp)) - before;
    const jump = await page.evaluate(() => window.__gridPage.fastScroll());
    const sweep = slowFramesOf(await trace(cdp, () => page.evaluate(() => window.__gridPage.sweep())));
    const selectAllMs = await page.evaluate(() => window.__gridPage.selectAll());
    return { grid, mountMs, heapBytes: heap, lastJumpMs: jump.ms, lastJumpFrames: jump.frames, slowFrames: sweep.slow, slowFramesWall: sweep.slowWall, sweepFrames: sweep.frames, worstFrameMs: sweep.worstMs, medianFrameMs: sweep.medianFrameMs, medianGapMs: sweep.medianGapMs, selectAllMs };
  } finally {
    await context.close();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const FIGURES = [
  ['mountMs', 'mount → first rows', (v) => `${Math.round(v)} ms`],
  ['heapBytes', "grid's JS heap", (v) => `${(v / 1024 / 1024).toFixed(1)} MB`],
  ['lastJumpMs', 'last jump of a fast scroll → row painted', (v, r) => `${Math.round(v)} ms (${r.lastJumpFrames} fr)`],
  ['slowFrames', 'frames > 20 ms in a 100-jump sweep', (v) => String(v)],
  ['selectAllMs', 'select all → shown', (v) => `${Math.round(v)} ms`],
  ['pageGzip', 'page with only the table, min+gzip', (v) => (v === null ? '–' : `${(v / 1024).toFixed(1)} KB`)],
];

function toTable(rows) {
  const lines = [`| at ${SIZE.toLocaleString('en')} rows | ${rows.map((r) => r.label).join(' | ')} |`, `|---|${rows.map(() => '---').join('|')}|`];
  for (const [key, name, format] of FIGURES) lines.push(`| ${name} | ${rows.map((r) => format(r[key], r)).join(' | ')} |`);
  return lines.join('\n');
}

/** Every grid, `ROUNDS` rounds: `{ size, rounds, rows, runs, table }` (rows: medians per grid). */
export async function measureGrids({ log = console.log } = {}) {
  const only = process.env.SEGKIT_BENCH_GRIDS?.split(',');
  const grids = GRIDS.filter((g) => !only || only.includes(g.grid));
  const began = performance.now();
  const loadBefore = loadavg()[0];
  const scripts = new Map();
  const sizes = new Map();
  for (const { grid } of grids) {
    scripts.set(grid, await pageScript(grid));
    // A size that cannot be built (a broken minifier plugin) leaves its cell empty rather than the whole run.
    try {
      const own = await bundle([`bench/grids/${grid}.ts`]);
      sizes.set(grid, { bytes: Buffer.byteLength(own), gzip: gzipSync(own, { level: 9 }).length });
    } catch (error) {
      log(`[bench:grids] ${grid}: its page's size could not be built: ${String(error?.message ?? error).split('\n').slice(0, 3).join(' ')}`);
      sizes.set(grid, { bytes: null, gzip: null, error: String(error?.message ?? error) });
    }
  }
  log(`[bench:grids] ${grids.length} pages built in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotated: each grid meets every place in the order (and the warmer or cooler machine) in turn.
      const order = grids.map((_, i) => grids[(i + round) % grids.length]);
      for (const g of order) {
        const run = { round, ...(await measureOnce(browser, g, scripts.get(g.grid))) };
        runs.push(run);
        log(`[bench:grids] round ${round + 1} ${g.grid}: mount ${Math.round(run.mountMs)} ms, heap ${(run.heapBytes / 1048576).toFixed(1)} MB, last jump ${Math.round(run.lastJumpMs)} ms / ${run.lastJumpFrames} frames, slow frames ${run.slowFrames} (wall ${run.slowFramesWall})/${run.sweepFrames} (median frame ${run.medianFrameMs.toFixed(1)} ms CPU, ${run.medianGapMs.toFixed(1)} ms apart), select all ${Math.round(run.selectAllMs)} ms`);
      }
    }
  } finally {
    await browser.close();
  }
  const rows = grids.map(({ grid, label }) => {
    const mine = runs.filter((r) => r.grid === grid);
    const pick = (key) => median(mine.map((r) => r[key]));
    return {
      grid,
      label,
      mountMs: pick('mountMs'),
      heapBytes: pick('heapBytes'),
      lastJumpMs: pick('lastJumpMs'),
      lastJumpFrames: pick('lastJumpFrames'),
      slowFrames: pick('slowFrames'),
      slowFramesWall: pick('slowFramesWall'),
      selectAllMs: pick('selectAllMs'),
      pageBytes: sizes.get(grid).bytes,
      pageGzip: sizes.get(grid).gzip,
    };
  });
  const table = toTable(rows);
  const seconds = Math.round((performance.now() - began) / 1000);
  // The machine's 1-minute load average before and after: the figures grow with it (other work shares the cores).
  const load = [loadBefore, loadavg()[0]].map((l) => Math.round(l * 10) / 10);
  log(`grids at ${SIZE.toLocaleString('en')} rows, ${ROUNDS} round(s), medians, ${seconds} s in all, load average ${load.join(' → ')} (not budget-checked)`);
  log(table);
  return { size: SIZE, rounds: ROUNDS, seconds, load, rows, runs, table };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureGrids().then(
    (grids) => {
      if (process.argv.includes('--write')) {
        const file = join(root, 'bench/results.json');
        const results = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, `${JSON.stringify({ ...results, grids }, null, 2)}\n`);
      }
      process.exit(0);
    },
    (error) => {
      console.error(`[bench:grids] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      process.exit(1);
    },
  );
}

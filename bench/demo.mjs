#!/usr/bin/env node
/**
 * The demo at 100,000 members, action by action, as a user drives it: time to
 * result and the longest main-thread task (PerformanceObserver 'longtask',
 * buffered; tasks of 50 ms and more), measured three times in one run: with
 * the mock backend in its Worker (what the demo ships), with the mock in the
 * page (`?mock=page`, the baseline of decision 029), and with the mock in its
 * Worker at 10,000 members (the demo's smallest size: the baseline of "no
 * task over 50 ms at 100,000", decision 031). Headless Chromium
 * (`CHROME_PATH`, default /usr/bin/chromium) over the built demo (demo/dist,
 * built first when missing or stale), served on a free local port.
 *
 *   node bench/demo.mjs              run alone (prints the table, writes nothing)
 *   npm run bench                    bench/run.mjs calls measureDemo(): the `demo` section of bench/results.json
 *   SEGKIT_BENCH_DEMO_MODES=worker   only some modes (worker, page, worker-10k; comma-separated), while working on it
 *   SEGKIT_BENCH_DEMO_ROUNDS=3       rounds of every mode, the order reversed every other round (default 2):
 *                                    the median time to result, the longest task of any round
 *   SEGKIT_BENCH_DEMO_DIST=dir       another build of the demo (e.g. one made from an earlier commit, to compare)
 *
 * Timings are not budget-checked: they depend on the machine and its load.
 * "Time to result" runs from the input event (or, for the cold load, from
 * navigation) to the first animation frame in which the result shows; the
 * longest task is the longest one that overlaps that span or the 250 ms after
 * it.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { demoIsStale } from '../scripts/e2e.mjs';
import { Demo } from '../test/e2e/demo.mjs';
import { serveStatic } from '../test/e2e/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 100_000;
const fmt = (n) => n.toLocaleString('en');
const SETTLE_MS = 250;
/** Rounds of both modes (medians reported); `SEGKIT_BENCH_DEMO_ROUNDS` changes it. */
const ROUNDS = Math.max(1, Number(process.env.SEGKIT_BENCH_DEMO_ROUNDS) || 2);
const MODES = [
  { mode: 'worker', query: '', size: SIZE, label: 'mock in a Worker' },
  { mode: 'page', query: '?mock=page', size: SIZE, label: 'mock on the main thread (baseline)' },
  { mode: 'worker-10k', query: '', size: 10_000, label: 'mock in a Worker, 10,000 members (baseline)' },
];

function buildDemo() {
  return new Promise((resolve, reject) => {
    const vite = join(dirname(fileURLToPath(import.meta.resolve('vite/package.json'))), 'bin/vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

/** Runs in the page before its scripts: the long-task log, and what the checks read (through shadow roots). */
function instrument(size) {
  localStorage.setItem('glow-demo:size', String(size));
  const tasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const grid = () => document.querySelector('segkit-member-table')?.shadowRoot?.querySelector('[role="grid"]') ?? null;
  const row = (index) => grid()?.querySelector(`[role="row"][aria-rowindex="${index + 2}"]`) ?? null;
  const loaded = (index) => {
    const r = row(index);
    return r !== null && !r.hasAttribute('aria-busy') && r.querySelector('[role="checkbox"]') !== null;
  };
  const pickerText = () => document.querySelector('.toolbar-actions segkit-segment-picker')?.shadowRoot?.textContent ?? '';
  const tableText = () => document.querySelector('segkit-member-table')?.shadowRoot?.textContent ?? '';
  const settled = () => grid() !== null && grid().getAttribute('aria-busy') !== 'true';
  window.__bench = {
    tasks,
    t0: 0,
    hit: undefined,
    grid,
    rowCount: () => Number(grid()?.getAttribute('aria-rowcount') ?? -1),
    firstName: () => row(0)?.querySelector('[role="checkbox"]')?.getAttribute('aria-label') ?? null,
    checks: {
      firstRows: () => loaded(0),
      rowsChanged: ({ count, first }) => {
        const n = Number(grid()?.getAttribute('aria-rowcount') ?? -1);
        const name = row(0)?.querySelector('[role="checkbox"]')?.getAttribute('aria-label') ?? null;
        return settled() && loaded(0) && n > 0 && (count === undefined || n !== count) && (first === undefined || name !== first);
      },
      rowCount: ({ count }) => settled() && loaded(0) && Number(grid()?.getAttribute('aria-rowcount')) === count,
      sorted: ({ label, first }) => {
        const header = [...(grid()?.querySelectorAll('[role="columnheader"]') ?? [])].find((h) => h.textContent.trim() === label);
        const name = row(0)?.querySelector('[role="checkbox"]')?.getAttribute('aria-label') ?? null;
        return Boolean(header?.getAttribute('aria-sort')) && settled() && loaded(0) && name !== first;
      },
      tableText: ({ text }) => tableText().includes(text),
      pickerText: ({ text }) => pickerText().includes(text),
      preview: ({ text }) => !pickerText().includes('Checking what will change') && pickerText().includes(text),
      rowLoaded: ({ index }) => loaded(index),
      focusedRowLoaded: ({ atLeast }) => {
        const cell = grid()?.getRootNode().activeElement;
        const r = cell?.closest?.('[role="row"]');
        return Boolean(r) && !r.hasAttribute('aria-busy') && Number(r.getAttribute('aria-rowindex')) - 2 >= atLeast;
      },
    },
  };
}

/** Marks the start of an action (just before its input). */
const start = (page) => page.evaluate(() => ((window.__bench.hit = undefined), (window.__bench.t0 = performance.now())));

/** Waits until `check` holds (polled every frame); returns [time to result, longest task] in ms. */
async function result(page, check, arg = {}, { fromNavigation = false, timeout = 120_000 } = {}) {
  await page.waitForFunction(
    ([name, a]) => {
      const ok = window.__bench.checks[name](a);
      if (ok && window.__bench.hit === undefined) window.__bench.hit = performance.now();
      return ok;
    },
    [check, arg],
    { polling: 'raf', timeout },
  );
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate(
    ([fromNav, settle]) => {
      const b = window.__bench;
      const t0 = fromNav ? 0 : b.t0;
      const longest = b.tasks.filter(([at, d]) => at + d > t0 && at < b.hit + settle).reduce((max, [, d]) => Math.max(max, d), 0);
      return [b.hit - t0, longest];
    },
    [fromNavigation, SETTLE_MS],
  );
}

/** Every action, in order, on one fresh page of the demo in `mode`. */
async function runMode(browser, url, { mode, query, size }, log) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(120_000);
  await context.addInitScript(instrument, size);
  const page = await context.newPage();
  const demo = new Demo(page);
  page.on('pageerror', (error) => log(`[bench:demo] ${mode}: page error: ${error.message}`));
  const rows = [];
  const record = (action, [ms, longest]) => {
    rows.push({ action, mode, ms: Math.round(ms), longestTaskMs: Math.round(longest) });
    log(`[bench:demo] ${mode}: ${action}: ${Math.round(ms)} ms, longest task ${Math.round(longest) || 'none'}`);
  };
  try {
    await page.goto(`${url}${query}#/ambassadors`);
    record('cold load: first rows', await result(page, 'firstRows', {}, { fromNavigation: true }));
    await page.locator('html[data-ready="true"]').waitFor();
    const where = await page.evaluate(() => document.documentElement.dataset.mock);
    if (where !== mode.replace(/-.*/, '')) throw new Error(`the demo's mock backend runs in the ${where}, not the ${mode}`);
    await page.locator('.topbar').getByRole('status').getByText('All changes saved').waitFor().catch(() => undefined);

    // Filter: include VIPs, Apply; then Reset.
    let filter = await demo.filter();
    await filter.getByRole('button', { name: 'Include VIPs', exact: true }).click();
    await start(page);
    await filter.getByRole('button', { name: 'Apply', exact: true }).click();
    record('filter: include VIPs, Apply', await result(page, 'rowsChanged', { count: size + 1 }));
    await demo.closeFilter();
    filter = await demo.filter();
    await start(page);
    await filter.getByRole('button', { name: 'Reset', exact: true }).click();
    record('filter: Reset', await result(page, 'rowCount', { count: size + 1 }));

    // Search as you type (the filter's search box), then Apply.
    filter = await demo.filter();
    const search = filter.getByRole('searchbox');
    await search.click();
    await start(page);
    await search.pressSequentially('mar');
    await filter.getByRole('button', { name: 'Apply', exact: true }).click();
    record("search: type 'mar', Apply", await result(page, 'rowsChanged', { count: size + 1 }));
    filter = await demo.filter();
    await filter.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.waitForFunction(([n]) => window.__bench.checks.rowCount({ count: n }), [size + 1], { polling: 'raf' });
    await demo.closeFilter();

    // Sort by a column.
    const first = await page.evaluate(() => window.__bench.firstName());
    await start(page);
    await demo.grid.getByRole('columnheader', { name: 'Followers' }).click();
    record('sort: by Followers', await result(page, 'sorted', { label: 'Followers', first }));

    // Select all matching; preview (the picker, "Create segment"); Confirm; Undo.
    await demo.grid.getByRole('checkbox', { name: 'Select all on this page' }).click();
    const all = `Select all ${fmt(size)} matching`;
    await start(page);
    await page.getByRole('button', { name: all }).click();
    record('select all matching', await result(page, 'tableText', { text: `All ${fmt(size)} matching members selected` }));
    // Preview: what adding all of them to VIPs would do (the backend counts who is in already).
    await demo.picker.getByRole('button', { name: 'Add to segment' }).click();
    const popover = demo.picker.getByRole('dialog');
    const vips = popover.getByRole('option', { name: /^VIPs\b/ });
    await vips.click();
    await start(page);
    await popover.getByRole('button', { name: 'Add', exact: true }).click();
    record('preview: add all to VIPs', await result(page, 'preview', { text: 'already in' }));
    await popover.getByRole('button', { name: 'Back', exact: true }).click();
    if ((await vips.getAttribute('aria-selected')) === 'true') await vips.click();
    // Confirm: "Create segment “Bench …”" with all of them.
    const box = demo.picker.getByRole('combobox', { name: 'Search or create a segment' });
    const name = `Bench ${mode}`;
    await box.fill(name);
    await demo.picker.getByRole('option', { name: `Create segment “${name}”` }).waitFor();
    await box.press('ArrowDown');
    await box.press('Enter');
    await demo.picker.getByRole('button', { name: 'Confirm', exact: true }).waitFor();
    await start(page);
    await demo.picker.getByRole('button', { name: 'Confirm', exact: true }).click();
    record('confirm: add all to a new segment', await result(page, 'pickerText', { text: `Created “${name}”` }));
    await start(page);
    await demo.picker.getByRole('button', { name: 'Undo' }).click();
    record('undo', await result(page, 'pickerText', { text: 'Undone' }));
    await page.keyboard.press('Escape');

    // The keyboard: Ctrl+End, then PageDown ×20 from the top.
    await demo.rows.first().getByRole('gridcell').first().focus();
    await start(page);
    await page.keyboard.press('Control+End');
    record('Ctrl+End', await result(page, 'rowLoaded', { index: size - 1 }));
    await page.keyboard.press('Control+Home');
    await page.waitForFunction(() => window.__bench.checks.focusedRowLoaded({ atLeast: 0 }), null, { polling: 'raf' });
    await start(page);
    for (let i = 0; i < 20; i += 1) await page.keyboard.press('PageDown');
    record('PageDown ×20', await result(page, 'focusedRowLoaded', { atLeast: 100 }));

    // A fling: top to bottom in 30 frames.
    await page.evaluate(() => {
      window.__bench.grid().querySelector('.scroller').scrollTop = 0; // the rows scroll, under the header (decision 033)
    });
    await page.waitForFunction(() => window.__bench.checks.rowLoaded({ index: 0 }), null, { polling: 'raf' });
    await start(page);
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const grid = window.__bench.grid().querySelector('.scroller');
          const end = grid.scrollHeight - grid.clientHeight;
          let frame = 0;
          const step = () => {
            frame += 1;
            grid.scrollTop = (end * frame) / 30;
            if (frame < 30) requestAnimationFrame(step);
            else resolve();
          };
          requestAnimationFrame(step);
        }),
    );
    record('fling scroll, top to bottom', await result(page, 'rowLoaded', { index: size - 1 }));
  } finally {
    await context.close();
  }
  return rows;
}

/** Measures both modes; returns `{ size, rounds, modes, rows, table }` (rows: action, mode, ms (median), longestTaskMs (worst), runs). */
export async function measureDemo({ log = console.log } = {}) {
  if (!process.env.SEGKIT_BENCH_DEMO_DIST && demoIsStale()) {
    log('[bench:demo] building the demo (demo/dist is missing or older than its sources)');
    await buildDemo();
  }
  const dist = process.env.SEGKIT_BENCH_DEMO_DIST || join(root, 'demo/dist');
  const server = await serveStatic(dist, { prefix: '/glow/' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs = [];
  try {
    const only = process.env.SEGKIT_BENCH_DEMO_MODES?.split(',');
    const modes = MODES.filter((m) => !only || only.includes(m.mode));
    for (let round = 0; round < ROUNDS; round += 1) {
      // Every other round the other order, so neither mode always meets the warmer machine.
      for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) runs.push(...(await runMode(browser, server.url, mode, log)));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const rows = medians(runs);
  const table = toTable(rows);
  log(`demo at ${fmt(SIZE)} members (and 10,000), ${ROUNDS} round(s): median time to result / longest main-thread task of any round, ms (not budget-checked)`);
  log(table);
  return { size: SIZE, rounds: ROUNDS, modes: Object.fromEntries(MODES.map((m) => [m.mode, m.label])), rows, table };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

/** One row per action and mode: the median time to result, the longest task of any round, and every run's figures. */
function medians(runs) {
  const keys = [...new Set(runs.map((r) => `${r.action}\u0000${r.mode}`))];
  return keys.map((key) => {
    const [action, mode] = key.split('\u0000');
    const mine = runs.filter((r) => r.action === action && r.mode === mode);
    return {
      action,
      mode,
      ms: median(mine.map((r) => r.ms)),
      // The worst round: a long task is a worst case by nature (0 when there was none).
      longestTaskMs: Math.max(...mine.map((r) => r.longestTaskMs)),
      runs: mine.map(({ ms, longestTaskMs }) => [ms, longestTaskMs]),
    };
  });
}

function toTable(rows) {
  const actions = [...new Set(rows.map((r) => r.action))];
  const cell = (action, mode) => {
    const r = rows.find((x) => x.action === action && x.mode === mode);
    return r ? `${r.ms} / ${r.longestTaskMs || 'none'}` : '–';
  };
  const lines = [`| action | ${MODES.map((m) => m.label).join(' | ')} |`, `|---|${MODES.map(() => '---').join('|')}|`];
  for (const action of actions) lines.push(`| ${action} | ${MODES.map((m) => cell(action, m.mode)).join(' | ')} |`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureDemo().then(
    () => process.exit(0),
    (error) => {
      console.error(`[bench:demo] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      process.exit(1);
    },
  );
}

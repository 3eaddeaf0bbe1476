#!/usr/bin/env node
/**
 * `npm run bench`: speed (in headless Chromium) and size, each against a
 * naive baseline or a budget in the same run; writes bench/results.json and
 * exits non-zero when a budget is missed. Budgets live in bench/budgets.json.
 * Not part of `npm test`: timings are noisy on shared CI machines (the sizes
 * are: scripts/check-size.mjs checks them against the same budgets).
 * `SEGKIT_BENCH_FULL=1` measures the IndexedDB baseline on all 100,000 members
 * (several minutes) instead of 20,000 scaled by 5. `SEGKIT_BENCH_ONLY=memory`
 * runs only bench/memory.ts of the in-page figures (the memory adapter and the
 * store at 100,000) and the sizes, skips the demo, million and grids parts
 * below, and prints without writing bench/results.json (a partial run).
 * Then the built demo (bench/demo.mjs), a million rows in each engine
 * (bench/million.mjs) and the grids side by side (bench/grids/run.mjs),
 * none of them budget-checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { formatReport } from '../scripts/bundle-report.mjs';
import { bundle, measureSizes } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const budgets = JSON.parse(readFileSync(join(root, 'bench/budgets.json'), 'utf8'));


const results = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, size: [], bundle: undefined, speed: [], failures: [] };

// ---- size --------------------------------------------------------------------
// bench/sizes.mjs: packages, the one-file set, per-widget entry points, the
// loader and its pages; the one-file set by group (scripts/bundle-report.mjs).
{
  const { rows, report } = await measureSizes();
  for (const row of rows) {
    const budget = budgets.size[row.name];
    const pass = budget === undefined || row.gzip <= budget;
    results.size.push({ ...row, budget, pass });
    if (!pass) results.failures.push(`${row.name}: ${row.gzip} B gzip > budget ${budget} B`);
  }
  results.bundle = { total: report.total, groups: report.rows };
}

// ---- speed -------------------------------------------------------------------
const code = await bundle(['bench/browser.ts']);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  // gc() and precise performance.memory for the heap figures of bench/memory.ts.
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage();
  // A real origin (about:blank has none, so no IndexedDB), served by the route itself.
  const origin = 'http://localhost:9/';
  await page.route(`${origin}**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>segkit bench</title>' }));
  const search = new URLSearchParams();
  if (process.env.SEGKIT_BENCH_FULL === '1') search.set('full', '');
  if (process.env.SEGKIT_BENCH_ONLY) search.set('only', process.env.SEGKIT_BENCH_ONLY);
  await page.goto(search.size > 0 ? `${origin}?${search}` : origin);
  await page.addScriptTag({ content: code, type: 'module' });
  const minutes = process.env.SEGKIT_BENCH_FULL === '1' ? 30 : 15;
  await page.waitForFunction(() => window.__bench || window.__benchError, null, { timeout: minutes * 60_000 });
  const error = await page.evaluate(() => window.__benchError);
  if (error) throw new Error(error);
  for (const r of await page.evaluate(() => window.__bench)) {
    const budget = budgets.speed[r.name] ?? {};
    const ratio = r.baseline > 0 ? r.value / r.baseline : null;
    let pass = true;
    if (budget.maxRatio !== undefined && ratio !== null && ratio > budget.maxRatio) pass = false;
    if (budget.maxMs !== undefined && r.value > budget.maxMs) pass = false;
    results.speed.push({ ...r, ratio, budget, pass });
    if (!pass) results.failures.push(`${r.name}: ${r.value.toFixed(3)} ${r.unit} (ratio ${ratio?.toFixed(4)}) misses ${JSON.stringify(budget)}`);
  }
} finally {
  await browser.close();
}

const only = Boolean(process.env.SEGKIT_BENCH_ONLY);
if (!only) results.demo = await (await import('./demo.mjs')).measureDemo().catch((error) => ({ error: String(error?.stack ?? error) })); // the demo at 100k, mock in a Worker vs in the page (not budget-checked)
const million = await import('./million.mjs'); // the member table at 1,000,000 vs 1,000 members in Chromium, Firefox and WebKit (not budget-checked)
if (!only) results.million = await million.measureMillion().catch((error) => ({ error: String(error?.stack ?? error) }));
if (!only) results.grids = await (await import('./grids/run.mjs')).measureGrids().catch((error) => ({ error: String(error?.stack ?? error) })); // the member table beside vaadin-grid, AG Grid, TanStack (not budget-checked)

if (!only) writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
const pad = (s, n) => String(s).padEnd(n);
console.log('size');
for (const s of results.size) {
  const vs = s.baseline ? ` vs ${(s.baseline / 1024).toFixed(1)} KB (${s.baselineName})` : '';
  const budget = s.budget === undefined ? 'no budget' : `budget ${(s.budget / 1024).toFixed(1)} KB ${s.pass ? 'ok' : 'OVER'}`;
  console.log(`  ${pad(s.name, 62)} ${pad(`${(s.gzip / 1024).toFixed(1)} KB gz`, 12)}${vs} ${budget}`);
}
console.log(`\n${formatReport({ total: results.bundle.total, rows: results.bundle.groups })}\n`);
if (results.million?.engines) console.log(`a million rows (bench/million.mjs)\n${million.formatMillion(results.million)}\n`);
console.log('speed (median)');
for (const r of results.speed) {
  const v = r.unit === 'ms' ? `${r.value.toFixed(3)} ms` : `${r.value} ${r.unit}`;
  const b = r.unit === 'ms' ? `${r.baseline.toFixed(3)} ms` : `${r.baseline} ${r.unit}`;
  console.log(`  ${pad(r.name, 56)} ${pad(v, 14)} vs ${pad(b, 16)} (${r.baselineName}) ${r.pass ? 'ok' : 'MISS'}`);
}
if (results.failures.length) {
  console.log(`\n${results.failures.length} budget(s) missed:\n  ${results.failures.join('\n  ')}`);
  process.exit(1);
}
console.log(only ? '\nall budgets met (a partial run: bench/results.json not written)' : '\nall budgets met; written to bench/results.json');

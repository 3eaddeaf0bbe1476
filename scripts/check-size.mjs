#!/usr/bin/env node
/**
 * The size budgets of bench/budgets.json, checked in `npm test` (sizes are
 * exact, unlike timings): the packages, the one-file widget set, the
 * per-widget entry points, the lazy loader and its pages, each built in
 * memory from source (bench/sizes.mjs, a few seconds). One line per figure,
 * then `N passed, M failed`; exits non-zero when a figure is over its
 * budget or a budget names a figure no longer measured.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureSizes } from '../bench/sizes.mjs';

const budgets = JSON.parse(readFileSync(fileURLToPath(new URL('../bench/budgets.json', import.meta.url)), 'utf8')).size;
const { rows } = await measureSizes();
let passed = 0;
let failed = 0;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const row of rows) {
  const budget = budgets[row.name];
  if (budget === undefined) continue;
  const ok = row.gzip <= budget;
  if (ok) passed += 1;
  else failed += 1;
  console.log(`  ${ok ? '✓' : '✗'} ${row.name}: ${kb(row.gzip)} gzip (budget ${kb(budget)})`);
}
for (const name of Object.keys(budgets)) {
  if (rows.some((row) => row.name === name)) continue;
  failed += 1;
  console.log(`  ✗ ${name}: has a budget but is not measured (bench/sizes.mjs)`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
/**
 * `npm test`: the browser tests in Chromium, Firefox and WebKit, one
 * @web/test-runner run per engine (one after the other), then one summary line
 * `N passed, M failed` with the totals across engines.
 *
 *   SEGKIT_BROWSERS=chromium,firefox,webkit   engines to run (default: all three)
 *   SEGKIT_FILES='test/core/**\/*.test.ts'     subset of test files (glob, comma list)
 *   npm test -- --static-logging              extra arguments go to every wtr run
 *
 * Browsers missing from this machine are installed first from Debian's
 * packages (as root or with password-less sudo); without that it stops at
 * once with one line naming the command to run.
 *
 * For WebKit it starts Xvfb (:99) and WebKitWebDriver (port 4444), runs a full
 * suite in batches of files (see runWebkitBatches) and stops
 * them by pid when done, on failure and on Ctrl-C. Exits non-zero when a test
 * or a run failed, or when no test ran at all.
 *
 * First the static shape checks (scripts/check-shape.mjs: file sizes, import
 * circles, Lit-free connectors, doc links, the strings list); their counts
 * join the summary as the `checks` row.
 *
 * Then the size budgets (scripts/check-size.mjs: the packages, the one-file
 * set, the per-widget entry points and the lazy loader, built in memory,
 * against bench/budgets.json); its counts join the summary as the `sizes` row.
 *   SEGKIT_SIZES=0   skip it
 *   SEGKIT_SIZES=1   run it even with SEGKIT_FILES (skipped by default when a subset is asked for)
 *
 * Then the conformance kit (scripts/conformance.mjs): every check of
 * @segkit/conformance against the mock backend served over real HTTP,
 * read-only and in full, and against the mock with injected faults (the kit
 * must report them); its counts join the summary as the `conform` row.
 *   SEGKIT_CONFORMANCE=0   skip it
 *   SEGKIT_CONFORMANCE=1   run it even with SEGKIT_FILES (skipped by default when a subset is asked for)
 *
 * Then the packages as published (scripts/check-packages.mjs): each is
 * packed and checked with publint and @arethetypeswrong/cli (types for every
 * export, node10 included), and must carry README.md and LICENSE; it builds
 * a package first when its dist is missing or stale. Its counts join the
 * summary as the `packages` row.
 *   SEGKIT_PACKAGES=0   skip it
 *   SEGKIT_PACKAGES=1   run it even with SEGKIT_FILES (skipped by default when a subset is asked for)
 *
 * Then the end-to-end phase: scripts/e2e.mjs builds the demo when demo/dist
 * is missing or stale and drives it in Chromium; its counts join the summary.
 *   SEGKIT_E2E=0    skip it
 *   SEGKIT_E2E=1    run it even with SEGKIT_FILES (skipped by default when a subset is asked for)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBrowsers, parseEngines, startWebkitServices, stopProcess } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const wtrPackageJson = join(root, 'node_modules/@web/test-runner/package.json');
const wtrBin = join(dirname(wtrPackageJson), JSON.parse(readFileSync(wtrPackageJson, 'utf8')).bin.wtr);

const engines = parseEngines(process.env.SEGKIT_BROWSERS, 'chromium,firefox,webkit');
const extraArgs = process.argv.slice(2);
const resultsDir = mkdtempSync(join(tmpdir(), 'segkit-wtr-'));

let webkitServices;
let currentRun;
let interrupted = false;

let cleaning;
/** Stops the running wtr and the WebKit services; safe to call more than once. */
function cleanup() {
  cleaning ??= (async () => {
    if (currentRun) await stopProcess(currentRun, 5000);
    if (webkitServices) await webkitServices.stop();
    rmSync(resultsDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test] ${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

function runWtr(engine, env, resultsFile) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [wtrBin, '--config', 'web-test-runner.config.mjs', ...extraArgs], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      // Own process group, so a stuck run (and the browsers it spawned) can be stopped as a whole.
      detached: true,
      env: { ...process.env, ...env, SEGKIT_BROWSERS: engine, SEGKIT_RESULTS: resultsFile },
    });
    currentRun = child;
    child.on('error', (error) => {
      console.error(`[test] could not start wtr: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      currentRun = undefined;
      if (signal) console.error(`[test] wtr (${engine}) was stopped by ${signal}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Runs a node script (output passed through); resolves its exit code and final `N passed, M failed` counts. */
function runNode(script, countFiles = () => 1) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
      env: process.env,
    });
    currentRun = child;
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-400);
    });
    child.on('error', (error) => {
      console.error(`[test] could not start ${script}: ${error.message}`);
      resolve({ code: 1, results: undefined });
    });
    child.on('exit', (code, signal) => {
      currentRun = undefined;
      const match = /(\d+) passed, (\d+) failed\s*$/.exec(tail);
      const results = match ? { passed: Number(match[1]), failed: Number(match[2]), files: countFiles() } : undefined;
      resolve({ code: code ?? (signal ? 1 : 0), results });
    });
  });
}

/** Every `*.test.ts` under test/ (not e2e), sorted: the files of a full run. */
function allTestFiles(dir = join(root, 'test')) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e' && entry.name !== 'node_modules') out.push(...allTestFiles(path));
    } else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out.sort();
}

/**
 * WebKit runs a full suite in batches of files, each a wtr run with its own
 * MiniBrowser session: one long session sometimes ends part-way with no
 * result and no message (the browser goes away). A batch that ends so, with
 * no results at all, runs once more, and says so; a batch whose tests fail is
 * never run again. With SEGKIT_FILES it is one run, as for the other engines.
 */
async function runWebkitBatches() {
  const size = 12;
  const files = process.env.SEGKIT_FILES ? [] : allTestFiles();
  const batches = process.env.SEGKIT_FILES ? [undefined] : Array.from({ length: Math.ceil(files.length / size) }, (_, i) => files.slice(i * size, i * size + size));
  const total = { passed: 0, failed: 0, skipped: 0, files: 0, failures: [], fileErrors: [] };
  let code = 0;
  for (const [i, batch] of batches.entries()) {
    if (interrupted) break;
    const env = { ...webkitServices.env, ...(batch ? { SEGKIT_FILES: batch.join(',') } : {}) };
    let results;
    let batchCode = 0;
    for (let attempt = 1; attempt <= 2 && !results && !interrupted; attempt += 1) {
      if (attempt === 2) console.log(`[test] webkit batch ${i + 1}/${batches.length} ended with no results (the browser went away): running it once more`);
      const resultsFile = join(resultsDir, `webkit-${i}-${attempt}.json`);
      batchCode = await runWtr('webkit', env, resultsFile);
      results = readResults(resultsFile);
    }
    if (!results) return { code: batchCode || 1, results: undefined };
    for (const key of ['passed', 'failed', 'skipped', 'files']) total[key] += results[key] ?? 0;
    total.failures.push(...(results.failures ?? []));
    total.fileErrors.push(...(results.fileErrors ?? []));
    if (batchCode !== 0) code = batchCode;
  }
  return { code, results: total };
}

const conformanceWanted =
  process.env.SEGKIT_CONFORMANCE === '1' ||
  (process.env.SEGKIT_CONFORMANCE !== '0' && process.env.SEGKIT_FILES === undefined);

const sizesWanted = process.env.SEGKIT_SIZES === '1' || (process.env.SEGKIT_SIZES !== '0' && process.env.SEGKIT_FILES === undefined);

const packagesWanted =
  process.env.SEGKIT_PACKAGES === '1' || (process.env.SEGKIT_PACKAGES !== '0' && process.env.SEGKIT_FILES === undefined);

const e2eWanted =
  process.env.SEGKIT_E2E === '1' || (process.env.SEGKIT_E2E !== '0' && process.env.SEGKIT_FILES === undefined);

function readResults(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

try {
  ensureBrowsers(e2eWanted && !engines.includes('chromium') ? [...engines, 'chromium'] : engines);
} catch (error) {
  console.error(`[test] ${error.message}`);
  process.exit(1);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const rows = [];
let exitCode = 0;

try {
  {
    console.log('\n=== checks (scripts/check-shape.mjs) ===');
    const started = Date.now();
    const { code, results } = await runNode(join(root, 'scripts/check-shape.mjs'));
    rows.push({ engine: 'checks', ms: Date.now() - started, code, results });
  }

  if (sizesWanted && !interrupted) {
    console.log('\n=== sizes against bench/budgets.json (scripts/check-size.mjs) ===');
    const started = Date.now();
    const { code, results } = await runNode(join(root, 'scripts/check-size.mjs'));
    rows.push({ engine: 'sizes', ms: Date.now() - started, code, results });
  }

  if (conformanceWanted && !interrupted) {
    console.log('\n=== conformance kit against the mock over HTTP (scripts/conformance.mjs) ===');
    const started = Date.now();
    const { code, results } = await runNode(join(root, 'scripts/conformance.mjs'));
    rows.push({ engine: 'conform', ms: Date.now() - started, code, results });
  }

  if (packagesWanted && !interrupted) {
    console.log('\n=== packages as published: publint, @arethetypeswrong/cli (scripts/check-packages.mjs) ===');
    const started = Date.now();
    const { code, results } = await runNode(join(root, 'scripts/check-packages.mjs'));
    rows.push({ engine: 'packages', ms: Date.now() - started, code, results });
  }

  if (engines.includes('webkit')) {
    try {
      webkitServices = await startWebkitServices({ log: (line) => console.log(line) });
    } catch (error) {
      console.error(`[test] WebKit services did not start: ${error.message}`);
      rows.push({ engine: 'webkit', ms: 0, code: 1, results: undefined });
      exitCode = 1;
    }
  }

  for (const engine of engines) {
    if (interrupted) break;
    if (engine === 'webkit' && !webkitServices) continue;
    console.log(`\n=== ${engine} ===`);
    const started = Date.now();
    if (engine === 'webkit') {
      const { code, results } = await runWebkitBatches();
      rows.push({ engine, ms: Date.now() - started, code, results });
      continue;
    }
    const resultsFile = join(resultsDir, `${engine}.json`);
    const code = await runWtr(engine, {}, resultsFile);
    rows.push({ engine, ms: Date.now() - started, code, results: readResults(resultsFile) });
  }

  if (e2eWanted && !interrupted) {
    console.log('\n=== e2e (demo in chromium) ===');
    const started = Date.now();
    const e2eFiles = () => readdirSync(join(root, 'test/e2e')).filter((name) => name.endsWith('.e2e.mjs')).length;
    const { code, results } = await runNode(join(root, 'scripts/e2e.mjs'), e2eFiles);
    rows.push({ engine: 'e2e', ms: Date.now() - started, code, results });
  }
} finally {
  await cleanup();
}

if (interrupted) process.exit(130);

let passed = 0;
let failed = 0;
let ran = 0;
console.log('\n=== summary ===');
for (const { engine, ms, code, results } of rows) {
  if (!results) {
    // wtr stopped before reporting (bad config, browser did not start...): one failure for the engine.
    failed += 1;
    exitCode = 1;
    console.log(`${engine.padEnd(9)} no results (wtr exit code ${code}) in ${seconds(ms)}`);
    continue;
  }
  passed += results.passed;
  failed += results.failed;
  ran += results.passed + results.failed;
  if (code !== 0 || results.failed > 0) exitCode = 1;
  const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
  console.log(
    `${engine.padEnd(9)} ${results.passed} passed, ${results.failed} failed${skipped} ` +
      `(${results.files} files) in ${seconds(ms)}${code !== 0 ? ` [wtr exit code ${code}]` : ''}`,
  );
  for (const failure of results.failures ?? []) {
    console.log(`          failed: ${failure.file} › ${failure.test}${failure.error ? `: ${failure.error.slice(0, 200)}` : ''}`);
  }
  for (const fileError of results.fileErrors ?? []) {
    console.log(`          file failed: ${fileError.file} (${fileError.status}) ${fileError.errors.join('; ')}`);
  }
}
if (ran === 0) {
  console.log('No tests ran.');
  exitCode = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);

#!/usr/bin/env node
/**
 * End-to-end tests of the BUILT demo (demo/dist) in Debian's Chromium, driven
 * with playwright-core as a user would (click, type, keys).
 *
 *   node scripts/e2e.mjs                 build demo/dist when missing or stale, then run every test
 *   node scripts/e2e.mjs --no-build      never build (fail when demo/dist is missing)
 *   SEGKIT_E2E_GREP=reload node scripts/e2e.mjs   only tests whose name contains "reload"
 *   SEGKIT_E2E_HEADED=1                  show the browser (needs a display)
 *   CHROME_PATH=/path/to/chromium        the browser (default /usr/bin/chromium)
 *
 * Serves demo/dist with a tiny node:http server on a free port, under a
 * sub-folder (`/glow/`) to prove the build works from any folder. Each test
 * gets a fresh browser context (its own storage, IndexedDB and service
 * worker). Screenshots go to test-results/screenshots/. Ends with one line,
 * `N passed, M failed`; exits non-zero when a test failed or none ran.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBrowsers, paths } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'demo/dist');
const testsDir = join(root, 'test/e2e');
const args = process.argv.slice(2);
const grep = process.env.SEGKIT_E2E_GREP ?? '';
const TEST_TIMEOUT_MS = 60_000;

/** Newest modification time under `path` (files only), skipping node_modules and dist. */
export function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

/** True when demo/dist is missing or older than what it is built from. */
export function demoIsStale() {
  const built = newest(join(dist, 'index.html'));
  if (!built || !existsSync(join(dist, 'mockServiceWorker.js'))) return true;
  const sources = [
    join(root, 'demo/index.html'),
    join(root, 'demo/vite.config.ts'),
    join(root, 'demo/src'),
    join(root, 'package-lock.json'),
    ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'src')),
  ];
  return sources.some((source) => newest(source) > built);
}

function buildDemo() {
  return new Promise((resolve, reject) => {
    const vite = join(dirname(fileURLToPath(import.meta.resolve('vite/package.json'))), 'bin/vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'demo/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

async function main() {
  ensureBrowsers(['chromium']);
  if (!args.includes('--no-build') && demoIsStale()) {
    console.log('[e2e] building the demo (demo/dist is missing or older than its sources)');
    const started = Date.now();
    await buildDemo();
    console.log(`[e2e] built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
  if (!existsSync(join(dist, 'index.html'))) throw new Error('demo/dist is missing: run `npm run build:demo`.');

  const { chromium } = await import('playwright-core');
  const { serveStatic } = await import('../test/e2e/server.mjs');
  const { tests } = await import('../test/e2e/registry.mjs');
  for (const file of readdirSync(testsDir).filter((f) => f.endsWith('.e2e.mjs')).sort()) {
    await import(pathToFileURL(join(testsDir, file)).href);
  }
  const selected = tests.filter((t) => t.name.toLowerCase().includes(grep.toLowerCase()));

  const shots = join(root, 'test-results/screenshots');
  mkdirSync(shots, { recursive: true });
  for (const name of readdirSync(shots)) if (name.startsWith('FAILED-')) rmSync(join(shots, name));
  const server = await serveStatic(dist, { prefix: '/glow/' });
  const browser = await chromium.launch({
    executablePath: paths.chromium,
    headless: !process.env.SEGKIT_E2E_HEADED,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

  let passed = 0;
  let failed = 0;
  const started = Date.now();
  console.log(`[e2e] ${selected.length} tests against ${server.url} in Chromium ${browser.version()}`);
  try {
    for (const t of selected) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, ...t.context });
      context.setDefaultTimeout(10_000);
      if (process.env.SEGKIT_E2E_DEBUG) {
        await context.addInitScript(() => {
          addEventListener('beforeunload', () => console.log(`beforeunload ${new Error().stack}`));
          document.addEventListener('submit', (e) => console.log(`submit ${String(e.target?.outerHTML).slice(0, 160)}`), true);
        });
      }
      const errors = [];
      context.on('page', (page) => {
        page.on('pageerror', (error) => errors.push(error.message));
        if (process.env.SEGKIT_E2E_DEBUG) {
          void context.newCDPSession(page).then(async (cdp) => {
            await cdp.send('Page.enable');
            cdp.on('Page.frameRequestedNavigation', (e) => console.log(`    [navigation requested] ${e.reason} ${e.disposition} ${e.url}`));
          });
          page.on('console', (message) => console.log(`    [console.${message.type()}] ${message.text().slice(0, 300)}`));
          page.on('framenavigated', (frame) => frame === page.mainFrame() && console.log(`    [navigated] ${frame.url()}`));
        }
      });
      const began = Date.now();
      let timer;
      try {
        await Promise.race([
          t.fn({ context, url: server.url, root, errors }),
          new Promise((_, reject) => {
            const limit = t.timeoutMs ?? TEST_TIMEOUT_MS;
            timer = setTimeout(() => reject(new Error(`timed out after ${limit / 1000}s`)), limit);
          }),
        ]);
        if (errors.length) throw new Error(`uncaught error in the page: ${errors.join(' | ')}`);
        passed += 1;
        console.log(`  ✓ ${t.name} (${((Date.now() - began) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failed += 1;
        console.log(`  ✗ ${t.name} (${((Date.now() - began) / 1000).toFixed(1)}s)`);
        console.log(indent(error instanceof Error ? (error.stack ?? error.message) : String(error)));
        const page = context.pages()[0];
        if (page) {
          const file = join(root, 'test-results/screenshots', `FAILED-${slug(t.name)}.png`);
          await page.screenshot({ path: file, fullPage: false }).catch(() => undefined);
          console.log(`    screenshot: ${file}`);
        }
      } finally {
        clearTimeout(timer);
        await context.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
  console.log(`[e2e] done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  if (selected.length === 0) console.log('No tests ran.');
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || selected.length === 0 ? 1 : 0;
}

const indent = (text) =>
  text
    .split('\n')
    .slice(0, 12)
    .map((line) => `    ${line}`)
    .join('\n');
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
/**
 * The member table at 1,000,000 members in Chromium, Firefox ESR and WebKit,
 * beside the same at 1,000 in the same run (issue 9, decisions 028 and 033).
 * `bench/million-page.ts` (production build, bundled by bench/sizes.mjs's
 * `bundle`) does the measuring inside the page, the same way in every engine;
 * this script only serves it and drives each engine with the client the
 * tests already use: playwright-core (Chromium), puppeteer over WebDriver
 * BiDi (Firefox), webdriverio with WebKitWebDriver under Xvfb
 * (scripts/browsers.mjs's `startWebkitServices`, WebKit).
 *
 *   node bench/million.mjs                    all three engines; prints a table and
 *                                             writes the `million` key of bench/results.json
 *   SEGKIT_BROWSERS=chromium,firefox ...      only those engines
 *
 * `npm run bench` runs it (bench/run.mjs) after the rest, into the `million`
 * key of bench/results.json: it adds about 5 minutes on a 2-core machine
 * under a load average of 12 (WebKit takes half of it). Not budget-checked:
 * timings are the machine's; each figure is read beside the 1,000-member one.
 */
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { parseEngines, paths, startWebkitServices } from '../scripts/browsers.mjs';
import { bundle } from './sizes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [1_000, 1_000_000];
/** The longest an engine may take for one size (1,000,000 members made, sorted, scrolled). */
const TIMEOUT_MS = 10 * 60_000;

/** Serves the page and the bundle on a free local port. */
async function serve(code) {
  const server = createServer((req, res) => {
    if (req.url === '/million.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(code);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><meta charset="utf-8"><title>segkit: a million rows</title><body style="margin:0"><script type="module" src="/million.js"></script>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** In the page: waits for the bundle, measures each size, returns the figures (or `{ error }`). */
const inPage = async (sizes) => {
  for (let i = 0; i < 600 && !window.segkitMillion; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  try {
    const out = [];
    for (const n of sizes) out.push(await window.segkitMillion.measure(n));
    return out;
  } catch (error) {
    return { error: String(error?.stack ?? error) };
  }
};

async function chromium(url) {
  const { chromium: launcher } = await import('playwright-core');
  const browser = await launcher.launch({
    executablePath: paths.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(url);
    return await page.evaluate(inPage, SIZES);
  } finally {
    await browser.close();
  }
}

async function firefox(url) {
  const { default: puppeteer } = await import('puppeteer');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: paths.firefox, headless: true, protocolTimeout: TIMEOUT_MS });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url);
    return await page.evaluate(inPage, SIZES);
  } finally {
    await browser.close();
  }
}

async function webkit(url) {
  const { remote } = await import('webdriverio');
  const services = await startWebkitServices({ log: () => undefined });
  let browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port: services.port,
      path: '/',
      logLevel: 'error',
      connectionRetryTimeout: TIMEOUT_MS,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: paths.webkitBrowser, args: ['--automation'] },
      },
    });
    await browser.setTimeout({ script: TIMEOUT_MS });
    await browser.url(url);
    return await browser.executeAsync(
      (sizes, source, done) => {
        // eslint-disable-next-line no-new-func
        new Function(`return (${source})`)()(sizes).then(done, (error) => done({ error: String(error) }));
      },
      SIZES,
      inPage.toString(),
    );
  } finally {
    await browser?.deleteSession().catch(() => undefined);
    await services.stop();
  }
}

const drivers = { chromium, firefox, webkit };

/** Measures each engine; an engine that fails gets `{ error }` and the others still run. */
export async function measureMillion({ engines = parseEngines(process.env.SEGKIT_BROWSERS, 'chromium,firefox,webkit'), log = console.log } = {}) {
  const started = Date.now();
  const code = await bundle(['bench/million-page.ts']);
  const server = await serve(code);
  const out = { sizes: SIZES, load: { cpus: cpus().length, loadavgBefore: loadavg()[0] }, engines: {} };
  try {
    for (const engine of engines) {
      const t0 = Date.now();
      log(`[million] ${engine}...`);
      try {
        const figures = await drivers[engine](server.url);
        out.engines[engine] = figures?.error ? { error: figures.error } : { baseline: figures[0], million: figures[1], seconds: (Date.now() - t0) / 1000 };
      } catch (error) {
        out.engines[engine] = { error: String(error?.stack ?? error) };
      }
      log(`[million] ${engine}: ${out.engines[engine].error ? `failed: ${out.engines[engine].error.split('\n')[0]}` : `${((Date.now() - t0) / 1000).toFixed(0)} s`}`);
    }
  } finally {
    await server.close();
  }
  out.load.loadavgAfter = loadavg()[0];
  out.seconds = (Date.now() - started) / 1000;
  return out;
}

const ms = (v) => (v === undefined ? '?' : `${Math.round(v).toLocaleString('en-US')}`);

/** The README's table: one row a figure, one column an engine, "1M / 1k" in each cell (ms). */
export function formatMillion(result) {
  const engines = Object.keys(result.engines);
  const rows = [
    ['mount → first rows', (f) => f.mountMs],
    ['Ctrl+End → last row painted', (f) => f.ctrlEndMs],
    ['PageDown ×20 → focused row painted', (f) => f.pageDown20Ms],
    ['fling top to bottom: last jump → last row painted', (f) => f.flingMs],
    ['longest task (Chromium) / frame gap (others): mount', (f) => f.longest.byAction.mount],
    ['longest task / frame gap: Ctrl+End, PageDown, fling', (f) => Math.max(f.longest.byAction['ctrl+end'], f.longest.byAction['pagedown x20'], f.longest.byAction.fling)],
  ];
  const lines = [`| at 1,000,000 / at 1,000 members, ms | ${engines.join(' | ')} |`, `|---|${engines.map(() => '---').join('|')}|`];
  for (const [label, pick] of rows) {
    const cells = engines.map((e) => {
      const r = result.engines[e];
      return r.error ? 'failed' : `${ms(pick(r.million))} / ${ms(pick(r.baseline))}`;
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  const index = engines.map((e) => {
    const r = result.engines[e];
    return r.error ? 'failed' : `${r.million.lastRowIndex.toLocaleString('en-US')} ${r.million.lastRowIndex === 1_000_001 ? '(exact)' : '(WRONG)'}`;
  });
  lines.push(`| last row's aria-rowindex (header is 1) | ${index.join(' | ')} |`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureMillion();
  const file = join(root, 'bench/results.json');
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  results.million = result;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatMillion(result)}\n\n${result.seconds.toFixed(0)} s; load average ${result.load.loadavgBefore.toFixed(1)} before, ${result.load.loadavgAfter.toFixed(1)} after (${result.load.cpus} cores); written to bench/results.json (million)`);
  if (Object.values(result.engines).some((r) => r.error)) process.exit(1);
}

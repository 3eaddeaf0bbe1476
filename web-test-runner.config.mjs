/**
 * @web/test-runner config for segkit's browser tests (mocha BDD + chai).
 *
 * Environment:
 *   SEGKIT_BROWSERS   comma list of chromium,firefox,webkit (default chromium).
 *                     WebKit needs Xvfb and WebKitWebDriver running: `npm test`
 *                     (scripts/test.mjs) starts them.
 *   SEGKIT_FILES      glob of test files to run instead of test/**\/*.test.ts
 *                     (comma-separate several globs).
 *   SEGKIT_RESULTS    when set, a JSON file the counts of passed/failed tests go to.
 *   CHROME_PATH, FIREFOX_PATH, WEBKIT_BROWSER_PATH, SEGKIT_WEBDRIVER_PORT: see scripts/browsers.mjs.
 *
 * Workspace packages resolve to their TypeScript sources through the "source"
 * export condition; relative `./x.js` imports in .ts files are served from `./x.ts`
 * by the esbuild plugin.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { parseEngines, paths, webdriverPort } from './scripts/browsers.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { wireContractPlugin } from './scripts/wire-contract.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const engines = parseEngines(process.env.SEGKIT_BROWSERS);
const hasWebkit = engines.includes('webkit');
/**
 * One test file at a time per engine. With two, the second file runs in a
 * background tab: no requestAnimationFrame there (element tests wait for
 * frames) and, in Firefox, no focus events, so keyboard tests hang or fail.
 */
const CONCURRENCY = 1;

const launchers = {
  chromium: () =>
    chromeLauncher({
      concurrency: CONCURRENCY,
      launchOptions: {
        executablePath: paths.chromium,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    }),
  firefox: () =>
    puppeteerLauncher({
      concurrency: CONCURRENCY,
      launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true },
    }),
  webkit: () =>
    webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: webdriverPort(),
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: paths.webkitBrowser, args: ['--automation'] },
      },
    }),
};

const mswWorker = readFileSync(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url), 'utf8');

const fileGlobs = (process.env.SEGKIT_FILES || 'test/**/*.test.ts')
  .split(',')
  .map((glob) => glob.trim())
  .filter(Boolean);

const reporters = [defaultReporter({ reportTestResults: true, reportTestProgress: true })];
if (process.env.SEGKIT_RESULTS) reporters.push(countReporter({ file: process.env.SEGKIT_RESULTS }));

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  files: [...fileGlobs, '!test/e2e/**', '!**/node_modules/**'],
  browsers: engines.map((engine) => launchers[engine]()),
  // The webdriver launcher picks one window per test file only when the global
  // concurrency is 1 (otherwise it multiplexes iframes, which WebKitGTK does not like).
  concurrency: hasWebkit ? 1 : CONCURRENCY,
  concurrentBrowsers: 1,
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)) }),
    // The OpenAPI validators run here, in Node (they read files and are CommonJS): the
    // `wire-contract:*` server commands of test/rest/wire-validator.ts.
    wireContractPlugin(),
  ],
  middleware: [
    // msw's worker, at the root so it may control the whole origin.
    function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.set('Service-Worker-Allowed', '/');
      context.set('Cache-Control', 'no-cache');
      context.type = 'application/javascript';
      context.body = mswWorker;
      return undefined;
    },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: { config: { ui: 'bdd', timeout: 20000 } },
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 600000,
  // Plain, append-only output in CI logs and pipes (no progress bar redraws).
  staticLogging: Boolean(process.env.CI) || !process.stdout.isTTY,
  reporters,
};

/**
 * The three browser engines the tests run in, where their binaries live, and
 * the services WebKit needs (Xvfb + WebKitWebDriver), and how to install them
 * from Debian's packages when they are missing. Shared by
 * web-test-runner.config.mjs, scripts/test.mjs and scripts/e2e.mjs.
 *
 * Environment:
 *   SEGKIT_BROWSERS        comma list of chromium,firefox,webkit
 *   CHROME_PATH            Chromium binary        (default /usr/bin/chromium)
 *   FIREFOX_PATH           Firefox binary         (default /usr/bin/firefox-esr)
 *   WEBKIT_DRIVER_PATH     WebKitWebDriver binary (default /usr/bin/WebKitWebDriver)
 *   WEBKIT_BROWSER_PATH    MiniBrowser binary     (default WebKitGTK 4.1's MiniBrowser)
 *   XVFB_PATH              Xvfb binary            (default /usr/bin/Xvfb)
 *   PHP_PATH               PHP command line       (default /usr/bin/php; the WordPress example's test)
 *   SEGKIT_WEBDRIVER_PORT  WebKitWebDriver port   (default 4444)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

export const paths = {
  chromium: process.env.CHROME_PATH || '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  webkitDriver: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver',
  webkitBrowser: process.env.WEBKIT_BROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfb: process.env.XVFB_PATH || '/usr/bin/Xvfb',
  php: process.env.PHP_PATH || '/usr/bin/php',
};

export const DEFAULT_WEBDRIVER_PORT = 4444;

export function webdriverPort() {
  return Number(process.env.SEGKIT_WEBDRIVER_PORT || DEFAULT_WEBDRIVER_PORT);
}

/** Parses a comma list of engine names; throws on an unknown one. */
export function parseEngines(value, fallback = 'chromium') {
  const list = (value || fallback)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of list) {
    if (!ENGINES.includes(name)) {
      throw new Error(`Unknown browser engine "${name}" in SEGKIT_BROWSERS; use ${ENGINES.join(', ')}.`);
    }
  }
  return [...new Set(list)];
}

/** The Debian packages each engine needs, and the files that prove they are installed. */
const REQUIREMENTS = {
  chromium: { packages: ['chromium'], files: () => [['CHROME_PATH', paths.chromium]] },
  firefox: { packages: ['firefox-esr'], files: () => [['FIREFOX_PATH', paths.firefox]] },
  webkit: {
    packages: ['webkit2gtk-driver', 'xvfb'],
    files: () => [
      ['WEBKIT_DRIVER_PATH', paths.webkitDriver],
      ['WEBKIT_BROWSER_PATH', paths.webkitBrowser],
      ['XVFB_PATH', paths.xvfb],
    ],
  },
  // Not a browser: the WordPress example's test runs its PHP (test/e2e/wordpress.e2e.mjs).
  php: { packages: ['php-cli'], files: () => [['PHP_PATH', paths.php]] },
};

/** The engines' binaries that are missing, as `{ engine, variable, file }`. */
export function missingBrowsers(engines) {
  const missing = [];
  for (const engine of engines) {
    for (const [variable, file] of REQUIREMENTS[engine].files()) {
      if (!existsSync(file)) missing.push({ engine, variable, file });
    }
  }
  return missing;
}

/** How this process can run a command as root: `[]` as root, `['sudo', '-n']` with password-less sudo, else null. */
function rootPrefix() {
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  const probe = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return probe.status === 0 ? ['sudo', '-n'] : null;
}

function run(command, args, log) {
  log(`[browsers] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with code ${result.status}.`);
}

/**
 * Makes sure the engines' browsers are installed. Missing Debian packages are
 * installed with apt-get when this process is root or has password-less sudo;
 * otherwise, or when a path was overridden by an environment variable and is
 * missing, it throws an error whose message is one line naming what to do.
 */
export function ensureBrowsers(engines, { log = console.log } = {}) {
  const missing = missingBrowsers(engines);
  if (missing.length === 0) return;
  const overridden = missing.filter(({ variable }) => process.env[variable]);
  if (overridden.length) {
    const { variable, file } = overridden[0];
    throw new Error(`${variable} points to ${file}, which does not exist; fix or unset ${variable}.`);
  }
  const packages = [...new Set(missing.flatMap(({ engine }) => REQUIREMENTS[engine].packages))];
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const prefix = rootPrefix();
  if (prefix === null || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`Browsers missing (${missing.map((m) => m.file).join(', ')}); install them with: sudo sh -c '${command}'`);
  }
  log(`[browsers] missing ${missing.map((m) => m.file).join(', ')}; installing Debian packages: ${packages.join(' ')}`);
  const [sudo, ...sudoArgs] = prefix;
  const apt = (args) => (sudo ? run(sudo, [...sudoArgs, 'apt-get', ...args], log) : run('apt-get', args, log));
  apt(['update', '-q']);
  apt(['install', '-y', '-q', ...packages]);
  const still = missingBrowsers(engines);
  if (still.length) throw new Error(`Still missing after apt-get install: ${still.map((m) => m.file).join(', ')}.`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check, timeoutMs, what, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited with code ${child.exitCode}.`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms.`);
    await sleep(100);
  }
}

/** Sends `signal` to a process group started with `detached: true`, falling back to the pid. */
function signal(child, sig) {
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      process.kill(child.pid, sig);
    } catch {
      // already gone
    }
  }
}

/** Stops a child (and its process group) by pid: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child, graceMs = 3000) {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signal(child, 'SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signal(child, 'SIGKILL');
    await Promise.race([exited, sleep(1000)]);
  }
}

/**
 * Starts Xvfb and WebKitWebDriver for the WebKit runs. Prefers display :99 and
 * port 4444 but moves to a free display / port when another run holds them.
 * Returns `{ display, port, env, stop }`; `env` is what the test runner needs.
 */
export async function startWebkitServices({ log = console.error } = {}) {
  for (const [name, file] of [
    ['Xvfb', paths.xvfb],
    ['WebKitWebDriver', paths.webkitDriver],
    ['MiniBrowser', paths.webkitBrowser],
  ]) {
    if (!existsSync(file)) throw new Error(`${name} not found at ${file} (Debian packages xvfb, webkit2gtk-driver).`);
  }

  const children = [];
  const stop = async () => {
    const running = children.splice(0).reverse();
    for (const child of running) await stopProcess(child);
  };

  try {
    let displayNumber = 99;
    while (existsSync(`/tmp/.X${displayNumber}-lock`) || existsSync(`/tmp/.X11-unix/X${displayNumber}`)) {
      displayNumber += 1;
      if (displayNumber > 199) throw new Error('No free X display between :99 and :199.');
    }
    const display = `:${displayNumber}`;
    const xvfb = spawn(paths.xvfb, [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-ac'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    children.push(xvfb);
    let xvfbErr = '';
    xvfb.stderr.on('data', (chunk) => (xvfbErr += chunk));
    await waitFor(() => existsSync(`/tmp/.X11-unix/X${displayNumber}`), 15000, `Xvfb ${display}`, xvfb).catch(
      (error) => {
        throw new Error(`${error.message}\n${xvfbErr.trim()}`);
      },
    );

    let port = webdriverPort();
    if (!(await portIsFree(port))) {
      const busy = port;
      port = await freePort();
      log(`[browsers] port ${busy} is taken; WebKitWebDriver uses ${port}`);
    }
    const driver = spawn(paths.webkitDriver, [`--port=${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: { ...process.env, DISPLAY: display },
    });
    children.push(driver);
    let driverErr = '';
    driver.stderr.on('data', (chunk) => (driverErr += chunk));
    const ready = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
        return response.ok;
      } catch {
        return false;
      }
    };
    await waitFor(ready, 20000, `WebKitWebDriver on port ${port}`, driver).catch((error) => {
      throw new Error(`${error.message}\n${driverErr.trim()}`);
    });

    log(`[browsers] Xvfb ${display} (pid ${xvfb.pid}), WebKitWebDriver :${port} (pid ${driver.pid})`);
    return {
      display,
      port,
      env: { DISPLAY: display, SEGKIT_WEBDRIVER_PORT: String(port) },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

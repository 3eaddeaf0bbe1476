/**
 * What the e2e tests share: opening the demo, waiting like a user does
 * (until something shows), screenshots, building the no-bundler files. Locators pierce open shadow
 * roots, so tests find the elements' controls by role and accessible name.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { assert };

/** Opens the demo at `hash` and waits until the app has started. */
export async function openDemo(context, url, hash = '#/ambassadors') {
  const page = await context.newPage();
  await page.goto(url + hash);
  await page.locator('html[data-ready="true"]').waitFor({ timeout: 20_000 });
  return page;
}

/** Retries `check` (which throws until satisfied) for up to `timeout` ms. */
export async function eventually(check, { timeout = 10_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/** Waits until the locator's text contains (string) or matches (RegExp) `expected`. */
export async function expectText(locator, expected, timeout = 10_000) {
  await eventually(
    async () => {
      const text = (await locator.first().innerText()).replace(/\s+/g, ' ');
      if (typeof expected === 'string' ? !text.includes(expected) : !expected.test(text)) {
        throw new assert.AssertionError({ message: `expected text ${expected} in "${text.slice(0, 300)}"` });
      }
    },
    { timeout },
  );
}

/** Screenshot into test-results/screenshots/<name>.png (after fonts and a frame). */
export async function screenshot(page, root, name, options = {}) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(root, 'test-results/screenshots', `${name}.png`), ...options });
}

/** The number in a text like "4,215 members" (commas removed). */
export function numberIn(text) {
  const match = /(\d[\d,]*)/.exec(text);
  if (!match) throw new assert.AssertionError({ message: `no number in "${text}"` });
  return Number(match[1].replace(/,/g, ''));
}

/** Goes to a page through the main navigation, by its link name. */
export async function navigate(page, name) {
  const nav = page.getByRole('navigation', { name: 'Main' }).filter({ visible: true }).first();
  await nav.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
}

/** Opens the demo's settings dialog and returns it. */
export async function openSettings(page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Demo settings' });
  await dialog.waitFor();
  return dialog;
}

/**
 * Builds one of @segkit/elements' no-bundler configs from source into
 * `outDir` (emptied first): `bundle` is dist/segkit.js (vite.bundle.config.ts),
 * `memory` dist/segkit-memory.js (vite.memory.config.ts),
 * `loader` the lazy loader with its chunks (vite.loader.config.ts).
 */
export function buildElements(root, kind, outDir) {
  return new Promise((resolve, reject) => {
    const vite = join(dirname(fileURLToPath(import.meta.resolve('vite/package.json'))), 'bin/vite.js');
    const config = join(root, `packages/elements/vite.${kind}.config.ts`);
    const child = spawn(process.execPath, [vite, 'build', '--config', config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build of the ${kind} exited with ${code}`))));
  });
}

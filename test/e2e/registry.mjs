/**
 * The e2e tests register here (`test(name, fn, { context })`); scripts/e2e.mjs
 * imports every `*.e2e.mjs` file and runs them in order, each in a fresh
 * browser context (`context` options: viewport, colorScheme, ...).
 */

/** @typedef {{ context: import('playwright-core').BrowserContext, url: string, root: string, errors: string[] }} TestArgs */

/** @type {Array<{ name: string, fn: (args: TestArgs) => Promise<void>, context: object, timeoutMs?: number }>} */
export const tests = [];

/**
 * @param {string} name
 * @param {(args: TestArgs) => Promise<void>} fn
 * @param {{ context?: import('playwright-core').BrowserContextOptions, timeoutMs?: number }} [options]
 *   `timeoutMs`: a hang guard for a test that walks many pages (default: the runner's)
 */
export function test(name, fn, options = {}) {
  tests.push({ name, fn, context: options.context ?? {}, timeoutMs: options.timeoutMs });
}

/**
 * A hostile host: the built demo served with a strict Content-Security-Policy
 * (no inline scripts or styles, no eval, nothing but the page's own origin).
 * The widgets must render and work, and the browser must report no violation.
 */
import { join } from 'node:path';
import { Demo } from './demo.mjs';
import { assert, navigate, openDemo } from './helpers.mjs';
import { test } from './registry.mjs';
import { serveStatic } from './server.mjs';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

test('works under a strict Content-Security-Policy with no violation', async ({ context, root }) => {
  const server = await serveStatic(join(root, 'demo/dist'), { prefix: '/csp/', headers: { 'Content-Security-Policy': POLICY } });
  try {
    const violations = [];
    context.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await openDemo(context, server.url);
    const demo = new Demo(page);
    // The grid renders rows with their chips, and a change goes through.
    await demo.rows.first().waitFor();
    const vips = await demo.count('VIPs');
    await demo.rows.nth(0).getByRole('checkbox').click();
    await demo.picker.getByRole('button', { name: 'Add to segment' }).click();
    const popover = demo.picker.getByRole('dialog');
    await popover.getByRole('option', { name: /^VIPs\b/ }).click();
    await popover.getByRole('button', { name: 'Add', exact: true }).click();
    await demo.focusBack();
    const after = await demo.count('VIPs');
    assert.ok(after === vips + 1 || after === vips, `VIPs count moved by at most one (${vips} -> ${after})`);
    // Every page renders its widgets (segment colours, avatars, chips) without a violation.
    for (const name of ['Segments', 'Audience', 'Invite links', 'Ambassadors']) await navigate(page, name);
    const inPage = await page.evaluate(() => window.__cspViolations ?? []);
    assert.deepEqual([...violations, ...inPage], [], 'no Content-Security-Policy violation');
    // The styles really applied (constructed style sheets are allowed under style-src 'self').
    const height = await demo.rows.first().evaluate((row) => row.getBoundingClientRect().height);
    assert.ok(height >= 40 && height <= 64, `rows are styled (height ${height})`);
  } finally {
    await server.close();
  }
});

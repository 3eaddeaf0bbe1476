/**
 * A host that enforces Trusted Types (`require-trusted-types-for 'script'`)
 * on top of the strict CSP of csp.e2e.mjs, and carries two copies of the
 * one-file bundle (`@segkit/elements/dist/segkit.js`, built here from source
 * into a temporary folder), as a page with two plugins would. The widgets
 * need one policy name, Lit's `lit-html`, created once per copy (hence
 * `'allow-duplicates'`). All seven tags must render and work; nothing may
 * throw, log an error or report a violation.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, buildElements, eventually } from './helpers.mjs';
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
  "require-trusted-types-for 'script'",
  "trusted-types lit-html 'allow-duplicates'",
].join('; ');


const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Two plugins, Trusted Types</title>
  <link rel="icon" href="data:,">
  <script type="module" src="./plugin-a/segkit.js"></script>
  <script type="module" src="./plugin-b/segkit.js"></script>
  <script type="module" src="./page.js"></script>
</head>
<body>
  <segkit-provider>
    <segkit-segment-filter></segkit-segment-filter>
    <segkit-segment-picker></segkit-segment-picker>
    <segkit-member-table></segkit-member-table>
    <segkit-segment-list></segkit-segment-list>
    <segkit-audience name="audience"></segkit-audience>
    <segkit-invite-link segment-id="vips" base-url="https://example.com/join"></segkit-invite-link>
  </segkit-provider>
</body>
</html>`;

// The host's own script: a store by hand from copy A over the memory adapter's own
// file (decision 039); copy B's list class registered under another name, so the
// second copy of Lit renders too.
const SCRIPT = `import { createSegmentStore } from './plugin-a/segkit.js';
import { createMemoryAdapter } from './memory/segkit-memory.js';
import { SegkitSegmentList } from './plugin-b/segkit.js';
const now = Date.UTC(2026, 0, 1);
const iso = (t) => new Date(t).toISOString();
const segments = [
  { id: 'vips', name: 'VIPs', createdAt: iso(now), updatedAt: iso(now) },
  { id: 'creators', name: 'Content Creators', color: '#7c3aed', createdAt: iso(now), updatedAt: iso(now) },
];
const members = Array.from({ length: 30 }, (_, i) => ({
  id: 'm' + i,
  name: 'Member ' + i,
  email: 'member' + i + '@example.com',
  attributes: {},
  segmentIds: i % 3 === 0 ? ['vips'] : [],
  createdAt: iso(now + i * 60000),
}));
const store = createSegmentStore({ adapter: createMemoryAdapter({ members, segments }) });
document.querySelector('segkit-provider').store = store;
customElements.define('plugin-b-segment-list', SegkitSegmentList);
const other = document.createElement('plugin-b-segment-list');
other.store = store;
document.body.append(other);
`;

const TAGS = [
  'segkit-provider',
  'segkit-segment-filter',
  'segkit-segment-picker',
  'segkit-member-table',
  'segkit-segment-list',
  'segkit-audience',
  'segkit-invite-link',
];

test('Trusted Types: two copies of the one-file bundle under require-trusted-types-for, seven tags work, nothing throws', async ({ context, root, errors }) => {
  const dir = mkdtempSync(join(tmpdir(), 'segkit-tt-'));
  let server;
  try {
    await buildElements(root, 'bundle', join(dir, 'plugin-a'));
    await buildElements(root, 'memory', join(dir, 'memory'));
    mkdirSync(join(dir, 'plugin-b'));
    copyFileSync(join(dir, 'plugin-a/segkit.js'), join(dir, 'plugin-b/segkit.js'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'page.js'), SCRIPT);
    server = await serveStatic(dir, { prefix: '/tt/', headers: { 'Content-Security-Policy': POLICY } });

    const problems = [];
    context.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|Content-Security-Policy|Trusted ?Type/i.test(message.text())) problems.push(`console.${message.type()}: ${message.text()} (${message.location().url})`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    await page.goto(server.url);

    // The page really enforces Trusted Types: a plain string into innerHTML is refused.
    const enforced = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return false;
      } catch (error) {
        return error instanceof TypeError;
      }
    });
    assert.ok(enforced, 'the page enforces Trusted Types');
    problems.length = 0; // that refusal was ours
    await page.evaluate(() => (window.__cspViolations = []));

    // Every tag is defined and has rendered into its shadow root.
    for (const tag of TAGS) {
      await eventually(async () => {
        const rendered = await page.evaluate((name) => {
          const el = document.querySelector(name);
          return Boolean(customElements.get(name) && el?.shadowRoot && el.shadowRoot.childNodes.length > 0);
        }, tag);
        assert.ok(rendered, `${tag} rendered`);
      });
    }
    // The table shows members, the lists show the segments, in both copies.
    const table = page.locator('segkit-member-table');
    await table.getByRole('row', { name: /Member 0\b/ }).first().waitFor();
    await page.locator('segkit-segment-list').getByText('Content Creators').first().waitFor();
    await page.locator('plugin-b-segment-list').getByText('Content Creators').first().waitFor();

    // They work: filter to VIPs, add a member to a segment with the picker, create a link, set an audience.
    const filter = page.locator('segkit-segment-filter');
    await filter.getByRole('button', { name: 'Include VIPs', exact: true }).click();
    await filter.getByRole('button', { name: 'Apply' }).click();
    await eventually(async () => assert.equal(await table.getByRole('row', { name: /Member 1\b/ }).count(), 0, 'Member 1 (not a VIP) is filtered out'));
    await table.getByRole('row', { name: /Member 3\b/ }).first().getByRole('checkbox').click();
    const picker = page.locator('segkit-segment-picker');
    await picker.getByRole('button', { name: 'Add to segment' }).click();
    await picker.getByRole('dialog').getByRole('option', { name: /^Content Creators\b/ }).click();
    await picker.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(async () => {
      const chips = await table.getByRole('row', { name: /Member 3\b/ }).first().textContent();
      assert.match(chips ?? '', /Content Creators/, 'Member 3 now shows the Content Creators chip');
    });
    const links = page.locator('segkit-invite-link');
    await links.getByRole('button', { name: 'Create link' }).click();
    await links.getByText('Link created').first().waitFor();
    await page.locator('segkit-audience').getByRole('button', { name: 'Include Content Creators', exact: true }).click();

    const inPage = await page.evaluate(() => window.__cspViolations ?? []);
    assert.deepEqual([...problems, ...inPage, ...errors], [], 'no error, no console error, no CSP or Trusted Types violation');
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

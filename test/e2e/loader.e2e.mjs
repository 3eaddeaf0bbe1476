/**
 * The lazy loader without a bundler (`dist/segkit-loader.js`, built here from
 * source into a temporary folder with packages/elements/vite.loader.config.ts),
 * as a host page uses it: one script tag, then segkit tags. A page with only
 * a provider and a picker gets a working picker (even when the provider is
 * defined after it) and fetches no other widget's chunk, and, since it gives
 * the provider `.store`, neither the REST adapter's nor the cache's
 * (decision 032), nor any Spanish until a picker in Spanish appears; a tag added later
 * is defined then; a tag inside a shadow root handed to `observe()` too; a
 * second copy of the loader is harmless and fetches nothing twice
 * (decision 026).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, buildElements, eventually } from './helpers.mjs';
import { test } from './registry.mjs';
import { serveStatic } from './server.mjs';


const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Loader: a picker only</title>
  <link rel="icon" href="data:,">
  <script type="module" src="./segkit-loader.js"></script>
  <script type="module" src="./page.js"></script>
</head>
<body>
  <segkit-provider>
    <segkit-segment-picker member-ids="m1"></segkit-segment-picker>
  </segkit-provider>
</body>
</html>`;

// The host's own script: a store by hand, from the entry beside the loader that has no REST adapter or cache.
const SCRIPT = `import { createMemoryAdapter, createSegmentStore } from './segkit-core.js';
const now = Date.UTC(2026, 0, 1);
const iso = (t) => new Date(t).toISOString();
const segments = [
  { id: 'vips', name: 'VIPs', createdAt: iso(now), updatedAt: iso(now) },
  { id: 'creators', name: 'Content Creators', createdAt: iso(now), updatedAt: iso(now) },
];
const members = Array.from({ length: 5 }, (_, i) => ({ id: 'm' + i, name: 'Member ' + i, attributes: {}, segmentIds: [], createdAt: iso(now) }));
window.store = createSegmentStore({ adapter: createMemoryAdapter({ members, segments }) });
await customElements.whenDefined('segkit-provider');
document.querySelector('segkit-provider').store = window.store;
`;

const OTHER_WIDGETS = /segkit-chunks\/(member-table|segment-filter|segment-list|audience|invite-link|rules)[.-]/;

test('Lazy loader: a provider and a picker load only their code; later tags, shadow roots and a second copy work', async ({ context, root, errors }) => {
  const dir = mkdtempSync(join(tmpdir(), 'segkit-loader-'));
  let server;
  let page;
  try {
    await buildElements(root, 'loader', dir);
    // A second copy of the loader, as a second plugin would ship it.
    const files = readdirSync(dir);
    for (const name of files) cpSync(join(dir, name), join(dir, 'copy', name), { recursive: true });
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'page.js'), SCRIPT);
    server = await serveStatic(dir, { prefix: '/lazy/' });

    const consoleErrors = [];
    context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(`console.${message.type()}: ${message.text()}`);
    });
    const fetched = [];
    context.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    // The provider's chunk arrives after the picker is defined (the network's order is anyone's):
    // the picker must still get its store from the provider.
    await context.route('**/segkit-chunks/provider-*', async (route) => {
      await page.waitForFunction(() => customElements.get('segkit-segment-picker'));
      await route.continue();
    });
    page = await context.newPage();
    await page.goto(server.url);

    // The picker works: add Member 1 to VIPs.
    const picker = page.locator('segkit-segment-picker');
    await picker.getByRole('button', { name: 'Add to segment' }).click();
    await picker.getByRole('dialog').getByRole('option', { name: /^VIPs\b/ }).click();
    await picker.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await picker.getByText('Added 1 member to VIPs').first().waitFor();

    const chunks = () => fetched.filter((path) => path.includes('/segkit-chunks/'));
    assert.ok(chunks().some((path) => /segkit-chunks\/segment-picker-/.test(path)), `the picker's chunk was fetched: ${chunks().join(', ')}`);
    assert.deepEqual(chunks().filter((path) => OTHER_WIDGETS.test(path)), [], 'no other widget’s chunk was fetched');
    assert.deepEqual(chunks().filter((path) => /segkit-chunks\/(rest|idb)-/.test(path)), [], 'the provider was given .store: no REST adapter or cache was fetched');
    // English only: no other language was fetched. A picker in Spanish loads its Spanish (and the shared
    // strings' Spanish) then, and shows it (decision 032).
    const spanish = () => chunks().filter((path) => /segkit-chunks\/_segkit-locale_es_/.test(path));
    assert.deepEqual(spanish(), [], 'an English page fetched no Spanish');
    await page.evaluate(() => {
      const es = document.createElement('segkit-segment-picker');
      es.lang = 'es';
      es.setAttribute('member-ids', 'm2');
      document.querySelector('segkit-provider').append(es);
    });
    await page.locator('segkit-segment-picker[lang="es"]').getByRole('button', { name: 'Añadir al segmento' }).waitFor();
    assert.deepEqual(spanish().map((path) => /_es_([A-Za-z]+)-/.exec(path)[1]).sort(), ['commonStrings', 'segmentPickerStrings'], 'the picker’s and the shared Spanish were fetched');
    assert.ok(await page.locator('segkit-segment-picker:not([lang])').getByRole('button', { name: 'Add to segment' }).isVisible(), 'the English picker stays English');

    const defined = () => page.evaluate(() => ['segkit-member-table', 'segkit-segment-list', 'segkit-audience'].filter((tag) => customElements.get(tag)));
    assert.deepEqual(await defined(), [], 'the tags not on the page are not defined');

    // A tag added later is defined then, and shows the members.
    await page.evaluate(() => {
      const table = document.createElement('segkit-member-table');
      table.style.height = '300px';
      document.querySelector('segkit-provider').append(table);
    });
    await page.locator('segkit-member-table').getByRole('row', { name: /Member 1\b/ }).first().waitFor();
    assert.ok(chunks().some((path) => /segkit-chunks\/member-table-/.test(path)), 'the table’s chunk was fetched when the tag appeared');

    // A second copy of the loader at another URL, then a new tag: defined once, by the first copy; the
    // second fetches no chunk of its own.
    await page.evaluate(() => import('./copy/segkit-loader.js'));
    await page.evaluate(() => document.querySelector('segkit-provider').append(document.createElement('segkit-segment-list')));
    await page.locator('segkit-segment-list').getByText('Content Creators').first().waitFor();
    assert.deepEqual(fetched.filter((path) => path.includes('/copy/segkit-chunks/')), [], 'the second copy fetched no chunk');

    // Inside a shadow root handed to observe().
    await page.evaluate(async () => {
      const { observe } = await import('./segkit-loader.js');
      const host = document.createElement('div');
      const shadow = host.attachShadow({ mode: 'open' });
      document.querySelector('segkit-provider').append(host);
      observe(shadow);
      shadow.append(document.createElement('segkit-audience'));
    });
    await eventually(async () => assert.ok(await page.evaluate(() => Boolean(customElements.get('segkit-audience'))), 'segkit-audience is defined'));

    const twice = chunks().filter((path, i, all) => all.indexOf(path) !== i);
    assert.deepEqual(twice, [], 'no chunk was fetched twice');
    assert.deepEqual([...consoleErrors, ...errors], [], 'no error or warning');
  } finally {
    await page?.close(); // no request left in flight when the folder goes
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The WordPress plugin example (examples/wordpress/segkit-segments): its PHP
 * passes `php -l`; the block's and the shortcode's front-end markup, rendered
 * by the plugin's own PHP (examples/wordpress/harness/render-page.php stubs
 * the few WordPress functions it calls), works in Chromium with the lazy
 * loader enqueued through the Script Modules API's import map, against the
 * mock backend served over HTTP at the site's `/wp-json/segkit/v1`.
 * WordPress itself is not run (no database here): the harness is the seam.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ensureBrowsers, paths } from '../../scripts/browsers.mjs';
import { newest } from '../../scripts/e2e.mjs';
import { assert, buildElements, eventually } from './helpers.mjs';
import { test } from './registry.mjs';

const API = '/wp-json/segkit/v1';
const PLUGIN = '/wp-content/plugins/segkit-segments';

function php(args, cwd) {
  const result = spawnSync(paths.php, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`php ${args.join(' ')} exited with ${result.status}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

function phpFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return phpFiles(path);
    return entry.name.endsWith('.php') ? [path] : [];
  });
}

/**
 * The lazy loader's files (segkit-loader.js, segkit-store.js, segkit-chunks/):
 * packages/elements/dist when they are newer than every package's sources,
 * else built into `outDir` with packages/elements/vite.loader.config.ts.
 */
async function loaderBuild(root, outDir) {
  const dist = join(root, 'packages/elements/dist');
  const files = ['segkit-loader.js', 'segkit-store.js', 'segkit-chunks'];
  const sources = readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'src'));
  const fresh = files.every((f) => existsSync(join(dist, f))) && sources.every((dir) => newest(dir) < statSync(join(dist, 'segkit-loader.js')).mtimeMs);
  if (!fresh) await buildElements(root, 'loader', outDir);
  const from = fresh ? dist : outDir;
  return files.map((f) => join(from, f));
}

/** The mock backend over real HTTP (@segkit/conformance's serveMock, built from source like scripts/conformance.mjs does). */
async function serveMock(root) {
  const outfile = join(root, 'node_modules/.cache/segkit-wordpress/serve-mock.mjs');
  await build({ entryPoints: [join(root, 'packages/conformance/src/node.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', conditions: ['source'], external: ['msw'], outfile, logLevel: 'warning' });
  const kit = await import(pathToFileURL(outfile).href);
  return kit.serveMock({ size: 120, seed: 3 });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

/** The "site": static files from `dir`, and `/wp-json/segkit/v1/*` forwarded to the mock (each request's headers recorded). */
function serveSite(dir, mockBaseUrl, seen) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    if (url.pathname.startsWith(`${API}/`)) {
      seen.push({ method: req.method, path: url.pathname, nonce: req.headers['x-wp-nonce'] });
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)));
      const answer = await fetch(`${mockBaseUrl}${url.pathname.slice(API.length)}${url.search}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      const out = {};
      answer.headers.forEach((value, name) => (name === 'content-encoding' || name === 'content-length' ? null : (out[name] = value)));
      res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    let file = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end('Not found');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
      }),
    ),
  );
}

test('WordPress: the plugin block and shortcodes render the widgets over the site REST endpoint', async ({ context, root }) => {
  ensureBrowsers(['php']);
  const example = join(root, 'examples/wordpress');
  for (const file of phpFiles(example)) assert.match(php(['-l', file]), /No syntax errors/, `php -l ${file}`);

  const site = mkdtempSync(join(tmpdir(), 'segkit-wp-'));
  const seen = [];
  let mock;
  let server;
  try {
    const plugin = join(site, PLUGIN);
    cpSync(join(example, 'segkit-segments'), plugin, { recursive: true });
    for (const file of await loaderBuild(root, join(site, 'build'))) cpSync(file, join(plugin, 'assets/segkit', basename(file)), { recursive: true });

    const html = php([join(example, 'harness/render-page.php'), PLUGIN, API, '1']);
    // Every value the plugin prints is escaped: a hostile segment id stays an attribute value.
    assert.ok(!html.includes('<img src=x'), 'the segment id is escaped');
    assert.ok(html.includes('"@segkit/loader":"/wp-content/plugins/segkit-segments/assets/segkit/segkit-loader.js?ver=0.1.0"'), 'the import map names the lazy loader');
    mkdirSync(join(site, 'members'));
    writeFileSync(join(site, 'members/index.html'), html);
    // A visitor who may not manage segments gets no widgets and no script.
    const guest = php([join(example, 'harness/render-page.php'), PLUGIN, API, 'guest']);
    assert.ok(!guest.includes('segkit-provider') && !guest.includes('type="module"'), 'a guest gets nothing');

    mock = await serveMock(root);
    server = await serveSite(site, mock.baseUrl, seen);
    const page = await context.newPage();
    const errors = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${server.url}/members/`);

    const block = page.locator('.wp-block-segkit-segments');
    const grid = block.getByRole('grid', { name: 'Members' });
    const rows = grid.getByRole('row').filter({ has: page.getByRole('checkbox', { name: /^Select (?!all)/ }) });
    await rows.first().waitFor({ timeout: 15_000 });
    assert.equal(Number(await grid.getAttribute('aria-rowcount')) - 1, 120, 'the table shows the site’s 120 members');
    assert.ok(await page.locator('img[src=x]').count() === 0, 'nothing injected');

    // Add to segment from the block's toolbar.
    await rows.nth(0).getByRole('checkbox').click();
    await rows.nth(1).getByRole('checkbox').click({ modifiers: ['Shift'] });
    const picker = block.locator('segkit-segment-picker');
    await picker.getByRole('button', { name: 'Add to segment' }).click();
    await picker.getByRole('dialog').getByRole('option', { name: /^High Priority\b/ }).click();
    await picker.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await picker.getByText(/^Added 2 members to High Priority/).waitFor();
    await eventually(() => assert.ok(seen.some((r) => r.method === 'POST' && r.path === `${API}/memberships`), 'the change reached the site’s endpoint'));

    // The shortcode's segment list shares the block's store: one list of segments for the page.
    const list = page.locator('.segkit-segments segkit-segment-list');
    await list.getByText('High Priority').first().waitFor();
    assert.equal(seen.filter((r) => r.method === 'GET' && r.path === `${API}/segments`).length, 1, 'the segments are loaded once for all blocks');

    // Every request carried WordPress's REST nonce (cookie authentication).
    assert.ok(seen.length > 0 && seen.every((r) => r.nonce === seen[0].nonce && /^[0-9a-f]{10}$/.test(r.nonce)), `X-WP-Nonce on every request: ${JSON.stringify(seen.map((r) => r.nonce))}`);
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await server?.close();
    await mock?.close();
    rmSync(site, { recursive: true, force: true });
  }
});

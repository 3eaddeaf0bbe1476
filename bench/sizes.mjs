/**
 * The size figures (min+gzip, each file gzipped alone as a server sends it):
 * the packages, the one-file widget set as vite.bundle.config.ts builds it,
 * the lazy loader's files as vite.loader.config.ts builds them (the loader
 * alone, each widget's own chunks, a page with the provider and one widget),
 * and a bundler's build of the provider and picker entry points. Six
 * builds in memory, a few seconds. Used by `npm run bench` (bench/run.mjs)
 * and by `npm test` (scripts/check-size.mjs), both against bench/budgets.json.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { attribute, buildOneFile } from '../scripts/bundle-report.mjs';
import { cssLiteralsPlugin } from '../scripts/minify-css-literals.mjs';
import { htmlLiteralsPlugin } from '../scripts/minify-html-literals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const elements = join(root, 'packages/elements');
export const WIDGETS = ['member-table', 'segment-picker', 'segment-filter', 'segment-list', 'audience', 'invite-link'];

function sizes(code) {
  const buffer = Buffer.from(code);
  return { bytes: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length, brotli: brotliCompressSync(buffer).length };
}

function outputsOf(output) {
  return (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
}

/**
 * Bundles `entries` (minified, ESM, dependencies inlined except `external`) into one file; returns its code. Also builds the bench's page script (bench/run.mjs).
 * With `{ eager: true }` it splits as a host's bundler does (a dynamic `import()` becomes a chunk of its own) and
 * returns only the code a page loads up front: the entry and its static imports (decision 032).
 * With `{ source }` the entry is that module text instead of `export * from` each of `entries` (a bench page's script).
 */
export async function bundle(entries, external = [], { eager = false, source } = {}) {
  const virtual = 'size-entry.js'; // resolved by the plugin below, never a file
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    resolve: { conditions: ['source'] },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      cssLiteralsPlugin(), // as in every build of @segkit/elements
      htmlLiteralsPlugin(),
      {
        name: 'size-entry',
        resolveId: (id) => (id.endsWith(virtual) ? `\0${virtual}` : null),
        load: (id) => (id === `\0${virtual}` ? (source ?? entries.map((e) => `export * from ${JSON.stringify(join(root, e))};`).join('\n')) : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: virtual, formats: ['es'], fileName: 'bundle' },
      rolldownOptions: {
        external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { codeSplitting: eager, minify: true },
      },
    },
  });
  const chunks = outputsOf(output);
  if (!eager) return chunks.map((o) => o.code).join('\n');
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  return closure(byName, chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName))
    .map((name) => byName.get(name).code)
    .join('\n');
}

/** The loader's build (vite.loader.config.ts) in memory: its chunks by file name. */
async function loaderBuild() {
  const output = await build({ configFile: join(elements, 'vite.loader.config.ts'), logLevel: 'silent', build: { write: false, sourcemap: false } });
  return new Map(outputsOf(output).map((chunk) => [chunk.fileName, chunk]));
}

/** The files a browser fetches for `starts` (file names): each with its static imports, once. */
function closure(chunks, starts) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
  };
  starts.forEach(visit);
  return [...seen];
}

const gzipOf = (chunks, names) => names.reduce((sum, name) => sum + gzipSync(chunks.get(name).code, { level: 9 }).length, 0);
const bytesOf = (chunks, names) => names.reduce((sum, name) => sum + Buffer.byteLength(chunks.get(name).code), 0);

/**
 * Every size figure: `{ rows, report }`. `rows` are `{ name, bytes, gzip, baseline? }`
 * (their names are the keys of bench/budgets.json's `size`); `report` is the
 * one-file set by group (scripts/bundle-report.mjs).
 */
export async function measureSizes() {
  const rows = [];
  const add = (name, s, extra = {}) => rows.push({ name, bytes: s.bytes, gzip: s.gzip, ...(s.brotli ? { brotli: s.brotli } : {}), ...extra });

  add('core (with nanostores, valibot), min+gzip', sizes(await bundle(['packages/core/src/index.ts'])));
  add('rest, min+gzip', sizes(await bundle(['packages/rest/src/index.ts'], ['@segkit/core'])));
  add('idb (with idb), min+gzip', sizes(await bundle(['packages/idb/src/index.ts'], ['@segkit/core'])));

  const oneFile = await buildOneFile();
  const whole = sizes(oneFile.code);
  add('all widgets + core + rest + idb + lit, one file, min+gzip', whole);
  const report = attribute(oneFile.code, oneFile.map, join(elements, 'dist'));
  // The memory adapter beside it, for a page with no backend (decision 039).
  add('memory adapter, one file (segkit-memory.js), min+gzip', sizes((await buildOneFile('memory')).code));

  // A bundler's build of two entry points: what `import '@segkit/elements/provider'` and `/segment-picker` load up
  // front (the REST adapter and the cache the provider loads only for a store it makes are chunks of their own).
  const entryPoints = ['packages/elements/src/define/provider.ts', 'packages/elements/src/define/segment-picker.ts'];
  add('entry points provider + segment-picker, bundled, min+gzip', sizes(await bundle(entryPoints, [], { eager: true })), {
    baseline: whole.gzip,
    baselineName: 'one-file set',
  });

  // The lazy loader: its file alone; per widget, its own chunks (what no other widget loads) and a whole page.
  const chunks = await loaderBuild();
  const loader = 'segkit-loader.js';
  add('loader alone (segkit-loader.js), min+gzip', { bytes: bytesOf(chunks, [loader]), gzip: gzipOf(chunks, [loader]) });
  // Core as every widget loads it: the store, model, schema, query (no memory adapter, decision 032).
  const coreChunk = [...chunks.keys()].filter((name) => /^segkit-chunks\/core-[^/]*\.js$/.test(name));
  add('loader: core chunk (store, no memory adapter), min+gzip', { bytes: bytesOf(chunks, coreChunk), gzip: gzipOf(chunks, coreChunk) });
  const chunkOf = (name) => [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(`/src/define/${name}.ts`))?.fileName;
  const provider = closure(chunks, [loader, chunkOf('provider')]);
  add('loader + provider page, min+gzip', { bytes: bytesOf(chunks, provider), gzip: gzipOf(chunks, provider) });
  const others = (name) => new Set(closure(chunks, [loader, ...['provider', ...WIDGETS].filter((w) => w !== name).map(chunkOf)]));
  for (const widget of WIDGETS) {
    const page = closure(chunks, [loader, chunkOf('provider'), chunkOf(widget)]);
    const rest = others(widget);
    const own = page.filter((name) => !rest.has(name));
    add(`${widget}: own chunks, min+gzip`, { bytes: bytesOf(chunks, own), gzip: gzipOf(chunks, own) });
    add(`loader + provider + ${widget} page, min+gzip`, { bytes: bytesOf(chunks, page), gzip: gzipOf(chunks, page) }, { baseline: whole.gzip, baselineName: 'one-file set', files: page.length });
  }
  return { rows, report };
}

#!/usr/bin/env node
/**
 * What each part of the one-file widget set (`dist/segkit.js`) costs.
 *
 *   node scripts/bundle-report.mjs            the table, built the way vite.bundle.config.ts builds it
 *   node scripts/bundle-report.mjs --json     the same as JSON
 *
 * The file is built in memory with its source map; every byte of the
 * minified output is given to the source module the map says it came from,
 * and modules are put in groups (lit, valibot, nanostores, the core store,
 * the rest of core, rest, idb, each widget, elements/internal, strings,
 * styles, ...). For each group: its minified bytes, and its share of the
 * file's gzip size (the group's own bytes gzipped alone, scaled so the shares
 * add up to the whole file's gzip). `npm run bench` puts the table in
 * bench/results.json.
 */
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { decode } from '@jridgewell/sourcemap-codec';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The group of a source path (relative to the repository, `/` separators). */
export function groupOf(path) {
  const rules = [
    [/node_modules\/@lit\/context\//, 'lit: @lit/context'],
    [/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//, 'lit'],
    [/node_modules\/valibot\//, 'valibot'],
    [/node_modules\/nanostores\//, 'nanostores'],
    [/node_modules\/idb\//, 'idb (library)'],
    [/node_modules\//, 'other libraries'],
    [/packages\/core\/src\/store\//, 'core: store'],
    // The store's invites share memory-checks.ts; the rest is the memory adapter's (dist/segkit-memory.js, decision 039).
    [/packages\/core\/src\/memory(-ids|-index|-sort|-write)?\.ts$/, 'core: memory adapter'],
    [/packages\/core\/src\//, 'core: model, schema, query, rules'],
    [/packages\/rest\/src\//, 'rest'],
    [/packages\/idb\/src\//, 'idb'],
    [/packages\/elements\/src\/.*\.strings\.ts$/, 'elements: strings'],
    [/packages\/elements\/src\/.*\.styles\.ts$|packages\/elements\/src\/internal\/theme\.ts$/, 'elements: styles'],
    [/packages\/elements\/src\/internal\//, 'elements: internal'],
    [/packages\/elements\/src\/(rules|events|define)\//, 'elements: rules, events, define'],
    [/packages\/elements\/src\/([a-z-]+)\//, (m) => `widget: ${m[1]}`],
    [/packages\/elements\/src\//, 'elements: entries, context'],
  ];
  for (const [pattern, name] of rules) {
    const m = pattern.exec(path);
    if (m) return typeof name === 'function' ? name(m) : name;
  }
  return 'other';
}

/**
 * Builds the one-file set in memory, as packages/elements/vite.bundle.config.ts does; returns `{ code, map }`.
 * `kind` 'memory': dist/segkit-memory.js instead (vite.memory.config.ts).
 */
export async function buildOneFile(kind = 'bundle') {
  const output = await build({
    configFile: join(root, `packages/elements/vite.${kind}.config.ts`),
    logLevel: 'silent',
    build: { write: false, sourcemap: true },
  });
  const chunk = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).find((o) => o.type === 'chunk' && o.fileName === (kind === 'memory' ? 'segkit-memory.js' : 'segkit.js'));
  return { code: chunk.code, map: typeof chunk.map === 'string' ? JSON.parse(chunk.map) : chunk.map };
}

/**
 * Gives every byte of `code` to a group through its source `map`. Returns the
 * rows (group, bytes, share of gzip) largest first, and the totals.
 */
export function attribute(code, map, sourceRoot) {
  const lines = code.split('\n');
  const mappings = decode(map.sources ? map.mappings : '');
  const groups = new Map();
  const add = (group, text) => {
    if (!text) return;
    const parts = groups.get(group) ?? [];
    parts.push(text);
    groups.set(group, parts);
  };
  const names = map.sources.map((source) => {
    const abs = join(sourceRoot, source);
    return groupOf(relative(root, abs).split(sep).join('/'));
  });
  // A line with no mapping is the inside of a multi-line template literal
  // (CSS, HTML): it belongs to the group of the code before it.
  let group = 'unmapped';
  lines.forEach((line, i) => {
    const segments = mappings[i] ?? [];
    let last = 0;
    for (const segment of segments) {
      add(group, line.slice(last, segment[0]));
      last = segment[0];
      group = segment.length > 1 ? names[segment[1]] : 'unmapped';
    }
    add(group, `${line.slice(last)}\n`);
  });
  const total = { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length };
  const alone = [...groups].map(([group, parts]) => {
    const text = parts.join('');
    return { group, bytes: Buffer.byteLength(text), gzipAlone: gzipSync(text, { level: 9 }).length };
  });
  const sumAlone = alone.reduce((s, r) => s + r.gzipAlone, 0);
  const rows = alone
    .map((r) => ({ group: r.group, bytes: r.bytes, gzip: Math.round((r.gzipAlone / sumAlone) * total.gzip), share: r.gzipAlone / sumAlone }))
    .sort((a, b) => b.gzip - a.gzip);
  return { total, rows };
}

/** The report of the one-file set: `{ total, rows }`. */
export async function bundleReport() {
  const { code, map } = await buildOneFile();
  return attribute(code, map, join(root, 'packages/elements/dist'));
}

export function formatReport({ total, rows }) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const out = [`one-file set: ${kb(total.bytes)} min, ${kb(total.gzip)} min+gzip`, ''];
  out.push(`${'group'.padEnd(40)} ${'min'.padStart(9)} ${'gzip share'.padStart(11)} ${'%'.padStart(6)}`);
  for (const r of rows) out.push(`${r.group.padEnd(40)} ${kb(r.bytes).padStart(9)} ${kb(r.gzip).padStart(11)} ${`${(r.share * 100).toFixed(1)}%`.padStart(6)}`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await bundleReport();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
}

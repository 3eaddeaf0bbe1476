#!/usr/bin/env node
/**
 * Static checks of the codebase's shape, run by `npm test` before the browser
 * tests (and alone with `node scripts/check-shape.mjs`):
 *
 *   - no source file in packages/*\/src is over 500 lines;
 *   - no import circle among the TypeScript modules of packages/*\/src and demo/src;
 *   - `@segkit/elements/headless` and every connector import no Lit and nothing
 *     that does (React and Vue users import them);
 *   - `@segkit/core` imports no DOM library (Lit, idb) and no other package;
 *   - every relative link in README.md, CONVENTIONS.md and docs/ points to a file in the repository;
 *   - every element's strings table has the same keys in Spanish as in English,
 *     and README.md lists them all (`node scripts/strings-doc.mjs --write` updates it).
 *
 * Prints one line a check and ends with `N passed, M failed`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { END, START, loadTables, missingKeys, render } from './strings-doc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const MAX_LINES = 500;

function walk(dir, keep) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const packagesDir = join(root, 'packages');
const packageNames = readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, 'src')));
const sources = [
  ...packageNames.flatMap((name) => walk(join(packagesDir, name, 'src'), (p) => /\.ts$/.test(p) && !p.endsWith('.d.ts'))),
  ...walk(join(root, 'demo/src'), (p) => /\.ts$/.test(p) && !p.endsWith('.d.ts')),
];
const rel = (path) => relative(root, path);

/** Import specifiers of a module (static imports and re-exports; `import type` included, since a type circle is still a circle to a reader). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2]);
  return found;
}

/** The repository file an import specifier points to, or null for an outside package. */
function resolveImport(from, specifier) {
  if (specifier.startsWith('.')) {
    const base = resolve(dirname(from), specifier);
    for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return null;
  }
  const match = /^@segkit\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (!match) return null;
  const pkgDir = join(packagesDir, match[1]);
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const entry = pkg.exports?.[match[2] ? `./${match[2]}` : '.'];
  const source = typeof entry === 'object' ? entry.source : undefined;
  return source ? join(pkgDir, source) : null;
}

const graph = new Map();
for (const file of sources) {
  graph.set(
    file,
    importsOf(file)
      .map((specifier) => ({ specifier, target: resolveImport(file, specifier) }))
      .filter((edge) => edge.target),
  );
}

const results = [];
function check(name, problems) {
  results.push({ name, problems });
}

// 1. File size.
check(
  `no file in packages/*/src over ${MAX_LINES} lines`,
  sources
    .filter((file) => file.startsWith(packagesDir))
    .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${rel(file)}: ${lines} lines`),
);

// 2. Import circles (Tarjan's strongly connected components).
function circles() {
  let index = 0;
  const stack = [];
  const meta = new Map();
  const found = [];
  const strong = (node) => {
    meta.set(node, { index, low: index, onStack: true });
    index += 1;
    stack.push(node);
    for (const { target } of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!meta.has(target)) {
        strong(target);
        meta.get(node).low = Math.min(meta.get(node).low, meta.get(target).low);
      } else if (meta.get(target).onStack) {
        meta.get(node).low = Math.min(meta.get(node).low, meta.get(target).index);
      }
    }
    if (meta.get(node).low === meta.get(node).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        meta.get(member).onStack = false;
        component.push(member);
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).some((edge) => edge.target === node);
      if (component.length > 1 || selfLoop) found.push(component.map(rel).sort().join(' <-> '));
    }
  };
  for (const node of graph.keys()) if (!meta.has(node)) strong(node);
  return found;
}
check('no import circle in packages/*/src and demo/src', circles());

// 3. Headless modules are Lit-free (transitively).
function reaches(start, forbidden) {
  const seen = new Set();
  const problems = [];
  const visit = (file, trail) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (forbidden.test(specifier)) problems.push(`${[...trail, file].map(rel).join(' -> ')} imports ${specifier}`);
      const target = resolveImport(file, specifier);
      if (target) visit(target, [...trail, file]);
    }
  };
  visit(start, []);
  return problems;
}
const elementsSrc = join(packagesDir, 'elements/src');
const headlessEntries = [join(elementsSrc, 'headless.ts'), ...sources.filter((file) => file.endsWith('.connector.ts'))].filter(existsSync);
check(
  '@segkit/elements/headless and every connector import no Lit',
  headlessEntries.flatMap((file) => reaches(file, /^(lit|@lit\/|lit\/)/)),
);

// 4. Core imports no DOM library and no other segkit package.
check(
  '@segkit/core imports no Lit, idb or other segkit package',
  sources
    .filter((file) => file.startsWith(join(packagesDir, 'core/src')))
    .flatMap((file) => importsOf(file).filter((s) => /^(lit|@lit\/|idb|@segkit\/)/.test(s)).map((s) => `${rel(file)} imports ${s}`)),
);

// 5. Relative links in the docs resolve.
const docs = [join(root, 'README.md'), join(root, 'CONVENTIONS.md'), ...walk(join(root, 'docs'), (p) => p.endsWith('.md'))].filter(
  existsSync,
);
check(
  'every relative link in README.md, CONVENTIONS.md and docs/ resolves',
  docs.flatMap((doc) => {
    const text = readFileSync(doc, 'utf8').replace(/```[\s\S]*?```/g, '');
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1])
      .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#'))
      .filter((href) => {
        const target = resolve(dirname(doc), decodeURIComponent(href.split('#')[0]));
        return relative(root, target).startsWith('..') || !existsSync(target);
      })
      .map((href) => `${rel(doc)}: ${href}`);
  }),
);

// 6. Strings: Spanish complete, README up to date.
const tables = await loadTables();
check(
  'every strings table has the same keys in Spanish as in English',
  tables.flatMap(({ file, table }) => {
    const { missing, extra } = missingKeys(table, 'es');
    return [...missing.map((key) => `${file}: no Spanish for ${key}`), ...extra.map((key) => `${file}: ${key} only in Spanish`)];
  }),
);
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const listed = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
check(
  'README.md lists every string key (node scripts/strings-doc.mjs --write)',
  listed === render(tables) ? [] : ['README.md: the strings section is missing or out of date'],
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = 0;
  for (const { name, problems } of results) {
    if (problems.length) {
      failed += 1;
      console.log(`  ✗ ${name}`);
      for (const problem of problems) console.log(`      ${problem}`);
    } else {
      console.log(`  ✓ ${name}`);
    }
  }
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

export { results };

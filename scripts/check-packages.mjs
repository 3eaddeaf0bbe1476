#!/usr/bin/env node
/**
 * The packages as an integrator installs them: every workspace package is
 * packed and checked with publint (package.json fields, exports, files) and
 * @arethetypeswrong/cli (types resolve for every export under node10,
 * node16 from ESM and bundlers; the one rule ignored is `cjs-resolves-to-esm`:
 * the packages are ESM only, on purpose). Each tarball must also hold a
 * README.md and the repository's LICENSE. The elements' manifest must list
 * the public API completely, and the framework typings generated from it
 * must make a host's type check fail on a wrong property type.
 *
 * Builds the packages first when a `dist` is missing or older than its
 * sources (`npm run build -w <package>`). Prints one line per check and ends
 * with `N passed, M failed`; exits non-zero on any failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
const bin = (name) => join(root, 'node_modules/.bin', name);
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

/** Newest modification time under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const results = [];
function check(name, problems) {
  results.push({ name, problems });
  console.log(problems.length ? `  ✗ ${name}\n${problems.map((p) => `      ${p}`).join('\n')}` : `  ✓ ${name}`);
}

/** Runs a tool; its output becomes the problems when it fails. */
function tool(command, args, cwd) {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (run.status === 0) return [];
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').filter(Boolean);
  return output.length ? output.slice(-30) : [`${command} exited with ${run.status ?? run.signal}`];
}

for (const dir of workspaces) {
  const cwd = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const sources = Math.max(newest(join(cwd, 'src')), statSync(join(cwd, 'package.json')).mtimeMs);
  if (newest(join(cwd, 'dist')) < sources) {
    console.log(`[packages] building ${pkg.name} (dist is missing or older than its sources)`);
    execFileSync('npm', ['run', 'build', '--silent'], { cwd, stdio: 'inherit' });
  }

  // Packed once: the file list is checked here and the tarball given to attw.
  const out = mkdtempSync(join(tmpdir(), 'segkit-pack-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd, encoding: 'utf8' }))[0];
  const files = new Set(packed.files.map((f) => f.path));
  const missing = ['README.md', 'LICENSE', 'package.json'].filter((f) => !files.has(f));
  const licenseProblems =
    existsSync(join(cwd, 'LICENSE')) && readFileSync(join(cwd, 'LICENSE'), 'utf8') !== license ? ['LICENSE differs from the repository LICENSE'] : [];
  check(`${pkg.name}: the tarball holds README.md and LICENSE`, [...missing.map((f) => `missing from the tarball: ${f}`), ...licenseProblems]);
  check(`${pkg.name}: publint`, tool(bin('publint'), ['--strict'], cwd));
  const tarball = join(out, packed.filename);
  check(`${pkg.name}: types resolve for every export (@arethetypeswrong/cli)`, tool(bin('attw'), [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'], cwd));
  rmSync(out, { recursive: true, force: true });
}

// The manifest editors, Storybook and the framework typings read: the public API, complete.
{
  const manifest = JSON.parse(readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8'));
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
  const problems = [];
  const tags = elements.map((d) => d.tagName).sort();
  const expected = ['segkit-audience', 'segkit-invite-link', 'segkit-member-table', 'segkit-provider', 'segkit-segment-filter', 'segkit-segment-list', 'segkit-segment-picker'];
  if (JSON.stringify(tags) !== JSON.stringify(expected)) problems.push(`elements listed: ${tags.join(', ')}`);
  for (const d of elements) {
    const names = new Set((d.members ?? []).map((m) => m.name));
    const own = d.tagName === 'segkit-provider' ? ['store'] : ['store', 'strings', 'theme'];
    for (const name of own) if (!names.has(name)) problems.push(`${d.tagName}: no \`${name}\` property`);
    for (const m of [...(d.members ?? []), ...(d.attributes ?? [])]) {
      if (/^[#_]/.test(m.name) || m.privacy === 'private' || m.privacy === 'protected') problems.push(`${d.tagName}: lists the internal ${m.name}`);
    }
    for (const e of d.events ?? []) {
      if (!e.name) problems.push(`${d.tagName}: an event without a name`);
      else if (!e.type?.text) problems.push(`${d.tagName}: event ${e.name} has no type`);
    }
    if (!d.description) problems.push(`${d.tagName}: no description`);
  }
  check('@segkit/elements: custom-elements.json lists every element with its inherited properties, typed named events, no internals', problems);
}

// The React wrappers (@segkit/elements/react, imported in Node as a server renders it) take, as
// camelCase props, exactly the segkit-* events the manifest lists on each element.
{
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(root, 'packages/elements/custom-elements.json'), 'utf8'));
  const camel = (type) => `on${type.replace(/^segkit-/, '').replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase())}`;
  try {
    const { wrapperEvents } = await import(join(root, 'packages/elements/dist/react.js'));
    for (const d of manifest.modules.flatMap((m) => m.declarations ?? []).filter((x) => x.customElement)) {
      const listed = (d.events ?? []).map((e) => e.name).filter((name) => name.startsWith('segkit-')).sort();
      const wrapped = Object.entries(wrapperEvents[d.tagName] ?? {}).map(([prop, type]) => (prop === camel(type) ? type : `${prop}=${type}`)).sort();
      if (JSON.stringify(listed) !== JSON.stringify(wrapped)) problems.push(`${d.tagName}: manifest ${listed.join(', ') || '(none)'}; wrapper ${wrapped.join(', ') || '(none)'}`);
    }
  } catch (error) {
    problems.push(`importing dist/react.js in Node: ${error instanceof Error ? error.message : error}`);
  }
  check('@segkit/elements/react: each wrapper takes the events the manifest lists, as camelCase props', problems);
}

// One widget a entry point (decision 026): what `@segkit/elements/<widget>`
// imports, followed through dist, holds no other widget's module; the lazy
// loader's no-bundler file is there with its chunks.
{
  const dist = join(root, 'packages/elements/dist');
  const widgets = ['provider', 'member-table', 'segment-picker', 'segment-filter', 'segment-list', 'audience', 'invite-link'];
  const problems = [];
  const reach = (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) reach(join(file, '..', spec), seen);
    return seen;
  };
  for (const widget of widgets) {
    const entry = join(dist, 'define', `${widget}.js`);
    if (!existsSync(entry)) {
      problems.push(`@segkit/elements/${widget}: dist/define/${widget}.js is missing`);
      continue;
    }
    const others = [...reach(entry)].map((f) => f.slice(dist.length + 1)).filter((f) => widgets.some((w) => w !== widget && f.startsWith(`${w}/`)));
    if (others.length) problems.push(`@segkit/elements/${widget} imports other widgets: ${others.join(', ')}`);
  }
  for (const file of ['loader.js', 'segkit-loader.js', 'segkit-store.js', 'segkit.js', 'segkit-memory.js']) if (!existsSync(join(dist, file))) problems.push(`dist/${file} is missing`);
  // The memory adapter is a file of its own beside the one-file set (decision 039).
  const exportsOf = (file) => (existsSync(join(dist, file)) ? [...readFileSync(join(dist, file), 'utf8').matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((e) => e.trim().split(/\s+as\s+/).pop())) : []);
  if (exportsOf('segkit.js').includes('createMemoryAdapter')) problems.push('dist/segkit.js exports createMemoryAdapter: it belongs in dist/segkit-memory.js (decision 039)');
  if (!exportsOf('segkit-memory.js').includes('createMemoryAdapter')) problems.push('dist/segkit-memory.js does not export createMemoryAdapter');
  check('@segkit/elements: each widget entry point imports no other widget; the loader, the one-file build and its memory adapter are in dist', problems);
}

// A host's type check with the shipped React, Vue and Svelte typings and no hand-written file:
// right uses pass, and each wrong one (`columns={42}`) must be an error (`@ts-expect-error`).
check(
  "@segkit/elements: React, Vue, Svelte, Preact and Solid hosts' type checks catch wrong property types (test/frameworks)",
  tool(bin('tsc'), ['-p', 'test/frameworks/tsconfig.json'], root),
);

const failed = results.filter((r) => r.problems.length).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

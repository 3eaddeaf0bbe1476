#!/usr/bin/env node
/**
 * The conformance kit in CI (run by scripts/test.mjs before the browsers):
 *
 * 1. builds @segkit/conformance's Node entry from its sources with esbuild
 *    (into node_modules/.cache, under a second);
 * 2. runs every check against the msw mock backend served over real HTTP on
 *    a free port, read-only and then in full (with --add-members), printing
 *    each check as the command does;
 * 3. shows the kit catches a broken backend: serves the mock behind a fault
 *    (a middleware between the socket and the handlers) and asserts that the
 *    checks that should notice it report it as failed, and the others pass.
 *
 * Counts each check run and each fault test; ends with `N passed, M failed`
 * and exits 1 when anything failed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'node_modules/.cache/segkit-conformance');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'node.mjs');
await build({
  entryPoints: [join(root, 'packages/conformance/src/node.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: ['msw'],
  outfile,
  logLevel: 'warning',
});
const kit = await import(pathToFileURL(outfile).href);

let passed = 0;
let failed = 0;
const print = (line) => console.log(line);

// 2. The mock over real HTTP, read-only then in full.
for (const [label, options] of [
  ['read-only', { readOnly: true }],
  ['full, adding members', { addMembers: true }],
]) {
  console.log(`\n--- the kit against the mock over HTTP, ${label} ---`);
  const served = await kit.serveMock({ size: 200 });
  try {
    console.log(`segkit conformance: ${served.baseUrl}`);
    const results = await kit.checkBackend({ baseUrl: served.baseUrl, ...options, onResult: (r) => print(kit.formatResult(r)) });
    print(kit.summary(results));
    passed += results.filter((r) => r.status === 'pass').length;
    failed += results.filter((r) => r.status === 'fail').length;
  } finally {
    await served.close();
  }
}

// 3. Faults: each breaks one rule of the contract; the kit must say so.

/** A query answer from the mock whose page is re-ordered by `reorder(items, query)`. */
function reorderQueries(reorder) {
  return async (request, next) => {
    if (!new URL(request.url).pathname.endsWith('/members/query')) return next(request);
    const sent = await request.clone().json();
    const response = await next(request);
    if (response.status !== 200) return response;
    const page = await response.json();
    return Response.json({ ...page, items: reorder(page.items, sent.query) }, { status: 200 });
  };
}

const faults = [
  {
    name: 'ignores exclude in member queries',
    middleware: async (request, next) => {
      if (!new URL(request.url).pathname.endsWith('/members/query')) return next(request);
      const sent = await request.json();
      return next(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify({ ...sent, query: { ...sent.query, exclude: [] } }) }));
    },
    grep: ['filters by include', 'includes and excludes'],
    mustFail: ['members › filters by include (any / all), exclude and Unassigned', 'semantics › includes and excludes segments (any / all) with Unassigned, and unknown segment ids'],
  },
  {
    name: 'applies a replayed Idempotency-Key again',
    middleware: async (request, next) => {
      const headers = new Headers(request.headers);
      headers.delete('idempotency-key');
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      return next(new Request(request.url, { method: request.method, headers, body }));
    },
    grep: ['request id at most once', 'replayed Idempotency-Key'],
    mustFail: ['membership › applies a request id at most once and answers a replay with the first result', 'wire › answers a replayed Idempotency-Key with the first answer, applied once'],
  },
  {
    name: 'breaks ties by id the wrong way when sorting by segments',
    middleware: reorderQueries((items, query) => {
      if (query.sort?.key !== 'segments') return items;
      const sign = query.sort.dir === 'desc' ? -1 : 1;
      return [...items].sort((a, b) => sign * (a.segmentIds.length - b.segmentIds.length) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    }),
    grep: ['semantics › sorts'],
    mustFail: ['semantics › sorts by name, email, createdAt, segments and attributes, both ways, ties by id'],
    reason: /first difference at position \d+/,
  },
];

console.log('\n--- the kit against a broken mock: each fault must fail its checks ---');
for (const fault of faults) {
  const served = await kit.serveMock({ size: 200, middleware: fault.middleware });
  try {
    const results = [];
    for (const grep of fault.grep) results.push(...(await kit.checkBackend({ baseUrl: served.baseUrl, grep })));
    const problems = [];
    for (const name of fault.mustFail) {
      const result = results.find((r) => `${r.group} › ${r.name}` === name);
      if (!result) problems.push(`"${name}" did not run`);
      else if (result.status !== 'fail') problems.push(`"${name}" was ${result.status}, not fail`);
      else if (fault.reason && !fault.reason.test(result.reason)) problems.push(`"${name}" failed without ${fault.reason}: ${result.reason}`);
    }
    if (problems.length === 0) {
      passed += 1;
      print(`  pass  fault "${fault.name}": ${fault.mustFail.length} check(s) failed as they should`);
      for (const r of results.filter((r) => r.status === 'fail')) print(`          ${r.group} › ${r.name}: ${r.reason}`);
    } else {
      failed += 1;
      print(`  FAIL  fault "${fault.name}": ${problems.join('; ')}`);
    }
  } finally {
    await served.close();
  }
}

// The command itself: against a broken backend it prints FAIL with the reason and exits 1; against the mock, 0.
{
  const tieFault = faults[2];
  const served = await kit.serveMock({ size: 200, middleware: tieFault.middleware });
  try {
    const lines = [];
    const args = kit.parseArgs([served.baseUrl, '--grep', 'semantics › sorts']);
    const code = await kit.runCli(args, (line) => lines.push(line));
    const clean = await kit.runCli(kit.parseArgs(['--mock', '--grep', 'semantics › sorts']), () => {});
    const text = lines.join('\n');
    if (code === 1 && clean === 0 && /FAIL {2}semantics › sorts/.test(text) && /first difference at position/.test(text) && /0 passed, 1 failed, 0 skipped$/.test(text)) {
      passed += 1;
      print('  pass  the command prints FAIL with the first difference and exits 1 against a broken backend, 0 against the mock');
    } else {
      failed += 1;
      print(`  FAIL  the command: exit ${code} against the broken backend, ${clean} against the mock; it printed:\n${text}`);
    }
  } finally {
    await served.close();
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

#!/usr/bin/env node
/**
 * Builds the React example: the pages (dist/), the server entry
 * (dist-server/server.js), then renders ssr.html and ssr-plain.html on the
 * server (`renderToString` in Node) into dist/, where the page hydrates them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const configFile = `${root}vite.config.ts`;

export async function buildExample() {
  await build({ configFile, logLevel: 'warn' });
  await build({ configFile, logLevel: 'warn', build: { ssr: 'src/server.tsx', outDir: 'dist-server', emptyOutDir: true, rolldownOptions: { input: undefined } } });
  const { render } = await import(`${pathToFileURL(`${root}dist-server/server.js`).href}?t=${Date.now()}`);
  for (const [page, plain] of [['ssr', false], ['ssr-plain', true]]) {
    const file = `${root}dist/${page}.html`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('<!--app-->', render(plain)));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildExample();

import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The React example: three pages (client-rendered; server-rendered with the
 * wrappers; server-rendered with plain tags) and, with `--ssr`, the server
 * entry `src/server.tsx`. JSX needs no plugin: Vite's own transform with
 * tsconfig's `"jsx": "react-jsx"`. The segkit packages resolve to their
 * sources (`source` condition), as in the demo.
 */
export default defineConfig({
  root,
  base: './',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { noExternal: [/^@segkit\//], resolve: { conditions: ['source', ...defaultServerConditions] } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1000,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      checks: { pluginTimings: false },
      input: { index: `${root}index.html`, ssr: `${root}ssr.html`, 'ssr-plain': `${root}ssr-plain.html` },
    },
  },
});

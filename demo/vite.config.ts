import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const WORKER = 'mockServiceWorker.js';

/**
 * Serves msw's service worker script next to the page in dev and emits it
 * into the build, so nothing is copied into the repo (`npx msw init` not needed)
 * and the worker always matches the installed msw.
 */
function mswWorker(): Plugin {
  const source = () => readFileSync(createRequire(import.meta.url).resolve(`msw/${WORKER}`), 'utf8');
  return {
    name: 'segkit-demo:msw-worker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (!path.endsWith(`/${WORKER}`)) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKER, source: source() });
    },
  };
}

export default defineConfig({
  root,
  // Relative asset URLs: demo/dist works from any folder of any static server.
  base: './',
  // Workspace packages resolve to their TypeScript sources (no package build needed).
  resolve: { conditions: ['source', ...defaultClientConditions] },
  plugins: [mswWorker()],
  // The mock backend's worker (src/mock-worker.ts) is a module worker, split like the page.
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The mock backend (dataset generator + msw) is the bulk of the demo; the SDK itself is small.
    chunkSizeWarningLimit: 1200,
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cssLiteralsPlugin } from '../../scripts/minify-css-literals.mjs';
import { lazyLocalesPlugin } from '../../scripts/lazy-locales.mjs';
import { htmlLiteralsPlugin } from '../../scripts/minify-html-literals.mjs';

/**
 * The lazy loader for pages without a bundler: dist/segkit-loader.js defines
 * each segkit tag on first sight and imports only that tag's code from the
 * chunks in dist/segkit-chunks/ (Lit, the store, the REST adapter and the
 * cache each in a chunk shared by the widgets that need it, loaded once).
 * dist/segkit-store.js exports the store factories over those same chunks;
 * dist/segkit-core.js the same without the REST adapter and the cache.
 * Everything minified, dependencies inlined (decision 026).
 */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source'] },
  // Only English in the widgets' chunks: each other language a chunk of its own, loaded on first use (decision 032).
  plugins: [cssLiteralsPlugin(), htmlLiteralsPlugin(), lazyLocalesPlugin()],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    lib: {
      entry: {
        'segkit-loader': resolve(import.meta.dirname, 'src/loader.ts'),
        'segkit-store': resolve(import.meta.dirname, 'src/loader-store.ts'),
        'segkit-core': resolve(import.meta.dirname, 'src/loader-core.ts'),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rolldownOptions: {
      // Needed for the memory group below (modules alone, not with their imports); the entries'
      // exports are kept, and may gain others.
      preserveEntrySignatures: 'allow-extension',
      output: {
        minify: true,
        chunkFileNames: 'segkit-chunks/[name]-[hash].js',
        // Named shared chunks, each loaded once whatever widget asks first;
        // the rest (a widget, the rules of the filter and the audience) is
        // split by who imports it.
        codeSplitting: {
          groups: [
            // The memory adapter, with its index, sort and bulk writes (used by nothing else), only for pages that
            // import it from segkit-store.js or segkit-core.js: not in `core`, which every widget loads
            // (decision 032). memory-checks.ts stays in `core`: the store's invites use it.
            { name: 'memory', test: /packages[\\/]core[\\/]src[\\/]memory(-ids|-index|-sort|-write)?\.ts$/, includeDependenciesRecursively: false },
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ },
            // With the tab sync, which the provider needs at once; the rest of `idb` it loads only with
            // the cache of a store it makes from `endpoint` (src/provider/remote.ts, decision 032).
            { name: 'core', test: /packages[\\/]core[\\/]|node_modules[\\/](nanostores|valibot)[\\/]|packages[\\/]idb[\\/]src[\\/]tabs\.ts$/ },
            { name: 'rest', test: /packages[\\/]rest[\\/]/ },
            { name: 'idb', test: /packages[\\/]idb[\\/]|node_modules[\\/]idb[\\/]|packages[\\/]elements[\\/]src[\\/]provider[\\/]idb-cache\.ts$/ },
            { name: 'elements', test: /packages[\\/]elements[\\/]src[\\/](internal[\\/]|events[\\/]|context\.ts|define[\\/]define\.ts)/ },
          ],
        },
      },
    },
  },
});

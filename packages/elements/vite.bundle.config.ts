import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cssLiteralsPlugin } from '../../scripts/minify-css-literals.mjs';
import { htmlLiteralsPlugin } from '../../scripts/minify-html-literals.mjs';

/**
 * The single-file build for pages without a bundler (CMS plugins, plain HTML):
 * every dependency (lit, nanostores, valibot, core, rest) inlined and minified
 * into dist/segkit.js. `<script type="module" src=".../segkit.js">` defines the tags.
 *
 * `output.minify: true` is needed as well as `build.minify`: in library mode
 * with the `es` format Vite leaves whitespace in (to keep pure annotations
 * for a later bundler); this file is the end of the line, so it is minified
 * whole (was 92,983 B gzip, now 84,304 B; decision 026).
 */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source'] },
  plugins: [
    cssLiteralsPlugin(),
    htmlLiteralsPlugin(),
    {
      // The provider's REST adapter and cache without a dynamic import: this file exports them anyway
      // (bundle.ts), and an inlined dynamic import costs 1.5 KB gzip more (decision 032).
      name: 'segkit-eager-remote',
      enforce: 'pre',
      resolveId: (source: string, importer: string | undefined) =>
        source === './remote.js' && importer && /provider[\\/]segkit-provider\.ts$/.test(importer) ? resolve(import.meta.dirname, 'src/provider/remote-eager.ts') : null,
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    target: 'es2022',
    lib: { entry: resolve(import.meta.dirname, 'src/bundle.ts'), formats: ['es'], fileName: () => 'segkit.js' },
    rolldownOptions: { output: { codeSplitting: false, minify: true } },
  },
});

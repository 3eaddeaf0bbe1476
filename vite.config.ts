import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { cssLiteralsPlugin } from './scripts/minify-css-literals.mjs';

/**
 * Vite library-mode build shared by every package: ESM only, one entry
 * (`src/index.ts`) or several, every dependency and peer left external so a
 * host's bundler dedupes them. Modules are kept apart (`preserveModules`:
 * `src/a/b.ts` becomes `dist/a/b.js`), never merged into one chunk, so a
 * host's bundler drops what a page does not import and the `sideEffects`
 * lists name real files (decision 026). Not minified: the host's bundler
 * minifies; but the CSS of the elements' css`...` templates is, since no
 * JavaScript minifier touches template text. Declarations come from `tsc -p tsconfig.build.json`.
 */
export function packageBuild(dir: string, entries: Record<string, string> = { index: 'src/index.ts' }): UserConfig {
  const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  return defineConfig({
    root: dir,
    resolve: { conditions: ['source'] },
    plugins: [cssLiteralsPlugin()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      sourcemap: true,
      minify: false,
      target: 'es2022',
      lib: {
        entry: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, resolve(dir, file)])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        external: (id: string) => external.some((name) => id === name || id.startsWith(`${name}/`)),
        output: { preserveModules: true, preserveModulesRoot: resolve(dir, 'src'), entryFileNames: '[name].js' },
      },
    },
  });
}

export default defineConfig({});

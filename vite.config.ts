import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Vite library-mode build shared by every package: ESM only, one entry
 * (`src/index.ts`), every dependency and peer left external so a host's
 * bundler dedupes them. Declarations come from `tsc -p tsconfig.build.json`.
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
      },
    },
  });
}

export default defineConfig({});

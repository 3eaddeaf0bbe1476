import { resolve } from 'node:path';
import { defineConfig, mergeConfig } from 'vite';
import bundle from './vite.bundle.config.ts';

/**
 * dist/segkit-memory.js: the memory adapter in one file, beside the one-file
 * set (dist/segkit.js), which no longer carries it (decision 039). Built the
 * way segkit.js is (vite.bundle.config.ts), from src/bundle-memory.ts.
 */
export default mergeConfig(bundle, defineConfig({
  build: {
    lib: { entry: resolve(import.meta.dirname, 'src/bundle-memory.ts'), formats: ['es'], fileName: () => 'segkit-memory.js' },
  },
}));

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue renders `segkit-*` tags as custom elements (not components): the one
// setting a Vue app needs for segkit.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('segkit-') } } })],
});

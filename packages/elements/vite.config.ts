import { htmlLiteralsPlugin } from '../../scripts/minify-html-literals.mjs';
import { packageBuild } from '../../vite.config.js';

const widgets = ['provider', 'member-table', 'segment-picker', 'segment-filter', 'segment-list', 'audience', 'invite-link'];

/**
 * Every public entry: the whole set, the classes, headless, one per widget (`define/<name>`), the lazy loader, the React wrappers.
 * The html`...` templates' indentation collapsed, as in the minified builds (decision 032).
 */
const config = packageBuild(import.meta.dirname, {
  index: 'src/index.ts',
  classes: 'src/classes.ts',
  headless: 'src/headless.ts',
  loader: 'src/loader.ts',
  react: 'src/react.ts',
  ...Object.fromEntries(widgets.map((name) => [`define/${name}`, `src/define/${name}.ts`])),
});
config.plugins = [...(config.plugins ?? []), htmlLiteralsPlugin()];

export default config;

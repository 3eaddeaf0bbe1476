import { packageBuild } from '../../vite.config.js';

const widgets = ['provider', 'member-table', 'segment-picker', 'segment-filter', 'segment-list', 'audience', 'invite-link'];

/** Every public entry: the whole set, the classes, headless, one per widget (`define/<name>`), the lazy loader, the React wrappers. */
export default packageBuild(import.meta.dirname, {
  index: 'src/index.ts',
  classes: 'src/classes.ts',
  headless: 'src/headless.ts',
  loader: 'src/loader.ts',
  react: 'src/react.ts',
  ...Object.fromEntries(widgets.map((name) => [`define/${name}`, `src/define/${name}.ts`])),
});

import { packageBuild } from '../../vite.config.js';

export default packageBuild(import.meta.dirname, { index: 'src/index.ts', classes: 'src/classes.ts', headless: 'src/headless.ts', react: 'src/react.ts' });

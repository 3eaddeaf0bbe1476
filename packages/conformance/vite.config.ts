import { packageBuild } from '../../vite.config.js';

export default packageBuild(import.meta.dirname, { index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts' });

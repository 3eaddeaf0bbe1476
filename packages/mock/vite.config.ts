import { packageBuild } from '../../vite.config.js';

// `in-worker` loads no msw (msw cannot load in a Worker): a Worker imports only it (decision 029).
export default packageBuild(import.meta.dirname, { index: 'src/index.ts', 'in-worker': 'src/in-worker.ts' });

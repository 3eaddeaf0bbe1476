import { packageBuild } from '../../vite.config.js';

// Three entries: the checks (browser or Node), the Node side, the command.
// Node's built-ins (`node:http` for the mock server) stay imports, not browser stubs.
const config = packageBuild(import.meta.dirname, { index: 'src/index.ts', node: 'src/node.ts', bin: 'src/bin.ts' });
const rolldown = config.build!.rolldownOptions!;
const external = rolldown.external as (id: string) => boolean;
rolldown.external = (id: string) => id.startsWith('node:') || external(id);

export default config;

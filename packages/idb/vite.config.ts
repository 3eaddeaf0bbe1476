import { packageBuild } from '../../vite.config.js';

export default packageBuild(import.meta.dirname);

/**
 * The demo's mock backend, in a dedicated Worker: the dataset, its queries
 * and writes, persistence and faults run here, and the page's msw handlers
 * only forward requests to it (`createWorkerBackend` in backend.ts;
 * decision 029). Built by Vite as a module worker.
 */
import { serveWorkerBackend } from '@segkit/mock/in-worker';

serveWorkerBackend();

/** The worker script of worker-backend.test.ts: a mock backend, as the demo's `mock-worker.ts`. */
import { serveWorkerBackend } from '@segkit/mock/in-worker';

serveWorkerBackend();

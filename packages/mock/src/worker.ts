import type { SetupWorker, StartOptions } from 'msw/browser';
import type { MockServer } from './backend.js';

/**
 * Starts an msw service worker serving `backend` in this page (for the demo
 * and manual testing): an in-page backend (`createMockBackend`) or one that
 * runs in a Worker (`createWorkerBackend`: its handlers only forward). The
 * service worker script must be served at `serviceWorker.url` (default `/mockServiceWorker.js`; copy it with
 * `npx msw init <public dir>`). Requests the backend does not handle go to the
 * network (`onUnhandledRequest: 'bypass'`). Resolves once the backend is ready.
 */
export async function startMockWorker(backend: MockServer, options: StartOptions = {}): Promise<SetupWorker> {
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker(...backend.handlers);
  await worker.start({
    onUnhandledRequest: 'bypass',
    ...options,
    serviceWorker: { url: '/mockServiceWorker.js', ...options.serviceWorker },
  });
  await backend.ready;
  return worker;
}

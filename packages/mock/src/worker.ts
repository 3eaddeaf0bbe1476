import type { SetupWorker, StartOptions } from 'msw/browser';
import type { MockBackend } from './backend.js';

/**
 * Starts an msw service worker serving `backend` in this page (for the demo
 * and manual testing). The worker script must be served at
 * `serviceWorker.url` (default `/mockServiceWorker.js`; copy it with
 * `npx msw init <public dir>`). Requests the backend does not handle go to the
 * network (`onUnhandledRequest: 'bypass'`). Resolves once the backend is ready.
 */
export async function startMockWorker(backend: MockBackend, options: StartOptions = {}): Promise<SetupWorker> {
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

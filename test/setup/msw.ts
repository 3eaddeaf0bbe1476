/**
 * One msw browser worker per test file (each test file runs in its own page).
 *
 * ```ts
 * import { http, HttpResponse } from 'msw';
 * import { startMockWorker, resetHandlers } from '../setup/msw.js';
 *
 * before(() => startMockWorker([http.get('/api/ping', () => HttpResponse.json({ ok: true }))]));
 * afterEach(() => resetHandlers());
 * ```
 *
 * The test runner serves `node_modules/msw/lib/mockServiceWorker.js` at
 * `/mockServiceWorker.js` with `Service-Worker-Allowed: /` (see web-test-runner.config.mjs).
 * Requests that no handler matches fail the fetch (`onUnhandledRequest: 'error'`).
 */
import type { RequestHandler, WebSocketHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';

type Handler = RequestHandler | WebSocketHandler;

let started: Promise<SetupWorker> | undefined;
let current: SetupWorker | undefined;

/**
 * The test runner closes a file's page without `beforeunload`, so msw would
 * never tell its service worker that this page is gone: the next file's page
 * would start controlled by a worker that still has an active client, and
 * Firefox then never loads a `Worker` script through it (the Worker tests
 * time out). Stopping msw at the end of the file says so (`CLIENT_CLOSED`).
 */
after(async () => {
  const worker = await started?.catch(() => undefined);
  worker?.stop();
});

/**
 * Starts the worker on the first call with `handlers` as its initial handlers
 * (those `resetHandlers()` returns to). Later calls in the same file reuse the
 * running worker; if given handlers, those become the new initial handlers
 * (and `worker.use(...)` overrides are dropped). Without handlers, a later
 * call just returns the running worker.
 */
export async function startMockWorker(handlers: readonly Handler[] = []): Promise<SetupWorker> {
  if (started === undefined) {
    const worker = setupWorker(...handlers);
    current = worker;
    started = worker
      .start({
        serviceWorker: { url: '/mockServiceWorker.js' },
        onUnhandledRequest: 'error',
        quiet: true,
      })
      .then(() => worker)
      .catch((error: unknown) => {
        started = undefined;
        current = undefined;
        throw error;
      });
    return started;
  }
  const worker = await started;
  if (handlers.length > 0) worker.resetHandlers(...handlers);
  return worker;
}

/**
 * Drops handlers added with `worker.use(...)`; with arguments, replaces the
 * initial handlers instead. A no-op before the worker has started.
 */
export function resetHandlers(...handlers: Handler[]): void {
  current?.resetHandlers(...handlers);
}

/** The running worker, if `startMockWorker` was called in this file. */
export function mockWorker(): SetupWorker | undefined {
  return current;
}

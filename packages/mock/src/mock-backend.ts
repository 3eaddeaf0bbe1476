/**
 * `createMockBackend`: the backend of `backend.ts` in this page, with the msw
 * handler that serves it (one handler for everything under `baseUrl`; the
 * routing is the backend's own, `routes.ts`).
 */
import { http } from 'msw';
import type { MockBackend, MockBackendOptions } from './backend.js';
import { createBackendCore } from './backend.js';
import { underBase } from './routes.js';

/** Creates a mock backend. Give `handlers` to msw (`startMockWorker`, `setupServer`, `setupWorker`). */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const core = createBackendCore(options);
  const base = core.baseUrl.replace(/\/+$/, '');
  const handler = http.all(
    ({ request }) => underBase(base, request.url),
    async ({ request }) => core.respond(request),
  );
  // The same object (its getters stay live), plus the handlers.
  return Object.assign(core, { handlers: [handler] });
}

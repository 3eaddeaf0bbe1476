/**
 * @segkit/mock: `startMockWorker` serves a backend in the page (the demo's
 * path) and lets every other request through.
 */
import { createMockBackend, startMockWorker } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import type { SetupWorker } from 'msw/browser';
import { expect } from '../setup/expect.js';

describe('startMockWorker', () => {
  let worker: SetupWorker | undefined;
  after(() => worker?.stop());

  it('serves the backend under its base URL and bypasses other requests', async () => {
    const backend = createMockBackend({ baseUrl: '/demo-api', seed: 2, size: 30 });
    worker = await startMockWorker(backend, { quiet: true });
    const list = await createRestAdapter({ baseUrl: '/demo-api' }).listSegments();
    expect(list.totalMembers).to.equal(30);
    expect(backend.requests).to.equal(1);
    // Not the backend's: answered by the test server itself.
    const own = await fetch('/package.json');
    expect(own.status).to.equal(200);
    expect(((await own.json()) as { name: string }).name).to.equal('segkit-monorepo');
    expect(backend.requests).to.equal(1);
  });
});

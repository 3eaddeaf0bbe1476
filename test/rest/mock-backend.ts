/**
 * A mock backend for one test suite, served by the msw worker: made once
 * (`before`) with its handlers installed; after each test, `cleanUp` runs
 * first (destroy the test's store), then the handlers a test added go and
 * the data goes back to the seed.
 */
import { createMockBackend } from '@segkit/mock';
import type { MockBackend, MockBackendOptions } from '@segkit/mock';
import { resetHandlers, startMockWorker } from '../setup/msw.js';

export function useMockBackend(options: MockBackendOptions, cleanUp: () => void = () => undefined): { readonly backend: MockBackend } {
  let backend: MockBackend | undefined;
  before(async () => {
    backend = createMockBackend({ baseUrl: '/api', ...options });
    await backend.ready;
    await startMockWorker(backend.handlers);
    resetHandlers(...backend.handlers);
  });
  afterEach(async () => {
    cleanUp();
    resetHandlers();
    await backend!.reset();
  });
  return {
    get backend() {
      return backend!;
    },
  };
}

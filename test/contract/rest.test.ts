import { createWire } from '@segkit/conformance';
import { createMockBackend } from '@segkit/mock';
import { createRestAdapter } from '@segkit/rest';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { adapterContract } from './adapter-contract.js';
import { validateWire } from '../rest/wire-validator.js';

validateWire();

adapterContract(
  'REST adapter over the msw mock backend',
  async ({ seed, size }) => {
    const backend = createMockBackend({ baseUrl: '/api', seed, size });
    await backend.ready;
    await startMockWorker(backend.handlers);
    resetHandlers(...backend.handlers);
    return { adapter: createRestAdapter({ baseUrl: '/api' }), wire: createWire(new URL('/api', location.href).href) };
  },
  { wire: true },
);

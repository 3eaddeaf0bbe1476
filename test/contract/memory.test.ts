import { createMemoryAdapter } from '@segkit/core';
import { generateDataset } from '@segkit/mock';
import { adapterContract } from './adapter-contract.js';

adapterContract('memory adapter', async ({ seed, size }) => ({ adapter: createMemoryAdapter(generateDataset({ seed, size })) }));

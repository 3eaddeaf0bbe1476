import { createMemoryCache } from '@segkit/core';
import { cacheContract } from './cache-contract.js';

cacheContract('memory cache', async ({ maxBytes }) => ({ cache: createMemoryCache(maxBytes === undefined ? {} : { maxBytes }) }));

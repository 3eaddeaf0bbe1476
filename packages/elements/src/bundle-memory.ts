/**
 * Entry of dist/segkit-memory.js: the memory adapter, one file, for a page
 * without a bundler that runs the widgets with no backend (a prototype, a
 * demo, a test page). It works with the store of `segkit.js` (or of any
 * other copy of segkit): an adapter is a plain object, and what the store
 * checks across copies (`Symbol.for`, the error brand) is shared
 * (decision 039).
 *
 *   import { createSegmentStore } from '/vendor/segkit.js';
 *   import { createMemoryAdapter } from '/vendor/segkit-memory.js';
 */
export { createMemoryAdapter } from '@segkit/core';
export type { MemoryAdapter, MemoryAdapterOptions, MemoryData } from '@segkit/core';

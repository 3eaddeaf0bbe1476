export * from './model.js';
export * from './errors.js';
export type * from './adapter.js';
export * from './rules.js';
export * from './schema.js';
export * from './query.js';
export * from './memory.js';
export { createId } from './ids.js';

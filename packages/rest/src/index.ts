export { createRestAdapter, DEFAULT_TIMEOUT_MS } from './adapter.js';
export type { RestAdapterOptions } from './adapter.js';
export { joinUrl, parseRetryAfter } from './http.js';

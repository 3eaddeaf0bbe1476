export { createRestAdapter, DEFAULT_TIMEOUT_MS, PATH_ID } from './adapter.js';
export type { RestAdapterOptions } from './adapter.js';
export { DEFAULT_MAX_RESPONSE_BYTES } from './body.js';
export { joinUrl, parseRetryAfter } from './http.js';

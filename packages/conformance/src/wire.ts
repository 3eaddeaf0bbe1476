/** Raw requests to a backend under test, for the checks of the wire itself. */
import type { Wire } from './check.js';

/** `fetch` under `baseUrl` (absolute), with `Authorization: Bearer <token>` when a token is given. */
export function createWire(baseUrl: string, token?: string): Wire {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      return fetch(new URL(path, base), { ...init, headers });
    },
  };
}

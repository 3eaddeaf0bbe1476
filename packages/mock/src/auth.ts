/**
 * The mock's sign-in, when asked for (`createMockBackend({ auth })`): the
 * 401 and 403 the spec declares on every operation, answered as a real
 * backend would, so a client can be tested against them (decision 021).
 */
import { SegkitError } from '@segkit/core';

export interface MockAuth {
  /** The token every operation accepts, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Tokens that may read but not write: a write with one answers `403 unauthorized`. */
  readOnlyTokens?: readonly string[];
}

/** An answer refused before the operation runs (the shape of handlers.ts' `Outcome`). */
export interface AuthRefusal {
  status: 401 | 403;
  body: { error: { code: 'unauthorized'; message: string } };
  headers?: Record<string, string>;
}

/** Printable ASCII without spaces: what may follow `Bearer `. */
const TOKEN = /^[\x21-\x7e]+$/;

/** `auth` checked once, when the backend is made; `invalid-input` (field `auth`) for a token that cannot be sent. */
export function checkAuthOption(auth: MockAuth | undefined): MockAuth | undefined {
  if (auth === undefined) return undefined;
  const tokens = [auth?.token, ...(auth?.readOnlyTokens ?? [])];
  if (!tokens.every((token) => typeof token === 'string' && TOKEN.test(token))) {
    throw new SegkitError('invalid-input', 'auth tokens are printable ASCII without spaces.', { field: 'auth' });
  }
  return { token: auth.token, readOnlyTokens: [...(auth.readOnlyTokens ?? [])] };
}

/**
 * Whether `request` may run operation `op` (undefined for a path that names
 * no operation): undefined when it may, else the 401 or 403 to answer.
 * Without `auth` every request may. `redeemInvite` is anonymous (anyone
 * holding a link may join, decision 015) and is never refused here.
 */
export function refuseUnauthorized(
  auth: MockAuth | undefined,
  request: Request,
  op: { id: string; write: boolean } | undefined,
): AuthRefusal | undefined {
  if (auth === undefined || op?.id === 'redeemInvite') return undefined;
  const match = /^Bearer +(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  const token = match?.[1];
  if (token === auth.token) return undefined;
  if (token !== undefined && auth.readOnlyTokens?.includes(token)) {
    if (!op?.write) return undefined;
    return { status: 403, body: { error: { code: 'unauthorized', message: 'This token may read but not change anything.' } } };
  }
  return {
    status: 401,
    body: {
      error: {
        code: 'unauthorized',
        message: token === undefined ? 'Sign in: send Authorization: Bearer <token>.' : 'The token is not valid. Sign in again.',
      },
    },
    headers: { 'WWW-Authenticate': token === undefined ? 'Bearer' : 'Bearer error="invalid_token"' },
  };
}

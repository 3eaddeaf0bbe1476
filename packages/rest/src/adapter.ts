import { ADAPTER_METHODS, SegkitError, isAbort, markValidated, throwIfAborted } from '@segkit/core';
import type { AdapterAnswer, AdapterMethod, CallOptions, SegmentsAdapter, WriteOptions } from '@segkit/core';
import { DEFAULT_MAX_RESPONSE_BYTES, TooLarge, readBody } from './body.js';
import { checkChange, checkPage, checkProfileFields, draftToSend, inviteToSend, patchToSend } from './checks.js';
import { anySignal, httpError, isOffline, joinUrl } from './http.js';
import { parseJson } from './json.js';
import { createRedeemKeys } from './redeem.js';

export interface RestAdapterOptions {
  /** Where the API lives: absolute (`https://api.example.com/v1`) or relative (`/api`); a trailing `/` is optional. */
  baseUrl: string;
  /**
   * An access token, sent as `Authorization: Bearer <token>`; asked for before
   * every request. A token that cannot be a header value (a line break, a
   * space, a character outside printable ASCII) fails the request at once
   * with `unauthorized`, before anything is sent.
   */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /**
   * The fetch to use (default: the global one, looked up at each call, so msw and test doubles apply).
   * Wrap it to set `credentials: 'include'` for cookie sessions on another origin.
   */
  fetch?: typeof fetch;
  /**
   * Extra headers sent with every request, in any case (`authorization` and
   * `Authorization` are one header); `Content-Type`, `Idempotency-Key` and,
   * when `getToken` gives a token, `Authorization` are the adapter's own and
   * win. A value that is not a valid header throws `invalid-input` here.
   */
  headers?: HeadersInit;
  /** Milliseconds before a request (including reading its body) gives up as a `network` error. Default 15000. */
  timeoutMs?: number;
  /**
   * The largest answer body read, in bytes (default 8 MiB). A larger answer
   * is refused with `bad-response` (not retried) without reading past the
   * limit: a `Content-Length` over it is refused before reading, and a body
   * without one is counted as it streams and cancelled once over. An error
   * answer (4xx / 5xx) over the limit keeps its status's code, its body
   * unread. A whole number from 1; anything else throws `invalid-input`
   * (field `maxResponseBytes`) here.
   */
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Request {
  method: HttpMethod;
  /** Path under the base URL, already encoded. */
  path: string;
  body?: unknown;
  options: CallOptions | WriteOptions | undefined;
  /** The part of the response body that is the answer (default: all of it). */
  answer?: (data: unknown) => unknown;
}

/**
 * The ids the adapter puts in a URL path (openapi.yaml's `PathId`): 1 to 128
 * of `A-Z a-z 0-9 . _ ~ : -`, not starting with a dot. So `.` and `..`
 * (which URL normalisation turns into `DELETE /segments/`), slashes, `%` and
 * empty or huge ids never reach the network. Every id core, the mock and the
 * memory adapter make fits (`seg_…`, `inv_…`, `vips`, `unassigned`).
 */
export const PATH_ID = /^[A-Za-z0-9_~:-][A-Za-z0-9._~:-]{0,127}$/;

/** `id` encoded for a path; throws `invalid-input` (field `id`) when it is not a `PATH_ID`. */
function pathId(id: string): string {
  if (typeof id !== 'string' || !PATH_ID.test(id)) {
    throw new SegkitError(
      'invalid-input',
      'An id in a URL path is 1 to 128 characters of A-Z a-z 0-9 . _ ~ : - and does not start with a dot.',
      { field: 'id' },
    );
  }
  return encodeURIComponent(id);
}

const segmentPath = (id: string) => `segments/${pathId(id)}`;

/**
 * A `SegmentsAdapter` over the segkit HTTP/JSON contract (`openapi.yaml` in
 * this package). Every rejection is a `SegkitError`; every answer is validated
 * once, here, with core's parser for its method (so a wrong shape is a
 * `bad-response` with the HTTP status, never a crash later), and the adapter is
 * marked as validated so a store does not check its answers again.
 * Writes (as core's method table says) send `Idempotency-Key`.
 */
export function createRestAdapter(options: RestAdapterOptions): SegmentsAdapter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes);
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const redeems = createRedeemKeys();
  // Read at each request (a host may change them), and once now so a mistake shows at once.
  readHeaders(options.headers);

  /** Sends the request of adapter method `name` and returns its answer, validated. */
  async function send<M extends AdapterMethod>(name: M, request: Request): Promise<AdapterAnswer<M>> {
    const { parse, write } = ADAPTER_METHODS[name];
    const callerSignal = request.options?.signal;
    throwIfAborted(callerSignal);

    // Headers, not an object: names are case-insensitive, so the host's `authorization` is not sent twice.
    const headers = new Headers({ Accept: 'application/json' });
    readHeaders(options.headers).forEach((value, name) => headers.set(name, value));
    if (request.body !== undefined) headers.set('Content-Type', 'application/json');
    const requestId = write ? (request.options as WriteOptions | undefined)?.requestId : undefined;
    if (requestId !== undefined) headers.set('Idempotency-Key', requestId);
    if (options.getToken) {
      let token: string | undefined;
      try {
        token = await options.getToken();
      } catch (error) {
        throw new SegkitError('network', 'Could not get an access token.', { cause: error });
      }
      throwIfAborted(callerSignal);
      if (token != null && token !== '') headers.set('Authorization', `Bearer ${checkToken(token)}`);
    }

    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`The request timed out after ${timeoutMs} ms.`, 'TimeoutError')),
      timeoutMs,
    );
    const combined = callerSignal ? anySignal([callerSignal, timeout.signal]) : { signal: timeout.signal, dispose() {} };
    const url = joinUrl(options.baseUrl, request.path);

    let response: Response;
    let text: string;
    let tooLarge = false;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        headers,
        signal: combined.signal,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
      try {
        text = await readBody(response, maxResponseBytes);
      } catch (error) {
        if (!(error instanceof TooLarge)) throw error;
        tooLarge = true;
        text = '';
      }
    } catch (error) {
      if (callerSignal?.aborted) {
        throw new SegkitError('aborted', 'The operation was aborted.', { cause: callerSignal.reason });
      }
      if (timeout.signal.aborted) {
        throw new SegkitError('network', `The request timed out after ${timeoutMs} ms.`, { cause: error });
      }
      if (error instanceof SegkitError) throw error;
      if (isAbort(error)) throw new SegkitError('aborted', 'The operation was aborted.', { cause: error });
      if (isOffline()) throw new SegkitError('offline', 'The device is offline.', { cause: error });
      throw new SegkitError('network', 'The server could not be reached.', { cause: error });
    } finally {
      clearTimeout(timer);
      combined.dispose();
    }

    if (!response.ok) {
      throw httpError(response.status, response.statusText, text, response.headers.get('Retry-After'));
    }
    if (tooLarge) {
      throw new SegkitError(
        'bad-response',
        `The server's answer is larger than ${maxResponseBytes} bytes (the adapter's maxResponseBytes) and was not read.`,
        { status: response.status },
      );
    }
    let data: unknown;
    try {
      data = await parseJson(text);
    } catch (error) {
      throw new SegkitError('bad-response', `The server sent malformed JSON (status ${response.status}).`, {
        status: response.status,
        cause: error,
      });
    }
    try {
      return parse(request.answer ? request.answer(data) : data);
    } catch (error) {
      if (error instanceof SegkitError) {
        throw new SegkitError(error.code, error.message, { status: response.status, cause: error.cause });
      }
      throw new SegkitError('bad-response', 'The server sent an unexpected answer.', {
        status: response.status,
        cause: error,
      });
    }
  }

  return markValidated({
    capabilities: { live: false, invites: true },

    listSegments: (opts) => send('listSegments', { method: 'GET', path: 'segments', options: opts }),

    // async: what the spec forbids (checks.ts) and a refused id reject, before any request, instead of throwing.
    createSegment: async (draft, opts) =>
      send('createSegment', { method: 'POST', path: 'segments', body: draftToSend(draft), options: opts }),

    updateSegment: async (id, patch, opts) => {
      const path = segmentPath(id);
      return send('updateSegment', { method: 'PATCH', path, body: patchToSend(id, patch), options: opts });
    },

    deleteSegment: async (id, opts) => send('deleteSegment', { method: 'DELETE', path: segmentPath(id), options: opts }),

    queryMembers: async (query, page, opts) => {
      checkPage(page);
      return send('queryMembers', {
        method: 'POST',
        path: 'members/query',
        body: { query, offset: page.offset, limit: page.limit },
        options: opts,
      });
    },

    previewMembership: async (change, opts) => {
      checkChange(change);
      return send('previewMembership', { method: 'POST', path: 'memberships/preview', body: change, options: opts });
    },

    changeMembership: async (change, opts) => {
      checkChange(change);
      return send('changeMembership', { method: 'POST', path: 'memberships', body: change, options: opts });
    },

    countAudience: (rules, opts) => send('countAudience', { method: 'POST', path: 'audience/count', body: rules, options: opts }),

    createInvite: async (draft, opts) => send('createInvite', { method: 'POST', path: 'invites', body: inviteToSend(draft), options: opts }),

    listInvites: (segmentId, opts) =>
      send('listInvites', {
        method: 'GET',
        path: segmentId === undefined ? 'invites' : `invites?segmentId=${encodeURIComponent(segmentId)}`,
        options: opts,
        // The wire wraps the list: `{ items }`.
        answer: (data) => (isItems(data) ? data.items : undefined),
      }),

    revokeInvite: async (id, opts) =>
      send('revokeInvite', { method: 'POST', path: `invites/${pathId(id)}/revoke`, options: opts }),

    // One Idempotency-Key per redemption, across the adapter's retries and a caller's (redeem.ts).
    redeemInvite: async (token, profile, opts) => {
      checkProfileFields(profile);
      return redeems.run(token, profile, opts?.requestId, opts?.signal, (key) =>
        send('redeemInvite', { method: 'POST', path: 'invites/redeem', body: { token, profile }, options: { ...opts, requestId: key } }),
      );
    },
  });
}

/** The `maxResponseBytes` option, or the default; `invalid-input` unless a whole number from 1. */
function checkMaxResponseBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw new SegkitError('invalid-input', 'maxResponseBytes must be a whole number of bytes, 1 or more.', {
    field: 'maxResponseBytes',
  });
}

/** The host's `headers` option, read once; invalid names or values are a mistake in the options. */
function readHeaders(init: HeadersInit | undefined): Headers {
  try {
    return new Headers(init);
  } catch (error) {
    throw new SegkitError('invalid-input', 'The headers option has a name or value that is not a valid header.', {
      field: 'headers',
      cause: error,
    });
  }
}

/**
 * A token as getToken gave it, when it can follow `Bearer ` (printable ASCII
 * without spaces: RFC 6750's token characters and more). Anything else, a
 * line break above all, made fetch throw a TypeError, read as a network
 * fault and retried for ever. It is `unauthorized`, not `invalid-input`: the
 * credentials are what is wrong, so the store pauses its writes, keeping
 * them, until the host fixes getToken and calls `resume()`, instead of rolling
 * back a change the user made correctly.
 */
function checkToken(token: unknown): string {
  if (typeof token === 'string' && /^[\x21-\x7e]+$/.test(token)) return token;
  throw new SegkitError('unauthorized', 'The access token from getToken() is not a valid header value (a line break, a space or a character outside printable ASCII).');
}

function isItems(data: unknown): data is { items: unknown } {
  return typeof data === 'object' && data !== null && 'items' in data;
}

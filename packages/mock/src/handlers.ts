/**
 * The segkit wire contract (`@segkit/rest`'s openapi.yaml) as one function
 * from a fetch `Request` to a `Response`: routing, faults, the operations.
 * HTTP only: every semantic decision is the memory adapter's. No msw here
 * (msw cannot load in a Worker, decision 029): `backend.ts` serves it through
 * one msw handler in the page, `in-worker.ts` calls it in a Worker.
 */
import { SegkitError } from '@segkit/core';
import type {
  InviteDraft,
  InviteProfile,
  MemberQuery,
  MembershipChange,
  SegkitErrorCode,
  SegmentDraft,
  SegmentPatch,
  SegmentRules,
  SegmentsAdapter,
} from '@segkit/core';
import { refuseUnauthorized } from './auth.js';
import type { MockAuth } from './auth.js';
import type { FaultRuntime } from './faults.js';
import type { SharedData, WriteOutcome } from './shared.js';
import { decodable, matchRoute, matches, underBase } from './routes.js';
import { checkChange, checkFilter, checkQueryRequest, checkRedeem } from './validate.js';

/** One request the mock backend answered, for tests. */
export interface MockRequestRecord {
  method: string;
  /** Path and query, e.g. `/api/segments`. */
  path: string;
  /** The operation (`createSegment`, ...), or undefined for an unknown route. */
  operation: string | undefined;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  /** The status answered, or `network-error`. */
  outcome: number | 'network-error';
}

export interface HandlerContext {
  baseUrl: string;
  ready(): Promise<void>;
  faults: FaultRuntime;
  /** The data: reads and (keyed, saved, shared) writes. */
  data: Pick<SharedData, 'read' | 'write'>;
  record(entry: MockRequestRecord): void;
  /** Tokens required (`createMockBackend({ auth })`); undefined: every request is let in. */
  auth?: MockAuth;
}

const STATUS: Partial<Record<SegkitErrorCode, number>> = {
  'name-taken': 409,
  'name-invalid': 422,
  'invalid-input': 422,
  'reserved-segment': 422,
  'not-found': 404,
  'invite-unusable': 410,
  unauthorized: 401,
};

/** The status a refusal is answered with. */
export function statusFor(code: SegkitErrorCode): number {
  return STATUS[code] ?? 500;
}

/** The code a bare status stands for (for injected faults). */
function codeFor(status: number): SegkitErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 404) return 'not-found';
  if (status === 409) return 'name-taken';
  if (status === 410) return 'invite-unusable';
  // A forced 401 or 403 (the demo's "session expired") says so in its body too.
  if (status === 401 || status === 403) return 'unauthorized';
  return 'server';
}

export function errorBody(code: SegkitErrorCode, message: string, field?: string) {
  return { error: { code, message, ...(field === undefined ? {} : { field }) } };
}

/** A JSON answer, as msw's `HttpResponse.json` makes it (Content-Type and Content-Length). */
function json(body: unknown, init: { status: number; headers?: Record<string, string> }): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  headers.set('Content-Length', String(new TextEncoder().encode(text).length));
  return new Response(text, { status: init.status, headers });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorResponse(status: number, code: SegkitErrorCode, message: string, field?: string, retryAfter?: string) {
  return json(errorBody(code, message, field), {
    status,
    ...(retryAfter === undefined ? {} : { headers: { 'Retry-After': retryAfter } }),
  });
}

function injected(status: number) {
  const retryAfter = status === 429 || status === 503 ? '1' : undefined;
  return errorResponse(status, codeFor(status), `Injected fault: the server answered ${status}.`, undefined, retryAfter);
}

export interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface OperationInput {
  body: unknown;
  params: Record<string, string>;
  url: URL;
  adapter: SegmentsAdapter;
  requestId: string | undefined;
}

interface Operation {
  id: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  /** Status of success. */
  status: number;
  write: boolean;
  body: boolean;
  run(input: OperationInput): Promise<unknown>;
}

const write = (requestId: string | undefined) => (requestId === undefined ? {} : { requestId });

const OPERATIONS: Operation[] = [
  {
    id: 'listSegments',
    method: 'get',
    path: '/segments',
    status: 200,
    write: false,
    body: false,
    run: ({ adapter }) => adapter.listSegments(),
  },
  {
    id: 'createSegment',
    method: 'post',
    path: '/segments',
    status: 201,
    write: true,
    body: true,
    run: ({ adapter, body, requestId }) => adapter.createSegment(body as SegmentDraft, write(requestId)),
  },
  {
    id: 'updateSegment',
    method: 'patch',
    path: '/segments/:id',
    status: 200,
    write: true,
    body: true,
    run: ({ adapter, body, params, requestId }) =>
      adapter.updateSegment(params.id!, body as SegmentPatch, write(requestId)),
  },
  {
    id: 'deleteSegment',
    method: 'delete',
    path: '/segments/:id',
    status: 200,
    write: true,
    body: false,
    run: ({ adapter, params, requestId }) => adapter.deleteSegment(params.id!, write(requestId)),
  },
  {
    id: 'queryMembers',
    method: 'post',
    path: '/members/query',
    status: 200,
    write: false,
    body: true,
    run: ({ adapter, body }) => {
      checkQueryRequest(body);
      const { query, offset, limit } = body as { query: MemberQuery; offset: number; limit: number };
      return adapter.queryMembers(query, { offset, limit });
    },
  },
  {
    id: 'previewMembership',
    method: 'post',
    path: '/memberships/preview',
    status: 200,
    write: false,
    body: true,
    run: ({ adapter, body }) => {
      checkChange(body);
      return adapter.previewMembership(body as MembershipChange);
    },
  },
  {
    id: 'changeMembership',
    method: 'post',
    path: '/memberships',
    status: 200,
    write: true,
    body: true,
    run: ({ adapter, body, requestId }) => {
      checkChange(body);
      return adapter.changeMembership(body as MembershipChange, write(requestId));
    },
  },
  {
    id: 'countAudience',
    method: 'post',
    path: '/audience/count',
    status: 200,
    write: false,
    body: true,
    run: ({ adapter, body }) => {
      checkFilter(body, 'rules', false);
      return adapter.countAudience(body as SegmentRules);
    },
  },
  {
    id: 'listInvites',
    method: 'get',
    path: '/invites',
    status: 200,
    write: false,
    body: false,
    run: async ({ adapter, url }) => ({ items: await adapter.listInvites(url.searchParams.get('segmentId') ?? undefined) }),
  },
  {
    id: 'createInvite',
    method: 'post',
    path: '/invites',
    status: 201,
    write: true,
    body: true,
    run: ({ adapter, body, requestId }) => adapter.createInvite(body as InviteDraft, write(requestId)),
  },
  {
    id: 'redeemInvite',
    method: 'post',
    path: '/invites/redeem',
    status: 200,
    write: true,
    body: true,
    run: ({ adapter, body, requestId }) => {
      const { token, profile } = checkRedeem(body);
      return adapter.redeemInvite(token, profile as InviteProfile, write(requestId));
    },
  },
  {
    id: 'revokeInvite',
    method: 'post',
    path: '/invites/:id/revoke',
    status: 200,
    write: true,
    body: false,
    run: ({ adapter, params, requestId }) => adapter.revokeInvite(params.id!, write(requestId)),
  },
];

/**
 * The header on an answer that breaks the contract on purpose (the `malformed`
 * fault, a test's hostile server); its value says how. Validators of the wire
 * (test/rest/wire-validator.ts) skip such answers and check all the others
 * (decision 022).
 */
export const HOSTILE_HEADER = 'X-Segkit-Hostile';

/** A 2xx that breaks the contract: invalid JSON, or JSON of the wrong shape. */
function malformed(faults: FaultRuntime, status: number): Response {
  const variant = Math.floor(faults.random.next() * 4);
  const mark = { [HOSTILE_HEADER]: 'malformed fault' };
  const jsonType = { 'Content-Type': 'application/json', ...mark };
  if (variant === 0) return new Response('{"items": [{"id": "seg_1", "na', { status, headers: jsonType });
  if (variant === 1) return new Response('<!doctype html><title>Bad gateway</title>', { status, headers: { 'Content-Type': 'text/html', ...mark } });
  if (variant === 2) return json({ unexpected: true, items: 'not a list' }, { status, headers: mark });
  return json([], { status, headers: mark });
}

async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A refusal as the wire says it; anything else is a crash (500). */
export function toOutcome(error: unknown): Outcome {
  if (error instanceof SegkitError) {
    return { status: statusFor(error.code), body: errorBody(error.code, error.message, error.field) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: errorBody('server', `The mock backend failed: ${message}`) };
}

/** The spec's bounds of `Idempotency-Key` (`components.parameters.IdempotencyKey`). */
export const IDEMPOTENCY_KEY_MAX = 256;

/** The spec's bounds of an `Id` (`components.schemas.Id`). */
const ID_MAX = 256;

/** A JSON media type (`application/json`, `application/problem+json`, with parameters or not). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * What the spec forbids before an operation runs: an `Idempotency-Key` of
 * 0 or more than 256 characters (400), a `segmentId` query parameter that is
 * not an `Id` on `GET /invites` (400; unknown query parameters are ignored,
 * as the spec allows), a body that is not declared JSON (415).
 */
function checkRequest(op: Operation, request: Request): Outcome | undefined {
  const key = request.headers.get('Idempotency-Key');
  if (op.write && key !== null && (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX)) {
    return {
      status: 400,
      body: errorBody('invalid-input', `Idempotency-Key has 1 to ${IDEMPOTENCY_KEY_MAX} characters.`, 'Idempotency-Key'),
    };
  }
  const segmentId = op.id === 'listInvites' ? new URL(request.url).searchParams.get('segmentId') : null;
  if (segmentId !== null && (segmentId.length === 0 || segmentId.length > ID_MAX)) {
    return { status: 400, body: errorBody('invalid-input', `segmentId has 1 to ${ID_MAX} characters.`, 'segmentId') };
  }
  const type = request.headers.get('Content-Type');
  if (op.body && !JSON_TYPE.test(type ?? '')) {
    return { status: 415, body: errorBody('invalid-input', 'The request body is JSON (Content-Type: application/json).', 'Content-Type') };
  }
  return undefined;
}

/**
 * Runs one operation: body parsing, the adapter, and for writes idempotent
 * replays (a keyed write is answered with its first outcome, decision 001).
 * Faults are applied around it.
 */
async function perform(ctx: HandlerContext, op: Operation, request: Request, params: Record<string, string>): Promise<Outcome> {
  const refused = checkRequest(op, request);
  if (refused) return refused;
  const key = op.write ? request.headers.get('Idempotency-Key') ?? undefined : undefined;
  const parsed = op.body ? await readBody(request) : { ok: true as const, value: undefined };
  const url = new URL(request.url);
  const run = async (adapter: SegmentsAdapter): Promise<WriteOutcome> => {
    // A replay is answered before the body is looked at; a body that is not JSON is not a first outcome.
    if (!parsed.ok) return { status: 400, body: errorBody('invalid-input', 'The request body is not valid JSON.'), remember: false };
    try {
      return { status: op.status, body: await op.run({ body: parsed.value, params, url, adapter, requestId: key }) };
    } catch (error) {
      return toOutcome(error);
    }
  };
  if (!op.write) return ctx.data.read(run);
  return ctx.data.write(key === undefined ? undefined : `${op.id}:${key}`, run);
}

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/**
 * The contract under `baseUrl` as one function: a request under it is
 * answered (its operation, or 404 / 405); any other resolves `undefined`
 * (not this backend's).
 */
export function createResponder(ctx: HandlerContext): (request: Request) => Promise<Response | undefined> {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const { faults } = ctx;

  async function serve(request: Request, op: Operation | undefined, params: Record<string, string>): Promise<Response> {
    const record = (outcome: MockRequestRecord['outcome']) =>
      ctx.record({
        method: request.method,
        path: pathOf(request),
        operation: op?.id,
        idempotencyKey: request.headers.get('Idempotency-Key') ?? undefined,
        authorization: request.headers.get('Authorization') ?? undefined,
        outcome,
      });
    const answer = (response: Response) => {
      record(response.type === 'error' ? 'network-error' : response.status);
      return response;
    };

    await ctx.ready();
    const latency = faults.latency();
    if (latency > 0) await sleep(latency);
    const standing = faults.get();
    if (standing.offline) return answer(Response.error());
    const next = faults.takeNext();
    if (next && !next.afterApply) {
      if (next.network) return answer(Response.error());
      if (next.status !== undefined) return answer(injected(next.status));
    }
    if (standing.status !== null) return answer(injected(standing.status));
    if (faults.rollError()) {
      const retryAfter = faults.random.next() < 0.5 ? '0' : '1';
      return answer(errorResponse(503, 'server', 'Injected fault: the server is overloaded.', undefined, retryAfter));
    }

    // The client gave up while the request waited (a superseded query): like a connection dropped, nothing runs.
    if (request.signal?.aborted) return answer(Response.error());

    let outcome: Outcome;
    const refused = refuseUnauthorized(ctx.auth, request, op);
    if (refused) {
      outcome = refused;
    } else if (!decodable(new URL(request.url).pathname)) {
      outcome = { status: 400, body: errorBody('invalid-input', 'The path has a malformed percent-encoding.', 'id') };
    } else if (op) {
      outcome = await perform(ctx, op, request, params);
    } else {
      const known = OPERATIONS.some((o) => matches(base + o.path, new URL(request.url).pathname));
      outcome = known
        ? { status: 405, body: errorBody('invalid-input', `${request.method} is not allowed here.`) }
        : { status: 404, body: errorBody('not-found', `There is no endpoint ${request.method} ${pathOf(request)}.`) };
    }

    if (next?.afterApply) {
      if (next.status !== undefined) return answer(injected(next.status));
      if (next.malformed) return answer(malformed(faults, outcome.status < 300 ? outcome.status : 200));
      return answer(Response.error());
    }
    const ok = outcome.status >= 200 && outcome.status < 300;
    if (ok && (next?.malformed || standing.malformed)) return answer(malformed(faults, outcome.status));
    return answer(
      json(outcome.body as Record<string, unknown>, {
        status: outcome.status,
        ...(outcome.headers === undefined ? {} : { headers: outcome.headers }),
      }),
    );
  }

  return async (request) => {
    if (!underBase(base, request.url)) return undefined;
    // A path that does not decode (`%E0%A4%A`) names no operation: 400.
    const route = decodable(new URL(request.url).pathname) ? routeOf(base, request) : undefined;
    return serve(request, route?.op, route?.params ?? {});
  };
}

/** The operation a request names, matched as msw matches a route (path-to-regexp: any case, an optional trailing slash, parameters decoded). */
function routeOf(base: string, request: Request): { op: Operation; params: Record<string, string> } | undefined {
  const url = new URL(request.url);
  const method = request.method.toLowerCase();
  for (const op of OPERATIONS) {
    if (op.method !== method) continue;
    const params = matchRoute(base + op.path, url);
    if (params) return { op, params };
  }
  return undefined;
}


/**
 * msw handlers for the segkit wire contract (`@segkit/rest`'s openapi.yaml).
 * HTTP only: every semantic decision is the memory adapter's.
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
import { HttpResponse, delay, http } from 'msw';
import type { RequestHandler } from 'msw';
import { refuseUnauthorized } from './auth.js';
import type { MockAuth } from './auth.js';
import type { FaultRuntime } from './faults.js';
import type { SharedData, WriteOutcome } from './shared.js';
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

function errorResponse(status: number, code: SegkitErrorCode, message: string, field?: string, retryAfter?: string) {
  return HttpResponse.json(errorBody(code, message, field), {
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
  const json = { 'Content-Type': 'application/json', ...mark };
  if (variant === 0) return new HttpResponse('{"items": [{"id": "seg_1", "na', { status, headers: json });
  if (variant === 1) return new HttpResponse('<!doctype html><title>Bad gateway</title>', { status, headers: { 'Content-Type': 'text/html', ...mark } });
  if (variant === 2) return HttpResponse.json({ unexpected: true, items: 'not a list' }, { status, headers: mark });
  return HttpResponse.json([], { status, headers: mark });
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

/** True when every `%` escape of `pathname` decodes (path-to-regexp throws on the others). */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
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

/** The msw handlers of the contract under `baseUrl`, then a catch-all answering 404 / 405 under it. */
export function createHandlers(ctx: HandlerContext): RequestHandler[] {
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
    if (latency > 0) await delay(latency);
    const standing = faults.get();
    if (standing.offline) return answer(HttpResponse.error());
    const next = faults.takeNext();
    if (next && !next.afterApply) {
      if (next.network) return answer(HttpResponse.error());
      if (next.status !== undefined) return answer(injected(next.status));
    }
    if (standing.status !== null) return answer(injected(standing.status));
    if (faults.rollError()) {
      const retryAfter = faults.random.next() < 0.5 ? '0' : '1';
      return answer(errorResponse(503, 'server', 'Injected fault: the server is overloaded.', undefined, retryAfter));
    }

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
      return answer(HttpResponse.error());
    }
    const ok = outcome.status >= 200 && outcome.status < 300;
    if (ok && (next?.malformed || standing.malformed)) return answer(malformed(faults, outcome.status));
    return answer(
      HttpResponse.json(outcome.body as Record<string, unknown>, {
        status: outcome.status,
        ...(outcome.headers === undefined ? {} : { headers: outcome.headers }),
      }),
    );
  }

  const under = (request: Request) => underBase(base, request.url);
  // First: a path msw's route matching cannot decode (`%E0%A4%A`) would throw inside msw (a 500 with its stack).
  const handlers: RequestHandler[] = [
    http.all(
      ({ request }) => under(request) && !decodable(new URL(request.url).pathname),
      ({ request }) => serve(request, undefined, {}),
    ),
  ];
  for (const op of OPERATIONS) {
    handlers.push(http[op.method](base + op.path, ({ request, params }) => serve(request, op, params as Record<string, string>)));
  }
  handlers.push(http.all(({ request }) => under(request), ({ request }) => serve(request, undefined, {})));
  return handlers;
}

/** True when `url` is under `base` (an absolute URL, or a path on any origin). */
function underBase(base: string, url: string): boolean {
  const target = new URL(url);
  const absolute = /^[a-z][a-z\d+.-]*:/i.test(base);
  const prefix = absolute ? base : base.startsWith('/') ? base : `/${base}`;
  const here = absolute ? target.origin + target.pathname : target.pathname;
  return here.startsWith(`${prefix}/`);
}

/** True when `pathname` matches a route pattern with `:param` segments. */
function matches(pattern: string, pathname: string): boolean {
  const route = new URL(pattern, 'http://x').pathname.split('/');
  const path = pathname.split('/');
  return route.length === path.length && route.every((part, i) => part.startsWith(':') || part === path[i]);
}

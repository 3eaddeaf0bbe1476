/**
 * Boundary validation (decision 005), driven by one table: every adapter
 * method is listed once, in `ADAPTER_METHODS`, with the parser its answer
 * must pass and whether it is a write. The store's wrapper and the REST
 * adapter both read the table; adding an adapter method means adding it to
 * `SegmentsAdapter` and here (the table's type refuses a missing or unknown
 * method), and then implementing it in each adapter.
 *
 * Every answer is parsed exactly once: either by `validatedAdapter` (any
 * adapter a host writes) or by an adapter that parses with `parseAnswer`
 * itself and says so with `markValidated` (the REST adapter, which adds the
 * HTTP status to a `bad-response`).
 */
import type { SegmentsAdapter } from './adapter.js';
import { toSegkitError } from './errors.js';
import {
  parseAudienceCount,
  parseDeleteResult,
  parseInviteLink,
  parseInviteList,
  parseMemberPage,
  parseMembershipPreview,
  parseMembershipResult,
  parseRedeemResult,
  parseSegment,
  parseSegmentList,
} from './schema.js';

/** The methods of an adapter: everything but `capabilities` and the optional `subscribe`. */
export type AdapterMethod = Exclude<keyof SegmentsAdapter, 'capabilities' | 'subscribe'>;

/** What `method` answers, once validated. */
export type AdapterAnswer<M extends AdapterMethod> = Awaited<ReturnType<SegmentsAdapter[M]>>;

/** How to treat one adapter method. */
export interface AdapterMethodSpec<T> {
  /** Checks an answer: returns it clean, or throws `bad-response` naming the path. */
  readonly parse: (data: unknown) => T;
  /** A write: takes a `requestId` that is applied at most once (`Idempotency-Key` over HTTP). */
  readonly write: boolean;
}

/** Every adapter method, once: its answer's parser and whether it writes. */
export const ADAPTER_METHODS: { readonly [M in AdapterMethod]: AdapterMethodSpec<AdapterAnswer<M>> } = Object.freeze({
  listSegments: { parse: parseSegmentList, write: false },
  createSegment: { parse: parseSegment, write: true },
  updateSegment: { parse: parseSegment, write: true },
  deleteSegment: { parse: parseDeleteResult, write: true },
  queryMembers: { parse: parseMemberPage, write: false },
  previewMembership: { parse: parseMembershipPreview, write: false },
  changeMembership: { parse: parseMembershipResult, write: true },
  countAudience: { parse: parseAudienceCount, write: false },
  createInvite: { parse: parseInviteLink, write: true },
  listInvites: { parse: parseInviteList, write: false },
  revokeInvite: { parse: parseInviteLink, write: true },
  redeemInvite: { parse: parseRedeemResult, write: true },
});

const METHODS = Object.keys(ADAPTER_METHODS) as AdapterMethod[];

/** Checks an answer of `method` with its parser from the table. */
export function parseAnswer<M extends AdapterMethod>(method: M, data: unknown): AdapterAnswer<M> {
  return ADAPTER_METHODS[method].parse(data);
}

const VALIDATED = Symbol.for('segkit.validated');

/**
 * True when `adapter` itself was marked by `markValidated`. The mark names the
 * object it was put on, so a proxy or a copy of a marked adapter (which may
 * answer differently) is not trusted.
 */
export function isValidated(adapter: SegmentsAdapter): boolean {
  return (adapter as unknown as Record<symbol, unknown>)[VALIDATED] === adapter;
}

/**
 * Says that every answer of `adapter` already went through `parseAnswer` and
 * every throw is a `SegkitError`, so `validatedAdapter` (and so the store)
 * takes it as it is. Only for adapters that do exactly that; returns `adapter`.
 */
export function markValidated<A extends SegmentsAdapter>(adapter: A): A {
  return Object.defineProperty(adapter, VALIDATED, { value: adapter });
}

async function guard<T>(call: () => Promise<unknown>, parse: (data: unknown) => T): Promise<T> {
  let data: unknown;
  try {
    data = await call();
  } catch (error) {
    throw toSegkitError(error);
  }
  return parse(data);
}

/**
 * Wraps any adapter so that everything it returns is validated (malformed data
 * becomes `bad-response`) and everything it throws is a `SegkitError`. The
 * store does this to every adapter it is given, so a host's hand-written
 * adapter gets the same guarantees as ours; an adapter marked with
 * `markValidated` is returned as it is.
 */
export function validatedAdapter(adapter: SegmentsAdapter): SegmentsAdapter {
  if (isValidated(adapter)) return adapter;
  const wrapped: Record<string, unknown> = { capabilities: adapter.capabilities ?? { live: false, invites: false } };
  for (const method of METHODS) {
    const parse: (data: unknown) => unknown = ADAPTER_METHODS[method].parse;
    // Looked up at each call, as a method of the adapter (a proxy sees every call).
    const call = (args: unknown[]) => (adapter[method] as (...args: unknown[]) => Promise<unknown>).apply(adapter, args);
    wrapped[method] = (...args: unknown[]) => guard(() => call(args), parse);
  }
  if (adapter.subscribe) wrapped.subscribe = adapter.subscribe.bind(adapter);
  return markValidated(wrapped as unknown as SegmentsAdapter);
}

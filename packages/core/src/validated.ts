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

const VALIDATED = Symbol.for('segkit.validated');

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
 * adapter gets the same guarantees as ours.
 */
export function validatedAdapter(adapter: SegmentsAdapter): SegmentsAdapter {
  if ((adapter as unknown as Record<symbol, unknown>)[VALIDATED]) return adapter;
  const wrapped: SegmentsAdapter = {
    capabilities: adapter.capabilities ?? { live: false, invites: false },
    listSegments: (o) => guard(() => adapter.listSegments(o), parseSegmentList),
    createSegment: (d, o) => guard(() => adapter.createSegment(d, o), parseSegment),
    updateSegment: (id, p, o) => guard(() => adapter.updateSegment(id, p, o), parseSegment),
    deleteSegment: (id, o) => guard(() => adapter.deleteSegment(id, o), parseDeleteResult),
    queryMembers: (q, p, o) => guard(() => adapter.queryMembers(q, p, o), parseMemberPage),
    previewMembership: (c, o) => guard(() => adapter.previewMembership(c, o), parseMembershipPreview),
    changeMembership: (c, o) => guard(() => adapter.changeMembership(c, o), parseMembershipResult),
    countAudience: (r, o) => guard(() => adapter.countAudience(r, o), parseAudienceCount),
    createInvite: (d, o) => guard(() => adapter.createInvite(d, o), parseInviteLink),
    listInvites: (s, o) => guard(() => adapter.listInvites(s, o), parseInviteList),
    revokeInvite: (id, o) => guard(() => adapter.revokeInvite(id, o), parseInviteLink),
    redeemInvite: (t, p, o) => guard(() => adapter.redeemInvite(t, p, o), parseRedeemResult),
  };
  if (adapter.subscribe) wrapped.subscribe = adapter.subscribe.bind(adapter);
  Object.defineProperty(wrapped, VALIDATED, { value: true });
  return wrapped;
}

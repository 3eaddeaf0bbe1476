/**
 * What the REST adapter refuses before sending: a request body that
 * openapi.yaml's schema forbids never goes on the wire (decision 022). The
 * rules are core's (the memory adapter's, so both adapters answer the same
 * codes and fields); what needs the server's state (a taken name, an unknown
 * segment, an expiry against the server's clock) stays the server's call.
 */
import { SegkitError, checkInviteDraft, checkSegmentDraft, checkSegmentPatch } from '@segkit/core';
import type { InviteDraft, InviteProfile, MembershipChange, SegmentDraft, SegmentPatch } from '@segkit/core';

/** `MemberQueryRequest.limit`'s maximum. */
export const MAX_PAGE_LIMIT = 500;

/** A draft as `SegmentDraft` allows (name rules, id, colour, description, metadata), normalised. */
export function draftToSend(draft: SegmentDraft): SegmentDraft {
  return checkSegmentDraft(draft, []);
}

/** A patch as `SegmentPatch` allows, normalised. */
export function patchToSend(id: string, patch: SegmentPatch): SegmentPatch {
  return checkSegmentPatch(id, patch, []);
}

/** `offset` 0 or more, `limit` 1 to 500, both whole numbers. */
export function checkPage(page: { offset: number; limit: number }): void {
  const { offset, limit } = page ?? ({} as { offset: number; limit: number });
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new SegkitError('invalid-input', `A page has an offset >= 0 and a limit from 1 to ${MAX_PAGE_LIMIT}.`);
  }
}

/** At least one segment to change (`MembershipChange.segmentIds`). */
export function checkChange(change: MembershipChange): void {
  if (!Array.isArray(change?.segmentIds) || change.segmentIds.length === 0) {
    throw new SegkitError('invalid-input', 'Choose at least one segment.', { field: 'segmentIds' });
  }
}

/** An invite draft as `InviteDraft` allows; whether the expiry is in the future is the server's clock's call. */
export function inviteToSend(draft: InviteDraft): InviteDraft {
  return checkInviteDraft(draft, Number.NEGATIVE_INFINITY);
}

/** `InviteProfile` has a name and maybe an email, nothing else. */
export function checkProfileFields(profile: InviteProfile): void {
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
    throw new SegkitError('invalid-input', 'A profile with a name is required.', { field: 'name' });
  }
  const extra = Object.keys(profile).find((key) => key !== 'name' && key !== 'email' && (profile as unknown as Record<string, unknown>)[key] !== undefined);
  if (extra !== undefined) {
    throw new SegkitError('invalid-input', 'Joining through a link takes only a name and an email.', { field: extra });
  }
}

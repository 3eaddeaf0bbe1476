/**
 * Redeeming `?segkit-invite=<token>` on a landing page, with the elements'
 * helper: it reads the token, redeems it through the store (the member lands
 * in the link's segment, announced with source "link") and removes the
 * parameter from the address bar so a reload does not try again.
 */
import { readInviteToken, redeemFromUrl } from '@segkit/elements';
import type { InviteProfile, RedeemResult, SegmentStore } from '@segkit/core';

export const INVITE_PARAM = 'segkit-invite';

export function inviteToken(url: string = location.href): string | null {
  return readInviteToken(url, INVITE_PARAM);
}

/** Joins through the invite in the URL; resolves what happened, or null without a token. */
export function redeem(store: SegmentStore, profile: InviteProfile): Promise<RedeemResult | null> {
  return redeemFromUrl(store, profile, { param: INVITE_PARAM });
}

/**
 * Redeeming `?segkit-invite=<token>` on a landing page. Uses the elements'
 * `redeemFromUrl` helper (packages/elements/src/invite-link/redeem.ts) when it
 * is there, else the same few lines over the store.
 */
import type { InviteProfile, RedeemResult, SegmentStore } from '@segkit/core';

export const INVITE_PARAM = 'segkit-invite';

type RedeemFromUrl = (...args: never[]) => Promise<RedeemResult | undefined | null>;
const helpers = import.meta.glob<{ redeemFromUrl?: RedeemFromUrl }>('../../packages/elements/src/invite-link/redeem.ts', {
  eager: true,
});
const helper = Object.values(helpers)[0]?.redeemFromUrl;

export function inviteToken(url: string | URL = location.href): string | null {
  return new URL(url, location.href).searchParams.get(INVITE_PARAM);
}

/** Joins through the invite in the URL; resolves what happened, or null without a token. */
export async function redeem(store: SegmentStore, profile: InviteProfile): Promise<RedeemResult | null> {
  if (helper) {
    const run = helper as unknown as (store: SegmentStore, profile: InviteProfile) => Promise<RedeemResult | null | undefined>;
    return (await run(store, profile)) ?? null;
  }
  const token = inviteToken();
  if (!token) return null;
  return store.redeemInvite(token, profile);
}

export const usingHelper = helper !== undefined;

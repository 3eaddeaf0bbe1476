/**
 * Redeeming an invitation link on the page it opens.
 *
 * ```ts
 * import { redeemFromUrl } from '@segkit/elements';
 *
 * // On the sign-up page, once you know who is joining:
 * const joined = await redeemFromUrl(store, { name: 'Ana Silva', email: 'ana@example.com' });
 * if (joined) showWelcome(joined.segmentName); // null: the page was not opened from a link
 * ```
 *
 * The answer carries only what the page needs: the segment's id and name,
 * `joined`, the member this redeem created (id, name and email as typed), and
 * `revealed`: the segment fields the link was made to show (`{ discountCode:
 * 'VIP20' }`, `{}` when none; docs/decisions/025-invite-links-reveal-chosen-fields.md).
 * The email is not verified, so it never finds an existing member
 * (docs/decisions/015-invite-redeem-privacy.md).
 *
 * Typed errors pass through unchanged: `invite-unusable` (expired, used up or
 * revoked) and `not-found` (no such link), plus the usual `network`, ...
 */
import { isSegkitError } from '@segkit/core';
import type { InviteProfile, RedeemResult, SegmentStore } from '@segkit/core';
import { DEFAULT_INVITE_PARAM } from './invite-model.js';

/**
 * The invite token in `url`'s `param` query parameter, or null when there is
 * none (or the URL cannot be parsed).
 */
export function readInviteToken(url: string = location.href, param: string = DEFAULT_INVITE_PARAM): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  } catch {
    return null;
  }
  const token = parsed.searchParams.get(param);
  return token && token.trim() !== '' ? token.trim() : null;
}

export interface RedeemFromUrlOptions {
  /** Where to read the token (default: the page's address, `location.href`). */
  url?: string;
  /** The query parameter (default `segkit-invite`; match the element's `param`). */
  param?: string;
  /**
   * Remove the parameter from the address bar (`history.replaceState`) once
   * the link was used or definitely refused (`invite-unusable`, `not-found`),
   * so a reload or a shared URL does not try again (default true). It stays
   * after a transient failure (`network`, `offline`, `server`) so a reload retries.
   */
  clean?: boolean;
}

/**
 * Reads the invite token from the URL and redeems it for `profile`
 * (`store.redeemInvite`): a new member is created from the profile (a name,
 * maybe an email; nothing else is accepted) and placed in the link's segment
 * (announced with source `link`). Resolves null when the URL carries no token.
 */
export async function redeemFromUrl(
  store: SegmentStore,
  profile: InviteProfile,
  options: RedeemFromUrlOptions = {},
): Promise<RedeemResult | null> {
  const param = options.param ?? DEFAULT_INVITE_PARAM;
  const token = readInviteToken(options.url ?? location.href, param);
  if (token === null) return null;
  const clean = options.clean ?? true;
  try {
    const result = await store.redeemInvite(token, profile);
    if (clean) removeParam(param);
    return result;
  } catch (error) {
    if (clean && (isSegkitError(error, 'invite-unusable') || isSegkitError(error, 'not-found'))) removeParam(param);
    throw error;
  }
}

/** Drops `param` from the address bar without a navigation or a new history entry. */
function removeParam(param: string): void {
  if (typeof location === 'undefined' || typeof history === 'undefined') return;
  const current = new URL(location.href);
  if (!current.searchParams.has(param)) return;
  current.searchParams.delete(param);
  history.replaceState(history.state, '', current.href);
}

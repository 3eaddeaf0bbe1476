/**
 * Plain functions behind `segkit-invite-link`: a link's status, its URL, and
 * the form's inputs read into an `InviteDraft`. No DOM rendering, no Lit.
 */
import type { InviteLink } from '@segkit/core';

/** The query parameter that carries the token, unless the element's `param` says otherwise. */
export const DEFAULT_INVITE_PARAM = 'segkit-invite';

export type InviteStatus = 'active' | 'expired' | 'used-up' | 'revoked';

/** Revoked wins over used up, which wins over expired. */
export function inviteStatus(invite: InviteLink, now: number): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.maxUses !== undefined && invite.uses >= invite.maxUses) return 'used-up';
  if (invite.expiresAt && Date.parse(invite.expiresAt) <= now) return 'expired';
  return 'active';
}

/**
 * Resolves a base URL (relative ones against `against`) and accepts only
 * http(s). Returns null for anything else (`javascript:`, `data:`, garbage).
 */
export function httpBaseUrl(base: string, against: string): URL | null {
  try {
    const url = new URL(base, against);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The invitation URL: `base` with the token in the `param` query parameter (other parameters kept). */
export function inviteUrl(base: URL, token: string, param: string): string {
  const url = new URL(base.href);
  url.searchParams.set(param, token);
  return url.href;
}

export const MAX_USES_LIMIT = 1_000_000;

/** Reads a `datetime-local` value (local time). `undefined` when empty, `null` when invalid or not in the future. */
export function parseExpiry(value: string, now: number): string | undefined | null {
  if (value.trim() === '') return undefined;
  const at = new Date(value).getTime();
  if (Number.isNaN(at) || at <= now) return null;
  return new Date(at).toISOString();
}

/** Reads the max-uses input. `undefined` when empty, `null` unless a whole number from 1 to 1,000,000. */
export function parseMaxUses(value: string): number | undefined | null {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_USES_LIMIT ? n : null;
}

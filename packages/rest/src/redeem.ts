/**
 * Redeeming an invite link keeps one `Idempotency-Key` until it has an
 * answer ([decision 014](../../../docs/decisions/014-rest-adapter-hardening.md)).
 * A redeem is not queued (the landing page needs an answer now), so the
 * adapter itself retries a lost answer (network fault, 5xx, 429) with the
 * same key, and a later redeem of the same link by the same person, while the
 * outcome of an earlier one is still unknown, reuses that earlier key: the
 * server answers the first outcome instead of spending another use (on a
 * single-use link, "no uses left" to the person who did join).
 */
import { SegkitError, createId, throwIfAborted } from '@segkit/core';
import type { InviteProfile } from '@segkit/core';

/** Tries of one redeem (the first and two retries). */
export const REDEEM_ATTEMPTS = 3;
/** Wait before the first retry; doubled for the next; `Retry-After` is kept within [REDEEM_RETRY_MS, REDEEM_RETRY_MAX_MS]. */
const REDEEM_RETRY_MS = 300;
const REDEEM_RETRY_MAX_MS = 5_000;
/** Redeems with an unknown outcome remembered at most (the oldest is forgotten). */
const REMEMBERED = 20;

/** Faults after which the redeem may have been applied: its outcome is unknown. */
const UNKNOWN_OUTCOME = new Set(['network', 'offline', 'server', 'aborted']);
/** Of those, the ones worth retrying at once (offline: the device says it would fail again). */
const RETRIED = new Set(['network', 'server']);

/** Sends redeems with one key per redemption across retries. */
export interface RedeemKeys {
  /**
   * Runs `send(key)` until it answers, at most `REDEEM_ATTEMPTS` times while
   * the outcome stays unknown; `key` is the key of an earlier unanswered
   * redeem of `token` by `profile`, else `requestId` (else a new one).
   */
  run<T>(token: string, profile: InviteProfile, requestId: string | undefined, signal: AbortSignal | undefined, send: (key: string) => Promise<T>): Promise<T>;
}

export function createRedeemKeys(): RedeemKeys {
  /** Keys of redeems whose outcome is unknown, by link and person. */
  const unknown = new Map<string, string>();

  return {
    async run(token, profile, requestId, signal, send) {
      const who = JSON.stringify([token, profile]);
      const key = unknown.get(who) ?? requestId ?? createId('redeem_');
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await send(key);
          unknown.delete(who);
          return result;
        } catch (error) {
          const code = error instanceof SegkitError ? error.code : 'network';
          if (!UNKNOWN_OUTCOME.has(code)) {
            // A definite answer (refused, not found, unusable...): a new redeem is a new attempt.
            unknown.delete(who);
            throw error;
          }
          unknown.delete(who);
          unknown.set(who, key);
          if (unknown.size > REMEMBERED) unknown.delete(unknown.keys().next().value!);
          if (!RETRIED.has(code) || attempt >= REDEEM_ATTEMPTS) throw error;
          const asked = error instanceof SegkitError ? error.retryAfterMs : undefined;
          const wait = asked ?? REDEEM_RETRY_MS * 2 ** (attempt - 1);
          await sleep(Math.min(REDEEM_RETRY_MAX_MS, Math.max(REDEEM_RETRY_MS, wait)), signal);
        }
      }
    },
  };
}

/** Resolves after `ms`; rejects `aborted` as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new SegkitError('aborted', 'The operation was aborted.', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

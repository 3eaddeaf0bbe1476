/**
 * What an invite link reveals to whoever joins through it: the link carries
 * `reveal`, keys of the segment's `metadata` the team chose (a discount
 * code), and a redeem answers their values in `revealed`. Nothing else of the
 * segment reaches the anonymous redeemer
 * (docs/decisions/025-invite-links-reveal-chosen-fields.md).
 */
import { SegkitError } from './errors.js';
import type { JsonValue, RevealedValue } from './model.js';
import { isSegmentFieldKey } from './segment-fields.js';

/** A link reveals at most this many keys. */
export const REVEAL_MAX_KEYS = 16;

/**
 * A link's `reveal` checked: a list of keys of the form of a segment field
 * key, duplicates dropped (first kept), at most `REVEAL_MAX_KEYS`. Throws
 * `invalid-input` with `field: 'reveal'`.
 */
export function checkReveal(reveal: unknown): string[] {
  const refuse = (message: string): never => {
    throw new SegkitError('invalid-input', message, { field: 'reveal' });
  };
  if (!Array.isArray(reveal)) refuse('reveal is a list of segment metadata keys.');
  const keys: string[] = [];
  for (const key of reveal as unknown[]) {
    if (!isSegmentFieldKey(key)) {
      refuse('A revealed key is a letter or "_", then up to 63 letters, digits, "_", "." or "-".');
    }
    if (keys.includes(key as string)) continue;
    keys.push(key as string);
    if (keys.length > REVEAL_MAX_KEYS) refuse(`A link can reveal at most ${REVEAL_MAX_KEYS} keys.`);
  }
  return keys;
}

/** A value that may be revealed: text, a finite number or a boolean. */
export function isRevealedValue(value: unknown): value is RevealedValue {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The values of `keys` in `metadata`: own keys holding a scalar only (a key
 * missing, or holding an object, a list or `null`, is left out). What a
 * redeem answers in `revealed`.
 */
export function revealedValues(
  metadata: Readonly<Record<string, JsonValue>> | undefined,
  keys: readonly string[] | undefined,
): Record<string, RevealedValue> {
  const out: Record<string, RevealedValue> = {};
  if (!metadata || !keys) return out;
  for (const key of keys) {
    if (!isSegmentFieldKey(key) || !Object.prototype.hasOwnProperty.call(metadata, key)) continue;
    const value = metadata[key];
    if (isRevealedValue(value)) out[key] = value;
  }
  return out;
}

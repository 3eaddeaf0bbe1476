/**
 * The bounds of the store's work (decision 016): the options it accepts, how
 * many rows one `loadRange` may load and how many ids one selection may hold.
 * A value out of bounds is refused with `invalid-input` naming it, never
 * clamped into a storm of requests or timers.
 */
import { SegkitError } from '../errors.js';
import type { SegmentStoreOptions } from './types.js';

/**
 * Most member ids one selection (or one bulk action's `ids` / `except`) may
 * hold: the most rows one Shift range selects, and an `ids` body of at most
 * about 660 KB (64-character ids) that a backend can read at once. Beyond it,
 * "Select all matching" sends the query instead.
 */
export const MAX_SELECTED_IDS = 10_000;

/** Longest delay a browser timer keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The store's numeric options once checked, defaults applied. */
export interface StoreLimits {
  pageSize: number;
  maxPages: number;
  retry: { baseMs: number; maxMs: number; maxAttempts: number };
}

function refuse(option: string, rule: string): never {
  throw new SegkitError('invalid-input', `The store option "${option}" must be ${rule}.`, { field: option });
}

function whole(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    refuse(option, `a whole number from ${min} to ${max.toLocaleString('en-US')}`);
  }
  return value;
}

/**
 * Checks the options of `createSegmentStore`; throws `invalid-input` with the
 * option's name (`field`: `pageSize`, `retry.maxMs`, ...).
 */
export function checkStoreOptions(options: SegmentStoreOptions): StoreLimits {
  if (typeof options !== 'object' || options === null) refuse('options', 'an object');
  if (typeof options.adapter !== 'object' || options.adapter === null) refuse('adapter', 'a SegmentsAdapter');
  if (options.now !== undefined && typeof options.now !== 'function') refuse('now', 'a function returning ms');
  const pageSize = whole('pageSize', options.pageSize, 100, 1, 500);
  const maxPages = whole('maxPages', options.maxPages, 60, 1, 1000);
  const retry: unknown = options.retry ?? {};
  if (typeof retry !== 'object' || retry === null) refuse('retry', 'an object');
  const { baseMs: base, maxMs: max, maxAttempts: attempts } = retry as Record<string, unknown>;
  const baseMs = whole('retry.baseMs', base, 500, 1, MAX_TIMER_MS);
  const maxMs = whole('retry.maxMs', max, Math.max(30_000, baseMs), baseMs, MAX_TIMER_MS);
  const maxAttempts = whole('retry.maxAttempts', attempts, 8, 1, 1000);
  return { pageSize, maxPages, retry: { baseMs, maxMs, maxAttempts } };
}

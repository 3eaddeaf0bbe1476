/**
 * Every failure of the cache becomes a `SegkitError`. Local storage that
 * cannot be used (full, blocked, missing, closed underneath) is `quota`: the
 * code whose meaning is "the store goes on in memory and says so". Which of
 * these it was is in the message and in `cause` (the browser's DOMException).
 */
import { SegkitError, isSegkitError, toSegkitError } from '@segkit/core';

/** The browser's name for a DOMException (or any error), if it has one. */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string' ? error.name : undefined;
}

export function isQuotaError(error: unknown): boolean {
  const name = errorName(error);
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

const MESSAGES: Record<string, string> = {
  QuotaExceededError: 'Local storage is full; working in memory.',
  NS_ERROR_DOM_QUOTA_REACHED: 'Local storage is full; working in memory.',
  SecurityError: 'Local storage is blocked on this page (private window or storage-blocked frame); working in memory.',
  InvalidStateError: 'The local cache was closed; working in memory.',
  VersionError: 'A newer version of this page upgraded the local cache; working in memory.',
  UnknownError: 'Local storage failed; working in memory.',
};

/** `error` as a `SegkitError`: `invalid-input` for a value that cannot be stored, `quota` for everything else. */
export function cacheError(error: unknown): SegkitError {
  // Any copy's SegkitError keeps its code (as one of this copy), not only this copy's.
  if (isSegkitError(error)) return toSegkitError(error);
  const name = errorName(error);
  if (name === 'DataCloneError') {
    return new SegkitError('invalid-input', 'The value cannot be stored: it is not structured-clonable.', { cause: error });
  }
  return new SegkitError('quota', (name && MESSAGES[name]) || 'Local storage is unavailable; working in memory.', { cause: error });
}

/** A `quota` error with its own message (no browser error behind it). */
export function unavailable(message: string, cause?: unknown): SegkitError {
  return new SegkitError('quota', message, cause === undefined ? {} : { cause });
}

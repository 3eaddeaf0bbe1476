/**
 * Typed errors with stable codes. Codes are public API: hosts switch on them
 * and translate them; never rename one.
 */
export type SegkitErrorCode =
  /** A segment with that name exists (compared without case, accents, width or extra spaces). */
  | 'name-taken'
  /** A name is empty, too long, has nothing visible, or has control, invisible or bidi control characters. */
  | 'name-invalid'
  /** A field other than the name is invalid (colour, description, metadata, invite options, store options, a range or selection too large...). */
  | 'invalid-input'
  /** The segment, member or invite does not exist. */
  | 'not-found'
  /** The Unassigned segment cannot be renamed, deleted or assigned to; the name "Unassigned" is reserved. */
  | 'reserved-segment'
  /** The invite link expired, was revoked, or has no uses left. */
  | 'invite-unusable'
  /** The backend refused the credentials (401) or the permission (403). Not retried: sign in again. */
  | 'unauthorized'
  /** The request did not reach the server or the answer did not come back. Retried. */
  | 'network'
  /** The device is offline. Writes queue and replay. */
  | 'offline'
  /** The server failed (5xx) or asked to slow down (429). Retried with backoff. */
  | 'server'
  /** The server answered with something that is not the contract (malformed JSON, wrong shape). */
  | 'bad-response'
  /** Local storage is full; the store goes on in memory. */
  | 'quota'
  /** The caller aborted the operation. */
  | 'aborted'
  /** `undo()` with no action to reverse (none yet, already undone, or its write was refused). */
  | 'nothing-to-undo';

export const ERROR_CODES: readonly SegkitErrorCode[] = [
  'name-taken',
  'name-invalid',
  'invalid-input',
  'not-found',
  'reserved-segment',
  'invite-unusable',
  'unauthorized',
  'network',
  'offline',
  'server',
  'bad-response',
  'quota',
  'aborted',
  'nothing-to-undo',
];

export interface SegkitErrorOptions {
  /** HTTP status when the error came from a server. */
  status?: number;
  /** Milliseconds the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** The field the error is about (`name`, `color`, ...). */
  field?: string;
  cause?: unknown;
}

/**
 * Marks a SegkitError of any copy of the SDK (a registered symbol, the same
 * in every copy and realm of one page): two bundles each with their own
 * `@segkit/core` still recognise each other's errors, where `instanceof` fails.
 */
export const SEGKIT_ERROR_BRAND: unique symbol = Symbol.for('segkit.error');

export class SegkitError extends Error {
  override readonly name = 'SegkitError';
  readonly [SEGKIT_ERROR_BRAND] = true as const;
  readonly code: SegkitErrorCode;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly field: string | undefined;

  constructor(code: SegkitErrorCode, message: string, options: SegkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.field = options.field;
  }

  /** Plain data for events, logs and the wire. */
  toJSON(): { code: SegkitErrorCode; message: string; field?: string; status?: number } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/**
 * True for a SegkitError from any copy of the SDK (with `code`, that code):
 * checks the brand and a known `code`, not the prototype, so it holds across
 * two bundles of segkit on one page. Errors of copies older than the brand
 * are recognised by `name === 'SegkitError'` and a known code. Use it instead
 * of `instanceof SegkitError`.
 */
export function isSegkitError(value: unknown, code?: SegkitErrorCode): value is SegkitError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [SEGKIT_ERROR_BRAND]?: unknown; code?: unknown; name?: unknown };
  const branded =
    candidate[SEGKIT_ERROR_BRAND] === true || (value instanceof Error && candidate.name === 'SegkitError');
  return (
    branded &&
    ERROR_CODES.includes(candidate.code as SegkitErrorCode) &&
    (code === undefined || candidate.code === code)
  );
}

/**
 * True for faults worth retrying: the write may succeed later unchanged.
 * Definite refusals (`name-taken`, `not-found`, ...) are not retried but rolled back.
 */
export function isTransient(error: SegkitError): boolean {
  return error.code === 'network' || error.code === 'offline' || error.code === 'server';
}

/** Wraps anything thrown into a SegkitError (unknown throws become `network` or `server`). */
export function toSegkitError(error: unknown): SegkitError {
  if (error instanceof SegkitError) return error;
  if (isSegkitError(error)) {
    // Another copy's error keeps its code and details, as one of this copy (so `toJSON` and `instanceof` work).
    const { code, message, status, retryAfterMs, field } = error;
    return new SegkitError(code, String(message), {
      ...(typeof status === 'number' ? { status } : {}),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
      ...(typeof field === 'string' ? { field } : {}),
      cause: error,
    });
  }
  if (isAbort(error)) return new SegkitError('aborted', 'The operation was aborted.', { cause: error });
  if (error instanceof TypeError) {
    // fetch() rejects with TypeError when the request does not get through.
    return new SegkitError('network', 'The server could not be reached.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SegkitError('server', message || 'Unexpected failure.', { cause: error });
}

export function isAbort(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    ((error as { name: unknown }).name === 'AbortError' || (error as { name: unknown }).name === 'TimeoutError')
  );
}

/** Throws `aborted` if the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SegkitError('aborted', 'The operation was aborted.', { cause: signal.reason });
}

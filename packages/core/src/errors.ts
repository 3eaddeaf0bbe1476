/**
 * Typed errors with stable codes. Codes are public API: hosts switch on them
 * and translate them; never rename one.
 */
export type SegkitErrorCode =
  /** A segment with that name (trimmed, case-insensitive) exists. */
  | 'name-taken'
  /** A name is empty, too long, or has control characters. */
  | 'name-invalid'
  /** A field other than the name is invalid (colour, description, metadata, invite options...). */
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

export class SegkitError extends Error {
  override readonly name = 'SegkitError';
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

export function isSegkitError(value: unknown, code?: SegkitErrorCode): value is SegkitError {
  return value instanceof SegkitError && (code === undefined || value.code === code);
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

/**
 * The HTTP plumbing of the REST adapter: URL joining, signals with a timeout,
 * and the mapping of every way a request can fail to one `SegkitError`.
 */
import { ERROR_CODES, SegkitError } from '@segkit/core';
import type { SegkitErrorCode } from '@segkit/core';

/** Joins `baseUrl` (relative or absolute, with or without a trailing `/`) and a path of segments. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/${path.replace(/^\/+/, '')}`;
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds or an HTTP date.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only an HTTP date (which always has letters: a weekday or a month) is read as a date.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** A signal that aborts when any of `signals` does; `dispose` drops the listeners of the fallback. */
export function anySignal(signals: AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') return { signal: any.call(AbortSignal, signals), dispose: () => {} };
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const dispose = () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      dispose();
      break;
    }
    const onAbort = () => {
      controller.abort(signal.reason);
      dispose();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  return { signal: controller.signal, dispose };
}

/** The error a status stands for when the body does not name a code. */
export function codeForStatus(status: number): SegkitErrorCode {
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 404) return 'not-found';
  if (status === 409) return 'name-taken';
  if (status === 410) return 'invite-unusable';
  if (status === 401 || status === 403) return 'unauthorized';
  // 429, 5xx and anything else unexpected: the server would not do it now.
  return 'server';
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the contract's error body `{ error: { code, message, field? } }`; undefined when it is not one. */
export function readErrorBody(text: string): { code?: string; message?: string; field?: string } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { code, message, field } = body.error;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
    ...(typeof field === 'string' ? { field } : {}),
  };
}

/** The SegkitError for a non-2xx response. */
export function httpError(status: number, statusText: string, text: string, retryAfter: string | null): SegkitError {
  const body = readErrorBody(text);
  const code = body?.code !== undefined && CODES.has(body.code) ? (body.code as SegkitErrorCode) : codeForStatus(status);
  const retryAfterMs = parseRetryAfter(retryAfter);
  const message = body?.message ?? `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  return new SegkitError(code, message, {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(body?.field === undefined ? {} : { field: body.field }),
  });
}

/** True when the browser says the device is offline. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

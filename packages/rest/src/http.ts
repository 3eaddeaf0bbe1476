/**
 * The HTTP plumbing of the REST adapter: URL joining, signals with a timeout,
 * and the mapping of every way a request can fail to one `SegkitError`.
 */
import { SegkitError } from '@segkit/core';
import type { SegkitErrorCode } from '@segkit/core';

/** Joins `baseUrl` (relative or absolute, with or without a trailing `/`) and a path of segments. */
export function joinUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/${path.replace(/^\/+/, '')}`;
}

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds (`120`, also
 * `1.5`) or an HTTP date (IMF-fixdate, RFC 850 or asctime, RFC 9110 5.6.7),
 * 0 for a date in the past. Undefined when the header is absent or anything
 * else. The value is what the server said, unbounded: the store's queue
 * clamps it to its retry policy (`retry.baseMs` .. `retry.maxMs`).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.min(Number.MAX_SAFE_INTEGER, Math.round(Number(text) * 1000));
  const at = parseHttpDate(text, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^(?:mon|tues|wednes|thurs|fri|satur|sun)day, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME = new RegExp(`^(?:mon|tue|wed|thu|fri|sat|sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');

/** The time an HTTP date names (ms since the epoch), read the same way in every browser; undefined when it is not one. */
function parseHttpDate(text: string, now: number): number | undefined {
  let parts: [day: string, month: string, year: string, hour: string, minute: string, second: string] | undefined;
  let match = IMF_FIXDATE.exec(text);
  if (match) parts = [match[1]!, match[2]!, match[3]!, match[4]!, match[5]!, match[6]!];
  else if ((match = RFC_850.exec(text))) {
    // A two-digit year more than 50 years ahead is the most recent past year ending so (RFC 9110).
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    parts = [match[1]!, match[2]!, String(year), match[4]!, match[5]!, match[6]!];
  } else if ((match = ASCTIME.exec(text))) parts = [match[2]!.trim(), match[1]!, match[6]!, match[3]!, match[4]!, match[5]!];
  if (!parts) return undefined;
  const [day, month, year, hour, minute, second] = parts.map((p, i) => (i === 1 ? MONTHS.indexOf(p.toLowerCase()) : Number(p)));
  if (hour! > 23 || minute! > 59 || second! > 60) return undefined;
  const at = Date.UTC(year!, month!, day!, hour!, minute!, Math.min(second!, 59));
  // No 31 February: the day must exist in its month.
  return new Date(at).getUTCDate() === day ? at : undefined;
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

/**
 * The codes a server may send (openapi.yaml's `ErrorCode`). The others
 * (`network`, `offline`, `quota`, `aborted`, `bad-response`, `nothing-to-undo`)
 * describe this client's own situation: from a server they would wedge a
 * write (`aborted`) or retry it without limit (`network`), so the status
 * decides instead. A code added to core is client-only until listed here.
 */
export const SERVER_CODES: ReadonlySet<SegkitErrorCode> = new Set<SegkitErrorCode>([
  'name-taken',
  'name-invalid',
  'invalid-input',
  'not-found',
  'reserved-segment',
  'invite-unusable',
  'unauthorized',
  'server',
]);

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
  const named = body?.code as SegkitErrorCode | undefined;
  const code = named !== undefined && SERVER_CODES.has(named) ? named : codeForStatus(status);
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

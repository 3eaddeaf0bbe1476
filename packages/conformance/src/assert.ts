/**
 * A small assertion helper, so the checks run the same under Node (the
 * command) and in browsers (the mocha wrappers) with no test framework.
 * Every failure throws `CheckFailure` with a message that says what differed.
 */

/** A check's assertion did not hold. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** The check cannot run on this backend's data or options; `reason` says why. */
export class CheckSkipped extends Error {
  override name = 'CheckSkipped';
}

/** Stops the running check as skipped, with the reason. */
export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

export function show(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

function fail(message: string | undefined, detail: string): never {
  throw new CheckFailure(message ? `${message}: ${detail}` : detail);
}

/** Structural equality of JSON-like values, like chai's `deep.equal` (key order ignored; a key set to `undefined` differs from an absent one). */
export function deepEquals(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEquals(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra);
  if (ka.length !== Object.keys(rb).length) return false;
  return ka.every((key) => Object.prototype.hasOwnProperty.call(rb, key) && deepEquals(ra[key], rb[key]));
}

/** The assertions a check uses; each throws `CheckFailure` with `message` and what differed. */
export interface Assert {
  ok(value: unknown, message?: string): asserts value;
  equal<T>(actual: T, expected: T, message?: string): void;
  notEqual<T>(actual: T, unexpected: T, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  includes(actual: unknown, expected: Record<string, unknown>, message?: string): void;
  contains(list: readonly unknown[] | string, item: unknown, message?: string): void;
  notContains(list: readonly unknown[] | string, item: unknown, message?: string): void;
  above(actual: number, floor: number, message?: string): void;
  atLeast(actual: number, floor: number, message?: string): void;
  fail(message: string): never;
  rejects<E extends Error & { code?: unknown; field?: unknown } = Error & { code: string; field?: string }>(
    promise: Promise<unknown>,
    code: string,
    message?: string,
  ): Promise<E>;
}

export const assert: Assert = {
  ok(value: unknown, message?: string): asserts value {
    if (!value) fail(message, `expected a true value, got ${show(value)}`);
  },
  equal<T>(actual: T, expected: T, message?: string): void {
    if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  },
  notEqual<T>(actual: T, unexpected: T, message?: string): void {
    if (Object.is(actual, unexpected)) fail(message, `expected anything but ${show(unexpected)}`);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string): void {
    if (!deepEquals(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  },
  /** Every key of `expected` is in `actual` with a deeply equal value. */
  includes(actual: unknown, expected: Record<string, unknown>, message?: string): void {
    if (typeof actual !== 'object' || actual === null) fail(message, `expected an object, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const got = (actual as Record<string, unknown>)[key];
      if (!deepEquals(got, value)) fail(message, `expected ${key} ${show(value)}, got ${show(got)} in ${show(actual)}`);
    }
  },
  /** `list` (an array or a string) contains `item`. */
  contains(list: readonly unknown[] | string, item: unknown, message?: string): void {
    const found = typeof list === 'string' ? list.includes(String(item)) : list.some((x) => deepEquals(x, item));
    if (!found) fail(message, `expected ${show(list)} to contain ${show(item)}`);
  },
  notContains(list: readonly unknown[] | string, item: unknown, message?: string): void {
    const found = typeof list === 'string' ? list.includes(String(item)) : list.some((x) => deepEquals(x, item));
    if (found) fail(message, `expected ${show(list)} not to contain ${show(item)}`);
  },
  above(actual: number, floor: number, message?: string): void {
    if (!(actual > floor)) fail(message, `expected more than ${floor}, got ${show(actual)}`);
  },
  atLeast(actual: number, floor: number, message?: string): void {
    if (!(actual >= floor)) fail(message, `expected at least ${floor}, got ${show(actual)}`);
  },
  fail(message: string): never {
    throw new CheckFailure(message);
  },
  /** `promise` rejects with an Error whose `code` is `code`; returns that error. */
  async rejects<E extends Error & { code?: unknown; field?: unknown } = Error & { code: string; field?: string }>(
    promise: Promise<unknown>,
    code: string,
    message?: string,
  ): Promise<E> {
    let value: unknown;
    try {
      value = await promise;
    } catch (error) {
      if (!(error instanceof Error)) fail(message, `expected an Error with code "${code}", got ${show(error)}`);
      const actual = (error as { code?: unknown }).code;
      if (actual !== code) fail(message, `expected code "${code}" but the rejection was: ${String(error)}`);
      return error as E;
    }
    return fail(message, `expected a rejection with code "${code}" but it resolved with ${show(value)}`);
  },
};

/**
 * Reading a large JSON answer without one long task. `JSON.parse` of the
 * answer to a bulk change naming 100,000 members (about 1.5 MB) holds the
 * page for 50 ms and more; the same text read by `jsonSteps` in slices
 * (`inSlices`) lets input and rendering in every few ms, and has every
 * string hashed by the time the store looks the ids up. Small answers, all
 * but the bulk ones, still go to `JSON.parse` (decision 036).
 */
import { inSlices } from '@segkit/core';

/**
 * Answers longer than this (UTF-16 units) are read in slices. `JSON.parse`
 * is fast on objects (a page of 500 members, 0.1 to 0.5 MB, in 1 to 3 ms)
 * and `jsonSteps` 5 to 6 times slower there; on long lists of ids (a bulk
 * answer) the two are about as fast, and `JSON.parse` of half a million
 * characters of ids takes 10 to 25 ms.
 */
export const SLICED_JSON_CHARS = 512 * 1024;

/** Values read between two chances to yield. */
const VALUES_PER_STEP = 2048;

/** `JSON.parse(text)`: at once when `text` is short, in slices of a few ms when it is long. Throws (rejects with) `SyntaxError` as `JSON.parse` does. */
export async function parseJson(text: string): Promise<unknown> {
  return text.length <= SLICED_JSON_CHARS ? (JSON.parse(text) as unknown) : inSlices(jsonSteps(text));
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Asked about every string value read; never holds any (see `jsonSteps`). */
const NOBODY = new Set<string>();
/** How many of those lookups found one (never any): kept so that no compiler drops them as unused. */
let found = 0;

/**
 * `JSON.parse(text)` as a generator that yields every few thousand values,
 * for `inSlices`: the same values (`__proto__` an own key, as `JSON.parse`
 * makes it; `1e400` is `Infinity`; the last of two equal keys wins) and a
 * `SyntaxError` wherever `JSON.parse` throws one. No recursion: a deeply
 * nested answer does not overflow the stack. Strings with an escape are
 * decoded by `JSON.parse` itself, one string at a time.
 */
export function* jsonSteps(text: string): Generator<void, unknown, void> {
  const end = text.length;
  let at = 0;
  /** The arrays and objects open around the value being read, and, for each object, the key it is read for. */
  const open: Array<unknown[] | Record<string, unknown>> = [];
  const keys: string[] = [];
  let values = 0;

  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${at} in JSON`);
  };
  const skipSpace = () => {
    for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(at)) at += 1;
  };
  const readString = (): string => {
    const start = at + 1;
    let escaped = false;
    for (let i = start; i < end; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        at = i + 1;
        return escaped ? (JSON.parse(text.slice(start - 1, at)) as string) : text.slice(start, i);
      }
      if (c === 0x5c) {
        escaped = true;
        i += 1;
      } else if (c < 0x20) {
        at = i;
        fail('Bad control character in string literal');
      }
    }
    at = end;
    return fail('Unterminated string');
  };
  /** The key of an object's next member and its `:`; `at` on the key's opening quote. */
  const readKey = (): string => {
    if (text.charCodeAt(at) !== 0x22) fail('Expected a double-quoted property name');
    const key = readString();
    skipSpace();
    if (text.charCodeAt(at) !== 0x3a) fail("Expected ':' after property name");
    at += 1;
    skipSpace();
    return key;
  };
  const literal = (word: string, value: unknown): unknown => {
    if (!text.startsWith(word, at)) fail('Unexpected token');
    at += word.length;
    return value;
  };

  skipSpace();
  for (;;) {
    // A value starts at `at`.
    let value: unknown;
    const c = text.charCodeAt(at);
    if (c === 0x7b || c === 0x5b) {
      at += 1;
      skipSpace();
      const closing = c === 0x7b ? 0x7d : 0x5d;
      if (text.charCodeAt(at) === closing) {
        at += 1;
        value = c === 0x7b ? {} : [];
      } else {
        if (c === 0x7b) {
          open.push({});
          keys.push(readKey());
        } else open.push([]);
        continue;
      }
    } else if (c === 0x22) {
      value = readString();
      // The engine hashes a string at its first lookup and keeps the hash: done here, in slices, the
      // store's fold of a bulk answer (100,000 ids looked up among the loaded rows in one step,
      // decision 031) does not hash them all in its one task.
      if (NOBODY.has(value as string)) found += 1;
    } else if (c === 0x74) value = literal('true', true);
    else if (c === 0x66) value = literal('false', false);
    else if (c === 0x6e) value = literal('null', null);
    else {
      NUMBER.lastIndex = at;
      const number = NUMBER.exec(text);
      if (number === null) fail(at >= end ? 'Unexpected end of JSON input' : 'Unexpected token');
      at = NUMBER.lastIndex;
      value = Number(number![0]);
    }

    // Put the value in what holds it; close every array and object it ends.
    for (;;) {
      values += 1;
      if (values % VALUES_PER_STEP === 0) yield;
      const holder = open.at(-1);
      if (holder === undefined) {
        skipSpace();
        if (at !== end) fail('Unexpected non-whitespace character after JSON');
        return value;
      }
      const isArray = Array.isArray(holder);
      if (isArray) holder.push(value);
      else {
        const key = keys.at(-1)!;
        // As JSON.parse: "__proto__" is an own key, not the prototype.
        if (key === '__proto__') Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
        else holder[key] = value;
      }
      skipSpace();
      const next = text.charCodeAt(at);
      if (next === 0x2c) {
        at += 1;
        skipSpace();
        if (!isArray) keys[keys.length - 1] = readKey();
        break;
      }
      if (next !== (isArray ? 0x5d : 0x7d)) fail(at >= end ? 'Unexpected end of JSON input' : `Expected ',' or '${isArray ? ']' : '}'}'`);
      at += 1;
      value = open.pop();
      if (!isArray) keys.pop();
    }
  }
}

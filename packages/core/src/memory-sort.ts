/**
 * How the memory adapter sorts 100,000 members fast without changing a single
 * position of decision 023's order (decision 027).
 *
 * - Strings: each distinct value gets a short key (`stringKey`) read off the
 *   collator itself, char by char, for as long as the string is made of
 *   characters whose primary weight the key knows (printable ASCII, Latin
 *   letters with accents, ignorable accents, and runs of ASCII digits, which
 *   the collator compares as numbers: a run is one char where digits sort,
 *   then its length without leading zeros, then its digits). Where two keys
 *   differ before either ends, their order is the collator's; anywhere else
 *   (equal keys, one a prefix of the other) the collator decides.
 * - Every sort key's values are ranked once (distinct values only go through
 *   the collator), and members are ordered by one native numeric sort of
 *   `rank * n + position by id`: ties by id in code-point order, ascending in
 *   both directions, missing values last.
 */
import type { AttributeValue, Member, MemberSort } from './model.js';
import { collateStrings, compareCodePoints, compareSortValues, sortValueOf } from './query.js';

/** Table values: 0 stops the key, SKIP is ignorable at primary strength, others are key characters. */
const SKIP = 1;
const FIRST_KEY_CHAR = 0x20;
const TABLE_SIZE = 0x370;
const MAX_KEY = 24;
/** A run of more digits than this (leading zeros aside) ends the key: the collator decides there. */
const MAX_DIGITS = 40;
/** Where a run of digits sorts among the key chars (set with the table). */
let digitCode = 0;
let table: Uint16Array | undefined;

/** Char code -> key char, built from (and checked against) the collator of this engine. */
function keyTable(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(TABLE_SIZE);
  // Printable ASCII, one primary each, in the collator's order; the digits stand for every run of
  // digits (they compare as numbers, and all digits sort together: `stringKey` writes a run itself).
  const chars: string[] = [];
  for (let c = 0x20; c < 0x7f; c += 1) {
    const ch = String.fromCharCode(c);
    if ((c < 0x31 || c > 0x39) && collateStrings(`a${ch}`, 'a') !== 0) chars.push(ch);
  }
  chars.sort(collateStrings);
  let code = FIRST_KEY_CHAR - 1;
  chars.forEach((ch, i) => {
    if (i === 0 || collateStrings(chars[i - 1]!, ch) !== 0) code += 1;
    t[ch.charCodeAt(0)] = code;
  });
  digitCode = t[0x30]!;
  t[0x30] = 0;
  // Combining accents: ignorable at primary strength wherever they stand.
  for (let c = 0x300; c < 0x370; c += 1) {
    const mark = String.fromCharCode(c);
    if (['a', 'o', 'l', 'e', 'n', 'z'].every((base) => collateStrings(`${base}${mark}b`, `${base}b`) === 0)) t[c] = SKIP;
  }
  // Latin letters that decompose to an ASCII letter and accents: that letter's key char.
  for (let c = 0xc0; c < 0x300; c += 1) {
    const ch = String.fromCharCode(c);
    const d = ch.normalize('NFD');
    const base = d.charCodeAt(0);
    if (d.length < 2 || base >= 0x80 || !/^[A-Za-z]$/.test(d[0]!)) continue;
    let marks = true;
    for (let i = 1; i < d.length; i += 1) marks &&= t[d.charCodeAt(i)] === SKIP;
    if (marks && collateStrings(ch, d[0]!) === 0 && collateStrings(`${ch}b`, `${d[0]!}b`) === 0) t[c] = t[base]!;
  }
  return (table = t);
}

/** A prefix key of `s` (see above): where two keys differ before either ends, they order as the strings. */
export function stringKey(s: string): string {
  const t = keyTable();
  let out = '';
  for (let i = 0; i < s.length && out.length < MAX_KEY; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      // A number: longer (without leading zeros) sorts after shorter, then digit by digit.
      let start = i;
      while (s.charCodeAt(start) === 0x30) start += 1;
      let end = start;
      while (end < s.length && s.charCodeAt(end) >= 0x30 && s.charCodeAt(end) <= 0x39) end += 1;
      if (end - start > MAX_DIGITS) break;
      out += String.fromCharCode(digitCode, FIRST_KEY_CHAR + end - start) + s.slice(start, end);
      i = end - 1;
      continue;
    }
    const k = c < TABLE_SIZE ? t[c]! : 0;
    if (k === 0) break;
    if (k !== SKIP) out += String.fromCharCode(k);
  }
  return out;
}

/** The collator's order of `a` and `b`, given their `stringKey`s. */
export function compareKeyed(a: string, ka: string, b: string, kb: string): number {
  if (ka !== kb && !ka.startsWith(kb) && !kb.startsWith(ka)) return ka < kb ? -1 : 1;
  return a === b ? 0 : collateStrings(a, b);
}

/**
 * The collator's order of `a` and `b` read off their first key chars, without
 * building keys: while both strings are made of plain key chars (no digit, no
 * ignorable accent), the first pair that differs decides; anything else,
 * `undefined` (ask `compareKeyed`).
 */
function quickOrder(a: string, b: string): number | undefined {
  const t = keyTable();
  const n = Math.min(a.length, b.length, MAX_KEY);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    const kx = x < TABLE_SIZE && (x < 0x30 || x > 0x39) ? t[x]! : 0;
    const ky = y < TABLE_SIZE && (y < 0x30 || y > 0x39) ? t[y]! : 0;
    if (kx <= SKIP || ky <= SKIP) return undefined;
    if (kx !== ky) return kx < ky ? -1 : 1;
  }
  return undefined;
}

/** Index of the first entry of sorted `xs` not below `x`. */
function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Steps to each member's rank for `key` (equal values, strings collating alike, share
 * one; numbers, then strings, then false, then true) and `-1` when missing.
 */
function* rankValues(members: readonly Member[], key: MemberSort['key']): Steps<{ ranks: Int32Array; count: number }> {
  const n = members.length;
  const values: Array<AttributeValue | undefined> = new Array(n);
  const numbers: number[] = [];
  const strings = new Map<string, number>();
  let falses = false;
  let trues = false;
  for (let i = 0; i < n; i += 1) {
    if ((i & STEP) === STEP) yield;
    const v = sortValueOf(members[i]!, key);
    values[i] = v;
    if (typeof v === 'number') numbers.push(v);
    else if (typeof v === 'string') strings.set(v, 0);
    else if (v === false) falses = true;
    else if (v === true) trues = true;
  }
  // Numbers: sorted natively, then deduplicated.
  const sortedNumbers = Float64Array.from(numbers).sort();
  let distinct = 0;
  for (let i = 0; i < sortedNumbers.length; i += 1) {
    if (i === 0 || sortedNumbers[i] !== sortedNumbers[distinct - 1]) sortedNumbers[distinct++] = sortedNumbers[i]!;
  }
  const uniqueNumbers = sortedNumbers.subarray(0, distinct);
  // Strings: distinct values through the keys, the collator only where keys cannot tell.
  const texts = [...strings.keys()];
  const keys: string[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i += 1) {
    if ((i & STEP) === STEP) yield;
    keys[i] = stringKey(texts[i]!);
  }
  const order = yield* sortInSteps(
    texts.map((_, i) => i),
    (x, y) => compareKeyed(texts[x]!, keys[x]!, texts[y]!, keys[y]!),
  );
  let rank = distinct - 1;
  for (let i = 0; i < order.length; i += 1) {
    if ((i & STEP) === STEP) yield;
    const x = order[i]!;
    if (i === 0 || compareKeyed(texts[order[i - 1]!]!, keys[order[i - 1]!]!, texts[x]!, keys[x]!) !== 0) rank += 1;
    strings.set(texts[x]!, rank);
  }
  const falseRank = rank + 1;
  const trueRank = falseRank + (falses ? 1 : 0);
  const ranks = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    if ((i & STEP) === STEP) yield;
    const v = values[i];
    ranks[i] =
      typeof v === 'number'
        ? lowerBound(uniqueNumbers, v)
        : typeof v === 'string'
          ? strings.get(v)!
          : v === false
            ? falseRank
            : v === true
              ? trueRank
              : -1;
  }
  return { ranks, count: trueRank + (trues ? 1 : 0) };
}

/**
 * Positions of `members` by id in code-point order (`order[k]` is the
 * position of the k-th id), given each id's position.
 */
export function* orderById(members: readonly Member[], positions: { get(id: string): number | undefined }): Steps<Int32Array> {
  const n = members.length;
  const ids: string[] = new Array(n);
  let plain = true;
  for (let i = 0; i < n; i += 1) {
    if ((i & STEP) === STEP) yield;
    const id = members[i]!.id;
    ids[i] = id;
    // Below U+D800, UTF-16 order (the native sort's) is code-point order.
    for (let c = 0; c < id.length && plain; c += 1) plain = id.charCodeAt(c) < 0xd800;
  }
  if (plain) {
    const sorted = yield* sortInSteps(ids, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const order = new Int32Array(n);
    for (let k = 0; k < n; k += 1) {
      if ((k & STEP) === STEP) yield;
      order[k] = positions.get(sorted[k]!)!;
    }
    return order;
  }
  const order = yield* sortInSteps(
    Array.from({ length: n }, (_, i) => i),
    (a, b) => compareCodePoints(members[a]!.id, members[b]!.id),
  );
  return Int32Array.from(order);
}

/**
 * The positions of `members` in the order of `sort` (decision 023), given
 * `byId` from `orderById` (members with distinct ids).
 */
export function* sortPositions(members: readonly Member[], sort: MemberSort, byId: Int32Array): Steps<Int32Array> {
  const n = members.length;
  const { ranks, count } = yield* rankValues(members, sort.key);
  yield;
  const asc = sort.dir === 'asc';
  const composite = new Float64Array(n);
  for (let k = 0; k < n; k += 1) {
    if ((k & STEP) === STEP) yield;
    const i = byId[k]!;
    const r = ranks[i]!;
    composite[k] = (r < 0 ? count : asc ? r : count - 1 - r) * n + k;
  }
  yield;
  composite.sort();
  yield;
  const out = new Int32Array(n);
  for (let j = 0; j < n; j += 1) {
    if ((j & STEP) === STEP) yield;
    out[j] = byId[composite[j]! % n]!;
  }
  return out;
}

/**
 * Steps to the first `k` of the positions `test` accepts, in the order of
 * `sort` (the order `sortPositions` gives), or with `last` the last `k` (in
 * that order too), and how many it accepts: one pass with a heap of `k`, for
 * a first or last page asked before the whole order is known (most members
 * are turned away by one comparison of their keys). It reads the members from
 * the last one with `backward`; `null` when they come in nearly the reverse of
 * the order kept (most would enter the heap: read the other way round).
 */
export function* topPositions(
  members: readonly Member[],
  sort: MemberSort,
  k: number,
  test: (position: number) => boolean,
  last = false,
  backward = false,
): Steps<{ positions: Int32Array; total: number } | null> {
  const asc = sort.dir === 'asc';
  // A max-heap (the last in sort order on top) of `size` positions, with their values and string keys (built when needed);
  // slot `k` holds the member being looked at.
  const heap = new Int32Array(k + 1);
  const values: Array<AttributeValue | undefined> = new Array(k + 1);
  const keys: Array<string | undefined> = new Array(k + 1);
  const keyOf = (slot: number): string => (keys[slot] ??= stringKey(values[slot] as string));
  let size = 0;
  /** The sort's order of the entries in slots `a` and `b`. */
  const idOf = (slot: number): string => members[heap[slot]!]!.id;
  const order = (a: number, b: number): number => {
    const va = values[a];
    const vb = values[b];
    if (typeof va !== 'string' || typeof vb !== 'string') return compareSortValues(va, idOf(a), vb, idOf(b), sort.dir);
    // Two strings: the collator's order read off their keys (`compareSortValues` would ask the collator itself).
    const c = quickOrder(va, vb) ?? compareKeyed(va, keyOf(a), vb, keyOf(b));
    return c !== 0 ? (asc ? c : -c) : compareCodePoints(idOf(a), idOf(b));
  };
  /** The order the heap keeps the first `k` of: the sort's, or its exact reverse for the last `k`. */
  const compare = last ? (a: number, b: number): number => order(b, a) : order;
  const move = (to: number, from: number): void => {
    heap[to] = heap[from]!;
    values[to] = values[from];
    keys[to] = keys[from];
  };
  let total = 0;
  let taken = 0;
  const n = members.length;
  for (let j = 0; j < n; j += 1) {
    if ((j & STEP) === STEP) yield;
    const i = backward ? n - 1 - j : j;
    if (!test(i)) continue;
    total += 1;
    const value = sortValueOf(members[i]!, sort.key);
    heap[k] = i;
    values[k] = value;
    keys[k] = undefined;
    if (size < k) {
      // Up to its place.
      let at = size;
      size += 1;
      while (at > 0 && compare(k, (at - 1) >> 1) > 0) {
        move(at, (at - 1) >> 1);
        at = (at - 1) >> 1;
      }
      move(at, k);
    } else if (k > 0 && compare(k, 0) < 0) {
      // Members come near the sort's order reversed: the whole sort is cheaper (null).
      taken += 1;
      if (taken > 16 * k && taken * 8 > j) return null;
      // Before the last kept: it takes that one's place, then down to its own.
      let at = 0;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= size) break;
        const child = l + 1 < size && compare(l + 1, l) > 0 ? l + 1 : l;
        if (compare(child, k) <= 0) break;
        move(at, child);
        at = child;
      }
      move(at, k);
    }
  }
  const slots = Array.from({ length: size }, (_, slot) => slot).sort(order);
  return { positions: Int32Array.from(slots, (slot) => heap[slot]!), total };
}

/**
 * Steps to `xs` sorted by `compare` (stable; `xs` is reordered too): runs of
 * a few thousand sorted natively, then merged pairwise, so no step sorts
 * 100,000 items in one go (a native sort of that many strings takes 70 ms or
 * more, longer with a comparison function).
 */
export function* sortInSteps<T>(xs: T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = xs.length;
  const run = STEP + 1;
  for (let lo = 0; lo < n; lo += run) {
    const part = xs.slice(lo, lo + run).sort(compare);
    for (let i = 0; i < part.length; i += 1) xs[lo + i] = part[i]!;
    yield;
  }
  let from = xs;
  let to: T[] = new Array<T>(n);
  for (let width = run; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k += 1) {
        if ((k & STEP) === STEP) yield;
        to[k] = b >= hi || (a < mid && compare(from[b]!, from[a]!) >= 0) ? from[a++]! : from[b++]!;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Work that may pause (`yield`) between steps of a few thousand members. */
export type Steps<T> = Generator<void, T, void>;
/** A loop over members yields when `(i & STEP) === STEP`: every 4,096. */
export const STEP = 4095;

/** Runs `steps` to the end at once. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Query semantics, written once: which members a filter matches and in what
 * order. The authority is the wire contract's "Member queries" section
 * (`packages/rest/openapi.yaml`, decision 023); this is its reference
 * implementation. The memory adapter and the mock serve with it, the store
 * predicts with it what a pending change does to loaded rows, and the
 * conformance kit checks a backend against it.
 */
import type { AttributeFilter, AttributeValue, Member, MemberFilter, MemberSort, SegmentRules } from './model.js';
import { UNASSIGNED_ID } from './model.js';

/**
 * A member's own attribute `key`, never one inherited from `Object.prototype`:
 * a filter on `constructor` or `__proto__` matches only members that have it.
 */
export function attributeOf(member: Member, key: string): AttributeValue | undefined {
  return Object.prototype.hasOwnProperty.call(member.attributes, key) ? member.attributes[key] : undefined;
}

/** Lower-cases and strips accents: "Zoë" and "zoe" match. */
export function foldText(text: string): string {
  // ASCII has nothing to decompose and no marks: lower-casing is the whole fold (and ~20x faster).
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/** The folded text a search looks in: name, email and string attributes. */
export function memberSearchText(member: Member): string {
  const parts = [member.name, member.email ?? ''];
  for (const value of Object.values(member.attributes)) if (typeof value === 'string') parts.push(value);
  return foldText(parts.join('\u0000'));
}

/** True when a member with these segment ids is in the segment (Unassigned included). */
function isIn(segmentIds: readonly string[], segmentId: string): boolean {
  return segmentId === UNASSIGNED_ID ? segmentIds.length === 0 : segmentIds.includes(segmentId);
}

/**
 * Include / exclude semantics:
 * - no include rules: every member; `any`: in at least one included segment;
 *   `all`: in every included segment;
 * - then members in any excluded segment are dropped.
 */
export function matchesRules(segmentIds: readonly string[], rules: SegmentRules): boolean {
  const { include, exclude, match } = rules;
  if (include.length > 0) {
    const ok =
      match === 'all' ? include.every((id) => isIn(segmentIds, id)) : include.some((id) => isIn(segmentIds, id));
    if (!ok) return false;
  }
  return !exclude.some((id) => isIn(segmentIds, id));
}

function matchesAttribute(value: AttributeValue | undefined, filter: AttributeFilter): boolean {
  if (filter.op === 'neq') return value === undefined || !sameValue(value, filter.value);
  if (value === undefined) return false;
  if (filter.op === 'eq') return sameValue(value, filter.value);
  if (filter.op === 'contains') {
    return typeof value === 'string' && foldText(value).includes(foldText(String(filter.value)));
  }
  // Ordering operators compare values of the filter value's type only: "abc" is not greater than 1000.
  if (typeof value !== typeof filter.value) return false;
  const c = compareValues(value, filter.value);
  switch (filter.op) {
    case 'gt':
      return c > 0;
    case 'gte':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'lte':
      return c <= 0;
    default:
      return false;
  }
}

/** Same type and equal; strings are compared folded (case and accents ignored). */
function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return foldText(a) === foldText(b);
  return a === b;
}

/**
 * Strings order as people read them: case and accents ignored, digit runs as
 * numbers ("Member 2" before "Member 10"). The locale is fixed, so every
 * browser and every backend that follows the contract orders alike.
 */
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Two strings in the contract's collation (the fixed-locale collator above); 0 when they collate alike. */
export function collateStrings(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Where a type sorts when one key holds several: numbers, then strings, then booleans. */
const TYPE_RANK: Record<string, number> = { number: 0, string: 1, boolean: 2 };

/** A total order on attribute values: by type, then numbers by value, strings collated, false before true. */
function compareValues(a: AttributeValue, b: AttributeValue): number {
  if (typeof a !== typeof b) return TYPE_RANK[typeof a]! - TYPE_RANK[typeof b]!;
  if (typeof a === 'string') return collator.compare(a, b as string);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders strings by Unicode code points, as their UTF-8 bytes (and a `C`
 * collation) do. JavaScript's `<` compares UTF-16 code units, which puts
 * U+10000 and above before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (D800..DFFF) stand for code points above FFFF: move them past E000..FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/**
 * A predicate for a filter. `texts` may give each member's folded search text
 * (name, email, string attributes): precomputed by id, or a function.
 */
export function compileFilter(
  filter: MemberFilter,
  texts?: ReadonlyMap<string, string> | ((member: Member) => string),
): (member: Member) => boolean {
  const needle = foldText(filter.search.trim());
  const attributes = filter.attributes;
  return (member) => {
    if (!matchesRules(member.segmentIds, filter)) return false;
    if (needle) {
      const text = typeof texts === 'function' ? texts(member) : (texts?.get(member.id) ?? memberSearchText(member));
      if (!text.includes(needle)) return false;
    }
    for (const rule of attributes) if (!matchesAttribute(attributeOf(member, rule.key), rule)) return false;
    return true;
  };
}

/** A member's value for a sort key; `undefined` when the member has none. Dates become instants. */
export function sortValueOf(member: Member, key: MemberSort['key']): AttributeValue | undefined {
  switch (key) {
    case 'name':
      return member.name;
    case 'email':
      return member.email;
    case 'createdAt': {
      const instant = Date.parse(member.createdAt);
      return Number.isNaN(instant) ? undefined : instant;
    }
    case 'segments':
      return member.segmentIds.length;
    default:
      return attributeOf(member, key.slice('attributes.'.length));
  }
}

/**
 * The order of two sort values and ids (see `compareMembers`); for callers
 * that compute each member's `sortValueOf` once before sorting many.
 */
export function compareSortValues(
  va: AttributeValue | undefined,
  idA: string,
  vb: AttributeValue | undefined,
  idB: string,
  dir: MemberSort['dir'],
): number {
  if (va === undefined || vb === undefined) {
    if (va !== vb) return va === undefined ? 1 : -1;
  } else {
    const c = compareValues(va, vb);
    if (c !== 0) return dir === 'asc' ? c : -c;
  }
  return compareCodePoints(idA, idB);
}

/**
 * Total order for a sort, as the wire contract defines it: by the key
 * (`createdAt` by instant; values of mixed types by type; missing values last
 * in either direction), then by id in code-point order, ascending in either
 * direction, so paging is stable.
 */
export function compareMembers(a: Member, b: Member, sort: MemberSort): number {
  return compareSortValues(sortValueOf(a, sort.key), a.id, sortValueOf(b, sort.key), b.id, sort.dir);
}

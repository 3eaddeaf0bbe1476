/**
 * Query semantics, written once: which members a filter matches and in what
 * order. The memory adapter serves with them; the store uses them to predict
 * (optimistically) what a pending change does to loaded rows.
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
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

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
  switch (filter.op) {
    case 'eq':
      return sameValue(value, filter.value);
    case 'contains':
      return foldText(String(value)).includes(foldText(String(filter.value)));
    case 'gt':
      return compareValues(value, filter.value) > 0;
    case 'gte':
      return compareValues(value, filter.value) >= 0;
    case 'lt':
      return compareValues(value, filter.value) < 0;
    case 'lte':
      return compareValues(value, filter.value) <= 0;
    default:
      return false;
  }
}

function sameValue(a: AttributeValue, b: AttributeValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return foldText(a) === foldText(b);
  return a === b;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareValues(a: AttributeValue | undefined, b: AttributeValue | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/**
 * A predicate for a filter. `texts` may hold each member's folded search text
 * (name, email, string attributes) precomputed by id.
 */
export function compileFilter(filter: MemberFilter, texts?: ReadonlyMap<string, string>): (member: Member) => boolean {
  const needle = foldText(filter.search.trim());
  const attributes = filter.attributes;
  return (member) => {
    if (!matchesRules(member.segmentIds, filter)) return false;
    if (needle) {
      const text = texts?.get(member.id) ?? memberSearchText(member);
      if (!text.includes(needle)) return false;
    }
    for (const rule of attributes) if (!matchesAttribute(attributeOf(member, rule.key), rule)) return false;
    return true;
  };
}

function sortValue(member: Member, key: MemberSort['key']): AttributeValue | undefined {
  switch (key) {
    case 'name':
      return member.name;
    case 'email':
      return member.email;
    case 'createdAt':
      return member.createdAt;
    case 'segments':
      return member.segmentIds.length;
    default:
      return attributeOf(member, key.slice('attributes.'.length));
  }
}

/**
 * Total order for a sort: by the key (missing values last in either
 * direction), then by id, so paging is stable.
 */
export function compareMembers(a: Member, b: Member, sort: MemberSort): number {
  const va = sortValue(a, sort.key);
  const vb = sortValue(b, sort.key);
  if (va === undefined || vb === undefined) {
    if (va !== vb) return va === undefined ? 1 : -1;
  } else {
    const c = compareValues(va, vb);
    if (c !== 0) return sort.dir === 'asc' ? c : -c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Include / exclude rules over segments as plain functions: no DOM, no Lit.
 * Shared by `segkit-segment-filter` and `segkit-audience`, and usable alone by
 * a host drawing its own filter UI over the store.
 */
import { UNASSIGNED_ID, filterKey, isValidId, toFilter } from '@segkit/core';
import type { MatchMode, MemberFilter, MemberQuery, SegkitError, SegmentRules, SegmentView, StoreStatus } from '@segkit/core';

/** Where a segment stands in a set of rules. */
export type RuleState = 'include' | 'exclude' | 'none';

/** Empty rules: every member. */
export function emptyRules(): SegmentRules {
  return { include: [], exclude: [], match: 'any' };
}

/** Whether segment `id` is included, excluded or neither. */
export function ruleStateOf(rules: Pick<SegmentRules, 'include' | 'exclude'>, id: string): RuleState {
  if (rules.include.includes(id)) return 'include';
  if (rules.exclude.includes(id)) return 'exclude';
  return 'none';
}

/**
 * The include / exclude lists with segment `id` moved to `state`
 * (a segment is never both included and excluded). Order of the other ids is kept.
 */
export function withRuleState(rules: Pick<SegmentRules, 'include' | 'exclude'>, id: string, state: RuleState): { include: string[]; exclude: string[] } {
  const include = rules.include.filter((other) => other !== id);
  const exclude = rules.exclude.filter((other) => other !== id);
  if (state === 'include') include.push(id);
  else if (state === 'exclude') exclude.push(id);
  return { include, exclude };
}

/** The state a toggle button moves a segment to: pressing the pressed one clears it. */
export function toggledState(current: RuleState, pressed: 'include' | 'exclude'): RuleState {
  return current === pressed ? 'none' : pressed;
}

/** True when two rule sets mean the same (id order does not matter). */
export function sameRules(a: SegmentRules, b: SegmentRules): boolean {
  const key = (ids: readonly string[]) => [...new Set(ids)].sort().join(',');
  return key(a.include) === key(b.include) && key(a.exclude) === key(b.exclude) && a.match === b.match;
}

/**
 * Any value turned into valid rules: arrays of valid ids (deduplicated, at most
 * `MAX_RULE_IDS` a side), `match` `any` unless it is `all`; an id on both sides
 * stays included. Never throws. Accepts a JSON string too.
 */
export function normalizeRules(value: unknown): SegmentRules {
  let input = value;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      return emptyRules();
    }
  }
  if (typeof input !== 'object' || input === null) return emptyRules();
  const raw = input as { include?: unknown; exclude?: unknown; match?: unknown };
  const ids = (list: unknown): string[] =>
    Array.isArray(list) ? [...new Set(list.filter((id): id is string => isValidId(id)))].slice(0, MAX_RULE_IDS) : [];
  const include = ids(raw.include);
  const exclude = ids(raw.exclude).filter((id) => !include.includes(id));
  const match: MatchMode = raw.match === 'all' ? 'all' : 'any';
  return { include, exclude, match };
}

/** At most this many ids are kept on each side when reading rules from outside (URL, attribute, form state). */
export const MAX_RULE_IDS = 200;

/** True when the filter being edited differs from the applied query (the "Apply" button is enabled only then). */
export function isDirty(draft: MemberFilter, query: MemberQuery): boolean {
  return filterKey(draft) !== filterKey(toFilter(query));
}

/** True when a filter restricts nothing (every member matches). */
export function isEmptyFilter(filter: MemberFilter): boolean {
  return filter.include.length === 0 && filter.exclude.length === 0 && filter.search.trim() === '' && filter.attributes.length === 0;
}

/** Segment rules in use: included plus excluded segments (the badge on the "Filter" button), plus one for a search. */
export function activeRuleCount(filter: MemberFilter): number {
  return filter.include.length + filter.exclude.length + (filter.search.trim() ? 1 : 0);
}

/** One piece of a filter summary, as plain data a renderer turns into a chip. */
export type SummaryItem =
  | { kind: 'include'; id: string; segment: SegmentView | undefined }
  | { kind: 'exclude'; id: string; segment: SegmentView | undefined }
  | { kind: 'match-all' }
  | { kind: 'search'; text: string };

/**
 * What a filter does, in order: included segments, "match all" (only when it
 * matters: two or more included), excluded segments, then the search text.
 */
export function summarize(filter: MemberFilter, segments: readonly SegmentView[]): SummaryItem[] {
  const byId = new Map(segments.map((s) => [s.id, s]));
  const items: SummaryItem[] = filter.include.map((id) => ({ kind: 'include' as const, id, segment: byId.get(id) }));
  if (filter.match === 'all' && filter.include.length > 1) items.push({ kind: 'match-all' });
  for (const id of filter.exclude) items.push({ kind: 'exclude', id, segment: byId.get(id) });
  const text = filter.search.trim();
  if (text) items.push({ kind: 'search', text });
  return items;
}

/** What a rules editor shows about the segments it lists (plain data, part of each rules connector's state). */
export interface RuleSegmentsState {
  /** Every segment, Unassigned first, with live member counts. */
  segments: readonly SegmentView[];
  /** The segments are loading for the first time: show a loading state instead of the list. */
  loading: boolean;
  /** The first load failed (the list cannot be shown): show it with a "Retry". Null otherwise. */
  loadError: SegkitError | null;
  /** The store is offline: counts may be out of date. */
  offline: boolean;
  /** Loaded, and there is no segment besides Unassigned. */
  empty: boolean;
}

/** The segment list part of a rules editor's state, from the store's `$segments` and `$status`. */
export function ruleSegmentsState(segments: readonly SegmentView[], status: StoreStatus): RuleSegmentsState {
  const loadError = !status.ready ? status.error : null;
  return {
    segments,
    loading: !status.ready && !status.error,
    loadError,
    offline: status.offline,
    empty: status.ready && segments.every((segment) => segment.id === UNASSIGNED_ID),
  };
}

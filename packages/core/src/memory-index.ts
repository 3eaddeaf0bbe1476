/**
 * The memory adapter's members and what it derives from them (decision 027):
 * the members as given (never copied, never changed: a write replaces a
 * member with a changed copy), search texts built the first time a search
 * needs them, one sorted order per sort in use (positions, 4 bytes a member)
 * kept up to date as members join, and the last few filtered results.
 */
import { orderById, runNow, sortPositions } from './memory-sort.js';
import type { Steps } from './memory-sort.js';
import type { Member, MemberFilter, MemberQuery, MemberSort } from './model.js';
import { compareSortValues, compileFilter, foldText, memberSearchText, sortValueOf } from './query.js';
import { SLICE_MS, inSlices, yieldToEventLoop } from './yield.js';

export interface MemberIndex {
  readonly size: number;
  /** Every member, in the order they were added (live: do not change). */
  readonly members: readonly Member[];
  get(id: string): Member | undefined;
  /** Adds a member, or replaces the one with its id; answers the one replaced. */
  put(member: Member): Member | undefined;
  /** Replaces a member's segments with `segmentIds` (a copy of the member; the old object is left as it was). */
  setSegments(id: string, segmentIds: string[]): void;
  /**
   * Puts members whose segments changed in place of those with their ids, in
   * one step (a bulk write's commit, decision 031): copies made beforehand,
   * the objects they replace left as they were.
   */
  install(changed: readonly Member[]): void;
  /** A predicate for `filter` over the member at a position in `members`, with search texts from the index. */
  compile(filter: MemberFilter): (position: number) => boolean;
  /** Positions in `members` of those `query` selects, in its order. */
  matching(query: MemberQuery): Int32Array;
  /** Positions in `members` of those `filter` selects, in the order they were added. */
  selected(filter: MemberFilter): Int32Array;
  /** Computes (and caches) what `matching` (with `sort`) or `selected` (without) will answer, in slices (search texts too). */
  prepareMatching(filter: MemberFilter, sort?: MemberSort): Promise<void>;
  /**
   * Builds every search text not built yet, in slices of a few ms with the
   * event loop let in between, so a first search at 100,000 members is no
   * long task (an aborted call still lets the texts be built, for the next).
   */
  buildSearchTexts(): Promise<void>;
}

const CACHED_RESULTS = 4;

export function createMemberIndex(): MemberIndex {
  const members: Member[] = [];
  const positions = new Map<string, number>();
  /** Folded search texts by position, built as searches need them. */
  const texts: Array<string | undefined> = [];
  /** The position of the member a compiled filter is testing (its search text is `texts[current]`). */
  let current = 0;
  /** Positions below this have their search text (members who join get theirs when first searched). */
  let textsBuilt = 0;
  let building: Promise<void> | undefined;
  /** Positions by id in code-point order (the tie-break of every sort), built with the first sort. */
  let byId: Int32Array | undefined;
  /** Bumped when any member's segments change (filters and the `segments` sort depend on them). */
  let memberships = 0;
  /** Bumped when a member is replaced whole (every derived order may change). */
  let replaced = 0;
  const sorts = new Map<string, { sort: MemberSort; memberships: number; replaced: number; order: Int32Array }>();
  const results = new Map<string, { memberships: number; replaced: number; size: number; order: Int32Array }>();

  const textOf = (member: Member): string => (texts[current] ??= memberSearchText(member));

  /** Puts the member at `position` into each cached order at its place (orders stay sorted as members join). */
  function insertIntoSorts(position: number): void {
    const member = members[position]!;
    for (const entry of sorts.values()) {
      const { sort } = entry;
      const value = sortValueOf(member, sort.key);
      const { order } = entry;
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const other = members[order[mid]!]!;
        if (compareSortValues(sortValueOf(other, sort.key), other.id, value, member.id, sort.dir) < 0) lo = mid + 1;
        else hi = mid;
      }
      const next = new Int32Array(order.length + 1);
      next.set(order.subarray(0, lo));
      next[lo] = position;
      next.set(order.subarray(lo), lo + 1);
      entry.order = next;
    }
  }

  function cachedSort(sort: MemberSort): Int32Array | undefined {
    const hit = sorts.get(JSON.stringify([sort.key, sort.dir]));
    if (hit && hit.replaced === replaced && (sort.key !== 'segments' || hit.memberships === memberships)) return hit.order;
    return undefined;
  }

  /** Steps to the order of `sort`, cached; in steps, the members as they were when it started (see `prepareMatching`). */
  function* sortSteps(sort: MemberSort): Steps<Int32Array> {
    const hit = cachedSort(sort);
    if (hit) return hit;
    const at = { memberships, replaced, size: members.length };
    let ids = byId;
    if (!ids) {
      ids = yield* orderById(members, positions);
      // A member joined while it paused: that id order is already out of date.
      if (members.length !== at.size) return runNow(sortSteps(sort));
      byId = ids;
    }
    const order = yield* sortPositions(members.slice(0, at.size), sort, ids);
    // Members joined or memberships changed while it paused: what it computed is not the order of now.
    if (at.size !== members.length || at.replaced !== replaced || (sort.key === 'segments' && at.memberships !== memberships)) {
      return runNow(sortSteps(sort));
    }
    const name = JSON.stringify([sort.key, sort.dir]);
    sorts.delete(name);
    sorts.set(name, { sort: { key: sort.key, dir: sort.dir }, memberships, replaced, order });
    if (sorts.size > 8) sorts.delete(sorts.keys().next().value!);
    return order;
  }

  /**
   * Steps to the positions `filter` selects, in the order of `sort` (else in
   * the order members were added), cached; a result computed over pauses
   * during which members changed is redone at once.
   */
  function* matchSteps(filter: MemberFilter, sort: MemberSort | undefined): Steps<Int32Array> {
    const order = sort ? yield* sortSteps(sort) : undefined;
    const everyone =
      filter.include.length === 0 && filter.exclude.length === 0 && filter.attributes.length === 0 && foldText(filter.search.trim()) === '';
    if (everyone && order) return order;
    const key = JSON.stringify([filter.include, filter.exclude, filter.match, filter.search, filter.attributes, sort ?? null]);
    const hit = results.get(key);
    if (hit && hit.memberships === memberships && hit.replaced === replaced && hit.size === members.length) return hit.order;
    const at = { memberships, replaced, size: members.length };
    const test = compile(filter);
    const n = order ? order.length : members.length;
    const out = new Int32Array(n);
    let k = 0;
    for (let j = 0; j < n; j += 1) {
      if ((j & 4095) === 4095) yield;
      const position = order ? order[j]! : j;
      if (test(position)) out[k++] = position;
    }
    if (at.memberships !== memberships || at.replaced !== replaced || at.size !== members.length) return runNow(matchSteps(filter, sort));
    const found = out.slice(0, k);
    results.delete(key);
    results.set(key, { memberships, replaced, size: members.length, order: found });
    if (results.size > CACHED_RESULTS) results.delete(results.keys().next().value!);
    return found;
  }

  function buildSearchTexts(): Promise<void> {
    building ??= (async () => {
      try {
        while (textsBuilt < members.length) {
          const end = performance.now() + SLICE_MS;
          do {
            for (const stop = Math.min(members.length, textsBuilt + 256); textsBuilt < stop; textsBuilt += 1) {
              texts[textsBuilt] ??= memberSearchText(members[textsBuilt]!);
            }
          } while (textsBuilt < members.length && performance.now() < end);
          if (textsBuilt < members.length) await yieldToEventLoop();
        }
      } finally {
        building = undefined;
      }
    })();
    return building;
  }

  /** A predicate for `filter` over the member at a position, search texts from the index. */
  function compile(filter: MemberFilter): (position: number) => boolean {
    const test = compileFilter(filter, textOf);
    return (position) => {
      current = position;
      return test(members[position]!);
    };
  }

  return {
    get size() {
      return members.length;
    },
    members,
    get: (id) => {
      const at = positions.get(id);
      return at === undefined ? undefined : members[at];
    },
    put(member) {
      const n = members.length;
      const size = positions.size;
      positions.set(member.id, n);
      if (positions.size === size) {
        // A seed that repeats an id replaces the first (rare: found by a scan, so adding costs one map write).
        const at = members.findIndex((m) => m.id === member.id);
        positions.set(member.id, at);
        const before = members[at];
        members[at] = member;
        texts[at] = undefined;
        textsBuilt = Math.min(textsBuilt, at);
        replaced += 1;
        results.clear();
        return before;
      }
      members.push(member);
      byId = undefined;
      if (sorts.size > 0) insertIntoSorts(n);
      if (results.size > 0) results.clear();
      return undefined;
    },
    setSegments(id, segmentIds) {
      const at = positions.get(id)!;
      members[at] = { ...members[at]!, segmentIds };
      memberships += 1;
    },
    install(changed) {
      for (const member of changed) members[positions.get(member.id)!] = member;
      if (changed.length > 0) memberships += 1;
    },
    compile,
    buildSearchTexts,
    matching: (query) => runNow(matchSteps(query, query.sort)),
    selected: (filter) => runNow(matchSteps(filter, undefined)),
    async prepareMatching(filter, sort) {
      if (foldText(filter.search.trim()) !== '') await buildSearchTexts();
      if (sort) await inSlices(sortSteps(sort));
      await inSlices(matchSteps(filter, sort));
    },
  };
}

/**
 * The memory adapter's members and what it derives from them (decision 027):
 * the members as given (never copied, never changed: a write replaces a
 * member with a changed copy), search texts built the first time a search
 * needs them, one sorted order per sort in use (positions, 4 bytes a member)
 * kept up to date as members join, and the last few filtered results.
 */
import { createIdTable } from './memory-ids.js';
import { STEP, orderById, runNow, sortPositions, topPositions } from './memory-sort.js';
import type { Steps } from './memory-sort.js';
import type { Member, MemberFilter, MemberQuery, MemberSort } from './model.js';
import { compareSortValues, compileFilter, foldText, memberSearchText, sortValueOf } from './query.js';
import { SLICE_MS, inSlices, yieldToEventLoop } from './yield.js';

export interface MemberIndex {
  readonly size: number;
  /** Every member, in the order they were added (live: do not change). */
  readonly members: readonly Member[];
  get(id: string): Member | undefined;
  /** Makes room for `count` members in all (seeding). */
  reserve(count: number): void;
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
   * Readies `page` for a page near either end of `query`'s result (up to
   * `ENDS_MAX` members from its first or its last) in slices: from what is
   * cached, else in one pass that keeps only the members up to that page,
   * the whole order then computed in the background for the pages between.
   * False when the page needs the whole order (`prepareMatching`).
   */
  prepareEnds(query: MemberQuery, offset: number, limit: number): Promise<boolean>;
  /** Positions of the members from `offset` (up to `limit`) that `query` selects, in its order, and how many it selects. */
  page(query: MemberQuery, offset: number, limit: number): { positions: Int32Array; total: number };
  /**
   * Builds every search text not built yet, in slices of a few ms with the
   * event loop let in between, so a first search at 100,000 members is no
   * long task (an aborted call still lets the texts be built, for the next).
   */
  buildSearchTexts(): Promise<void>;
}

const CACHED_RESULTS = 4;
/** The most members from either end a page is found within in one pass (`prepareEnds`); further in takes the whole order. */
const ENDS_MAX = 1000;
/** How long after a page found in one pass the whole order starts computing in the background. */
const BACKGROUND_DELAY_MS = 200;

export function createMemberIndex(): MemberIndex {
  const members: Member[] = [];
  const positions = createIdTable(members);
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
  /**
   * The first and the last members of the last query read near its ends before its whole order was
   * known (`prepareEnds`), each in the query's order, and how many it selects.
   */
  let ends: { key: string; memberships: number; replaced: number; size: number; total: number; head: Int32Array; tail: Int32Array } | undefined;
  /** Orders being computed in slices, by sort (one computation however many ask). */
  const sorting = new Map<string, Promise<Int32Array>>();

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

  /**
   * Steps to the order of `sort`, cached; in steps, the members as they were
   * when it started (see `prepareMatching`). When they changed meanwhile it
   * starts over, in steps once more, then at once (`retries`).
   */
  function* sortSteps(sort: MemberSort, retries = 1): Steps<Int32Array> {
    const hit = cachedSort(sort);
    if (hit) return hit;
    const at = { memberships, replaced, size: members.length };
    let ids = byId;
    if (!ids) {
      ids = yield* orderById(members, positions);
      // A member joined while it paused: that id order is already out of date.
      if (members.length !== at.size) return retries > 0 ? yield* sortSteps(sort, retries - 1) : runNow(sortSteps(sort, 0));
      byId = ids;
    }
    const order = yield* sortPositions(members.slice(0, at.size), sort, ids);
    // Members joined or memberships changed while it paused: what it computed is not the order of now.
    if (at.size !== members.length || at.replaced !== replaced || (sort.key === 'segments' && at.memberships !== memberships)) {
      return retries > 0 ? yield* sortSteps(sort, retries - 1) : runNow(sortSteps(sort, 0));
    }
    const name = JSON.stringify([sort.key, sort.dir]);
    sorts.delete(name);
    sorts.set(name, { sort: { key: sort.key, dir: sort.dir }, memberships, replaced, order });
    if (sorts.size > 8) sorts.delete(sorts.keys().next().value!);
    return order;
  }

  /** The filter searches (its folded text is not empty): search texts are needed. */
  const searching = (filter: MemberFilter): boolean => foldText(filter.search.trim()) !== '';
  const everyone = (filter: MemberFilter): boolean =>
    filter.include.length === 0 && filter.exclude.length === 0 && filter.attributes.length === 0 && !searching(filter);
  const resultKey = (filter: MemberFilter, sort: MemberSort | undefined): string =>
    JSON.stringify([filter.include, filter.exclude, filter.match, filter.search, filter.attributes, sort ?? null]);
  /** Computed from the members as they are now. */
  const isFresh = (entry: { memberships: number; replaced: number; size: number }): boolean =>
    entry.memberships === memberships && entry.replaced === replaced && entry.size === members.length;

  /** The order of `sort` in slices: one computation for every caller while it runs. */
  function sortInSlices(sort: MemberSort): Promise<Int32Array> {
    const name = JSON.stringify([sort.key, sort.dir]);
    let running = sorting.get(name);
    if (!running) {
      running = inSlices(sortSteps(sort)).finally(() => sorting.delete(name));
      sorting.set(name, running);
    }
    return running;
  }

  /** What `matching` answers for `query`, when it is cached (no work). */
  function cachedMatching(filter: MemberFilter, sort: MemberSort): Int32Array | undefined {
    const order = cachedSort(sort);
    if (order && everyone(filter)) return order;
    const hit = results.get(resultKey(filter, sort));
    return hit && isFresh(hit) ? hit.order : undefined;
  }

  async function prepareMatching(filter: MemberFilter, sort?: MemberSort): Promise<void> {
    if (searching(filter)) await buildSearchTexts();
    if (sort) await sortInSlices(sort);
    await inSlices(matchSteps(filter, sort));
  }

  /** The cached ends of `query`'s result, when they are of the members as they are now. */
  function endsOf(query: MemberQuery): typeof ends {
    return ends?.key === resultKey(query, query.sort) && isFresh(ends) ? ends : undefined;
  }

  /** Where a page falls: within the first members, within the last, or neither; `total` known or not. */
  function endFor(total: number | undefined, offset: number, limit: number): { last: boolean; count: number } | null {
    if (offset + limit <= ENDS_MAX) return { last: false, count: offset + limit };
    if (total !== undefined && offset >= total - ENDS_MAX) return { last: true, count: total - offset };
    return null;
  }

  async function prepareEnds(query: MemberQuery, offset: number, limit: number): Promise<boolean> {
    const { sort } = query;
    if (cachedMatching(query, sort)) return true;
    // With the order known, one filtering pass over it is cheaper than a pass keeping the page in order.
    if (cachedSort(sort)) return false;
    const known = endsOf(query);
    // How many match: from the ends already found, else everyone is all members.
    const total = known?.total ?? (everyone(query) ? members.length : undefined);
    const end = endFor(total, offset, limit);
    if (!end) return false;
    if (known && (end.last ? known.tail : known.head).length >= Math.min(end.count, known.total)) return true;
    if (searching(query)) await buildSearchTexts();
    const at = { memberships, replaced, size: members.length };
    const test = everyone(query) ? () => true : compile(query);
    // Members often come sorted (by name, as a host's list is): read from the end the page is at, else the other way.
    const scan = (backward: boolean) => inSlices(topPositions(members, sort, end.count, test, end.last, backward));
    const found = (await scan(end.last)) ?? (await scan(!end.last));
    if (!found || !isFresh(at)) return false;
    const before = endsOf(query);
    const empty = new Int32Array(0);
    ends = {
      key: resultKey(query, sort),
      ...at,
      total: found.total,
      head: end.last ? (before?.head ?? empty) : found.positions,
      tail: end.last ? found.positions : (before?.tail ?? empty),
    };
    inBackground(query);
    return true;
  }

  /** The query whose whole result waits to be computed in the background (the latest asked replaces an earlier one). */
  let queued: MemberQuery | undefined;
  let draining = false;

  /**
   * Computes the whole result of `query` (its order, who matches) in slices,
   * from `BACKGROUND_DELAY_MS` later (the page's answer is shown first), one query at a
   * time: a query asked while another is computed waits for it, and only the
   * latest one waiting is computed (a sort the user has left is not).
   */
  function inBackground(query: MemberQuery): void {
    queued = query;
    if (draining) return;
    draining = true;
    void (async () => {
      try {
        while (queued) {
          // Once the answer has been shown: a backend in a Worker shares the device's cores with the page.
          await new Promise((resolve) => setTimeout(resolve, BACKGROUND_DELAY_MS));
          const next = queued;
          queued = undefined;
          await prepareMatching(next, next.sort).catch(() => undefined);
        }
      } finally {
        draining = false;
      }
    })();
  }

  function page(query: MemberQuery, offset: number, limit: number): { positions: Int32Array; total: number } {
    const found = cachedMatching(query, query.sort) ? undefined : endsOf(query);
    if (found) {
      const { head, tail, total } = found;
      const end = Math.min(offset + limit, total);
      if (end <= head.length || head.length === total) return { positions: head.subarray(offset, end), total };
      const from = total - tail.length;
      if (offset >= from) return { positions: tail.subarray(offset - from, end - from), total };
    }
    const all = runNow(matchSteps(query, query.sort));
    return { positions: all.subarray(offset, offset + limit), total: all.length };
  }

  /**
   * Steps to the positions `filter` selects, in the order of `sort` (else in
   * the order members were added), cached; a result computed over pauses
   * during which members changed is redone, in steps once more, then at once.
   */
  function* matchSteps(filter: MemberFilter, sort: MemberSort | undefined, retries = 1): Steps<Int32Array> {
    const order = sort ? yield* sortSteps(sort) : undefined;
    if (everyone(filter) && order) return order;
    const key = resultKey(filter, sort);
    const hit = results.get(key);
    if (hit && isFresh(hit)) return hit.order;
    const at = { memberships, replaced, size: members.length };
    const test = compile(filter);
    const n = order ? order.length : members.length;
    const out = new Int32Array(n);
    let k = 0;
    for (let j = 0; j < n; j += 1) {
      if ((j & STEP) === STEP) yield;
      const position = order ? order[j]! : j;
      if (test(position)) out[k++] = position;
    }
    if (!isFresh(at)) return retries > 0 ? yield* matchSteps(filter, sort, retries - 1) : runNow(matchSteps(filter, sort, 0));
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
    reserve: (count) => positions.reserve(count),
    get: (id) => {
      const at = positions.get(id);
      return at === undefined ? undefined : members[at];
    },
    put(member) {
      const n = members.length;
      const at = positions.add(member.id, n);
      if (at !== undefined) {
        // A seed that repeats an id replaces the first.
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
    prepareMatching,
    prepareEnds,
    page,
  };
}

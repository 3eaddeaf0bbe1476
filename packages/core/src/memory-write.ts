/**
 * The memory adapter's bulk writes, planned in slices (decision 031). Who a
 * membership change or a delete touches, and each touched member's changed
 * copy, are computed a few thousand members at a time, with the event loop
 * let in between; the write then commits in one short step (`install`), so
 * a query, `snapshot()` or `member()` sees the data as it was before the
 * write or after it, never half of it. Writes run one at a time
 * (`createWriteLock`): no write commits while another is planning.
 */
import { SegkitError } from './errors.js';
import type { MemberIndex } from './memory-index.js';
import { checkRules, normalizeFilter } from './memory-checks.js';
import { STEP } from './memory-sort.js';
import type { Steps } from './memory-sort.js';
import type { Member, MembershipChange, MembershipResult } from './model.js';

/** What a membership change will do, computed before it is committed. */
export interface MembershipPlan {
  result: MembershipResult;
  /** Changed copies of the members whose segments change (the others are kept as they are). */
  changed: Member[];
}

/** What deleting a segment will do, computed before it is committed. */
export interface DeletePlan {
  memberIds: string[];
  unassignedDelta: number;
  changed: Member[];
}

/** Steps to the members `change` targets (each once; unknown ids are skipped). Throws `invalid-input` for a malformed target. */
function* targetSteps(index: MemberIndex, change: MembershipChange): Steps<Member[]> {
  const target = change.target;
  const out: Member[] = [];
  if (target?.kind === 'ids' && Array.isArray(target.ids)) {
    const seen = new Set<string>();
    for (let i = 0; i < target.ids.length; i += 1) {
      if ((i & STEP) === STEP) yield;
      const id = target.ids[i]!;
      const member = index.get(id);
      if (member && !seen.has(id)) {
        seen.add(id);
        out.push(member);
      }
    }
    return out;
  }
  if (target?.kind === 'query' && typeof target.filter === 'object' && target.filter !== null) {
    checkRules(target.filter);
    const except = new Set(target.except ?? []);
    // Cached by the adapter's `prepareMatching` beforehand (in slices); computed here only if not.
    const positions = index.selected(normalizeFilter(target.filter));
    for (let j = 0; j < positions.length; j += 1) {
      if ((j & STEP) === STEP) yield;
      const member = index.members[positions[j]!]!;
      if (!except.has(member.id)) out.push(member);
    }
    return out;
  }
  throw new SegkitError('invalid-input', 'A membership target is { kind: "ids", ids } or { kind: "query", filter, except }.');
}

/**
 * Steps to the plan of `change` over the segments `segmentIds` (checked):
 * per segment exactly who changes and who is skipped, the change to
 * Unassigned, and (with `copies`) the changed members, their new segments
 * in the order a segment-by-segment write would give them.
 */
export function* planSteps(index: MemberIndex, change: MembershipChange, segmentIds: readonly string[], copies: boolean): Steps<MembershipPlan> {
  const targets = yield* targetSteps(index, change);
  const assign = change.op === 'assign';
  const removing = new Set(segmentIds);
  const lists: string[][] = segmentIds.map(() => []);
  const changed: Member[] = [];
  let unassignedDelta = 0;
  for (let t = 0; t < targets.length; t += 1) {
    if ((t & STEP) === STEP) yield;
    const member = targets[t]!;
    const before = member.segmentIds;
    let touched = false;
    for (let s = 0; s < segmentIds.length; s += 1) {
      if (before.includes(segmentIds[s]!) !== assign) {
        lists[s]!.push(member.id);
        touched = true;
      }
    }
    if (assign && before.length === 0) unassignedDelta -= 1;
    if (!assign && before.length > 0 && before.every((id) => removing.has(id))) unassignedDelta += 1;
    if (!touched || !copies) continue;
    const segments = assign ? [...before, ...segmentIds.filter((id) => !before.includes(id))] : before.filter((id) => !removing.has(id));
    // A changed copy: the member given (or snapshot earlier) stays as it was.
    changed.push({ ...member, segmentIds: segments });
  }
  const effects = segmentIds.map((segmentId, s) => ({
    segmentId,
    changed: lists[s]!.length,
    skipped: targets.length - lists[s]!.length,
    memberIds: lists[s]!,
  }));
  return { result: { members: targets.length, segments: effects, unassignedDelta }, changed };
}

/** Steps to the plan of deleting `segmentId`: its members, each as a copy without it, and who goes back to Unassigned. */
export function* deleteSteps(index: MemberIndex, segmentId: string): Steps<DeletePlan> {
  const memberIds: string[] = [];
  const changed: Member[] = [];
  let unassignedDelta = 0;
  const { members } = index;
  for (let at = 0; at < members.length; at += 1) {
    if ((at & STEP) === STEP) yield;
    const member = members[at]!;
    if (!member.segmentIds.includes(segmentId)) continue;
    memberIds.push(member.id);
    const rest = member.segmentIds.filter((s) => s !== segmentId);
    changed.push({ ...member, segmentIds: rest });
    if (rest.length === 0) unassignedDelta += 1;
  }
  return { memberIds, unassignedDelta, changed };
}

/** A copy of a membership result: its id lists copied as arrays (a structured clone of 100,000 ids is ~10 ms). */
export function copyResult(result: MembershipResult): MembershipResult {
  return { ...result, segments: result.segments.map((effect) => ({ ...effect, memberIds: effect.memberIds.slice() })) };
}

/** A copy of a membership change (an `ids` target's list copied as an array). */
export function copyChange(change: MembershipChange): MembershipChange {
  const { target } = change;
  return {
    ...change,
    segmentIds: [...change.segmentIds],
    target: target.kind === 'ids' ? { ...target, ids: target.ids.slice() } : structuredClone(target),
  };
}

/** Writes one at a time, in the order they were called. */
export interface WriteLock {
  /** Runs `write` once every write called before it has settled. */
  run<T>(write: () => Promise<T>): Promise<T>;
}

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(write) {
      const next = tail.then(write);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

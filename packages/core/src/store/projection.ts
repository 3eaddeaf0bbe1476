/**
 * The optimistic view as pure functions (decision 002): what the UI shows is
 * the last confirmed state with every queued write applied on top, in order.
 * No atoms, no I/O: each function takes the state it reads and returns new data.
 */
import type {
  DeleteResult,
  Member,
  MembershipChange,
  MembershipPreview,
  MembershipResult,
  Segment,
  SegmentList,
  SegmentPatch,
} from '../model.js';
import { UNASSIGNED_ID, filterKey } from '../model.js';
import { compileFilter } from '../query.js';
import { UNASSIGNED_NAME } from '../rules.js';
import type { MutationRecord } from './mutation.js';
import type { SegmentView } from './types.js';

/** The confirmed segments: from reads, the cache, and the exact answers of confirmed writes. */
export interface SegmentBase {
  /** A list has been read (from the backend or the cache). */
  loaded: boolean;
  segments: Map<string, Segment>;
  unassigned: number;
  total: number | null;
}

/** The last preview of a change, to estimate a bulk change by query (its count is not known locally). */
export interface PreviewMemo {
  key: string;
  preview: MembershipPreview;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function emptyBase(): SegmentBase {
  return { loaded: false, segments: new Map(), unassigned: 0, total: null };
}

/** The confirmed state a segment list stands for. */
export function baseFromList(list: SegmentList): SegmentBase {
  return {
    loaded: true,
    segments: new Map(list.items.map((s) => [s.id, s])),
    unassigned: list.unassignedCount,
    total: list.totalMembers,
  };
}

/** The derived Unassigned segment with `count` members. */
export function unassignedSegment(count: number): SegmentView {
  return {
    id: UNASSIGNED_ID,
    name: UNASSIGNED_NAME,
    memberCount: Math.max(0, count),
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    system: true,
    pending: false,
  };
}

/** A segment with a patch applied (`null` clears a field). */
export function patchSegment<T extends Segment>(segment: T, patch: SegmentPatch): T {
  const next = { ...segment };
  if (patch.name !== undefined) next.name = patch.name;
  for (const field of ['description', 'color', 'metadata'] as const) {
    const value = patch[field];
    if (value === null) delete next[field];
    else if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  }
  return next;
}

type Predicate = (member: Member) => boolean;
const targetTests = new WeakMap<MembershipChange, Predicate>();

/** Whether a member is a target of `change` (compiled once per change). */
export function isTargetOf(change: MembershipChange): Predicate {
  let test = targetTests.get(change);
  if (!test) {
    const target = change.target;
    if (target.kind === 'ids') {
      const ids = new Set(target.ids);
      test = (m) => ids.has(m.id);
    } else {
      const except = new Set(target.except);
      const matches = compileFilter(target.filter);
      test = (m) => !except.has(m.id) && matches(m);
    }
    targetTests.set(change, test);
  }
  return test;
}

const reversedIn = new WeakMap<readonly MutationRecord[], ReadonlySet<string>>();

/** The ids of the writes that a write of `queue` reverses while both are queued (memoized per queue). */
function reversed(queue: readonly MutationRecord[]): ReadonlySet<string> {
  let ids = reversedIn.get(queue);
  if (!ids) {
    ids = new Set(queue.flatMap((op) => (op.reverses === undefined || op.cancelled ? [] : [op.reverses])));
    reversedIn.set(queue, ids);
  }
  return ids;
}

/** `ids` with each of `segmentIds` in it exactly when it was in `before`. */
function restoreSegments(ids: string[], before: readonly string[], segmentIds: readonly string[]): string[] {
  let next = ids;
  for (const s of segmentIds) {
    if (before.includes(s) && !next.includes(s)) next = [...next, s];
    else if (!before.includes(s) && next.includes(s)) next = next.filter((id) => id !== s);
  }
  return next;
}

/**
 * A member with the queued changes applied, in order (as the backend will
 * apply them). A membership write that reverses one still queued (an Undo
 * made before the answer) puts the member's segments back as they were
 * before that write. Unchanged members are returned as is.
 */
export function projectMember(member: Member, queue: readonly MutationRecord[]): Member {
  const reversedIds = reversed(queue);
  let ids = member.segmentIds;
  let before: Map<string, string[]> | undefined;
  for (const op of queue) {
    if (op.cancelled) continue;
    if (reversedIds.has(op.id)) (before ??= new Map()).set(op.id, ids);
    if (op.reverses !== undefined && op.kind === 'membership') {
      const prior = before?.get(op.reverses);
      if (prior && op.change) ids = restoreSegments(ids, prior, op.change.segmentIds);
      continue;
    }
    if (op.kind === 'membership' && op.change) {
      const current = ids === member.segmentIds ? member : { ...member, segmentIds: ids };
      if (!isTargetOf(op.change)(current)) continue;
      if (op.change.op === 'assign') {
        const add = op.change.segmentIds.filter((id) => !ids.includes(id));
        if (add.length) ids = [...ids, ...add];
      } else if (op.change.segmentIds.some((id) => ids.includes(id))) {
        ids = ids.filter((id) => !op.change!.segmentIds.includes(id));
      }
    } else if (op.kind === 'delete-segment' && ids.includes(op.segmentId!)) {
      ids = ids.filter((id) => id !== op.segmentId);
    }
  }
  return ids === member.segmentIds ? member : { ...member, segmentIds: ids };
}

/**
 * The segments as shown: confirmed segments with the queue projected on top
 * (new ones pending, renames applied, deletes gone, counts estimated),
 * Unassigned first, then by name. Empty until something is loaded or queued.
 * `stamp` dates segments created in the queue.
 */
export function segmentViews(base: SegmentBase, queue: readonly MutationRecord[], stamp: string): SegmentView[] {
  const map = new Map<string, SegmentView>();
  for (const segment of base.segments.values()) map.set(segment.id, { ...segment, pending: false });
  let unassigned = base.unassigned;
  for (const op of queue) {
    if (op.cancelled) continue;
    if (op.kind === 'create-segment' && op.draft) {
      const { id, ...fields } = op.draft;
      map.set(id!, { ...fields, id: id!, memberCount: 0, createdAt: stamp, updatedAt: stamp, pending: true });
    } else if (op.kind === 'update-segment') {
      const segment = map.get(op.segmentId!);
      if (segment) map.set(segment.id, { ...patchSegment(segment, op.patch!), pending: true });
    } else if (op.kind === 'delete-segment') {
      if (map.delete(op.segmentId!)) unassigned += op.estimate?.unassigned ?? 0;
    } else if (op.estimate) {
      for (const [id, delta] of Object.entries(op.estimate.segments)) {
        const segment = map.get(id);
        if (segment) map.set(id, { ...segment, memberCount: Math.max(0, segment.memberCount + delta), pending: true });
      }
      unassigned += op.estimate.unassigned;
    }
  }
  const list = [...map.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return base.loaded || queue.length ? [unassignedSegment(unassigned), ...list] : [];
}

/** Identifies a change (op, segments, target) regardless of order, to match it with its preview. */
export function changeKey(change: MembershipChange): string {
  const target =
    change.target.kind === 'ids'
      ? [...change.target.ids].sort()
      : [filterKey(change.target.filter), [...change.target.except].sort()];
  return JSON.stringify([change.op, [...change.segmentIds].sort(), change.target.kind, target]);
}

/**
 * Predicted count changes of a membership change: exact for members the store
 * has loaded (`member(id)`, seen through the queue), from the matching preview
 * for a query target, `null` when there is none.
 */
export function estimateChange(
  change: MembershipChange,
  queue: readonly MutationRecord[],
  member: (id: string) => Member | undefined,
  preview: PreviewMemo | null,
): MutationRecord['estimate'] {
  if (change.target.kind === 'query') {
    if (preview?.key !== changeKey(change)) return null;
    const sign = change.op === 'assign' ? 1 : -1;
    const segments: Record<string, number> = {};
    for (const effect of preview.preview.segments) segments[effect.segmentId] = sign * effect.changed;
    return { segments, unassigned: preview.preview.unassignedDelta };
  }
  const segments: Record<string, number> = Object.fromEntries(change.segmentIds.map((id) => [id, 0]));
  let unassigned = 0;
  const assign = change.op === 'assign';
  for (const id of new Set(change.target.ids)) {
    const known = member(id);
    if (!known) {
      if (assign) for (const s of change.segmentIds) segments[s]! += 1;
      continue;
    }
    const current = projectMember(known, queue).segmentIds;
    for (const s of change.segmentIds) if (current.includes(s) !== assign) segments[s]! += assign ? 1 : -1;
    if (assign && current.length === 0) unassigned -= 1;
    if (!assign && current.length > 0 && current.every((s) => change.segmentIds.includes(s))) unassigned += 1;
  }
  return { segments, unassigned };
}

/** The confirmed state after the backend confirmed `write` with `result` (its exact numbers, not the estimate). */
export function foldConfirmed(base: SegmentBase, write: MutationRecord, result: unknown): SegmentBase {
  const segments = new Map(base.segments);
  let { unassigned } = base;
  if (write.kind === 'create-segment' || write.kind === 'update-segment') {
    const segment = result as Segment;
    segments.set(segment.id, segment);
  } else if (write.kind === 'delete-segment') {
    segments.delete(write.segmentId!);
    unassigned += (result as DeleteResult).unassignedDelta;
  } else {
    const res = result as MembershipResult;
    const sign = write.change!.op === 'assign' ? 1 : -1;
    for (const effect of res.segments) {
      const segment = segments.get(effect.segmentId);
      if (segment) segments.set(segment.id, { ...segment, memberCount: Math.max(0, segment.memberCount + sign * effect.changed) });
    }
    unassigned += res.unassignedDelta;
  }
  return { loaded: base.loaded, segments, unassigned, total: base.total };
}

/**
 * Calls `visit(memberId, segmentId, added)` for each member whose stored
 * segment ids a confirmed write changed (exactly who, from the answer). No
 * list is built: at 100,000 members the answer is the only list (decision 031).
 */
export function forEachConfirmedChange(
  write: MutationRecord,
  result: unknown,
  visit: (memberId: string, segmentId: string, added: boolean) => void,
): void {
  if (write.kind === 'delete-segment') {
    for (const id of (result as DeleteResult).memberIds) visit(id, write.segmentId!, false);
    return;
  }
  if (write.kind !== 'membership') return;
  const added = write.change!.op === 'assign';
  for (const effect of (result as MembershipResult).segments) for (const id of effect.memberIds) visit(id, effect.segmentId, added);
}

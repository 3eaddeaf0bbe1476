/**
 * How writes are reversed, as pure functions: the writes that undo a
 * confirmed write (an Undo after the backend answered, and the compensation
 * of a group rolled back half-way), the writes an Undo queues at once behind
 * a write still queued, and what those become once that write settles
 * (decision 002: writes reach the server in the order the user made them,
 * Undo included).
 */
import { createId } from '../ids.js';
import type { DeleteResult, MembershipOp, MembershipResult, Segment, SegmentDraft } from '../model.js';
import type { MutationRecord } from './mutation.js';

const inverseOp = (op: MembershipOp): MembershipOp => (op === 'assign' ? 'unassign' : 'assign');

/** A segment as the draft that creates it again, with the same id. */
export function draftOf(segment: Segment): SegmentDraft {
  const { memberCount: _c, createdAt: _a, updatedAt: _u, system: _s, ...rest } = segment;
  const { pending: _p, ...draft } = rest as typeof rest & { pending?: boolean };
  return draft;
}

/**
 * The writes that undo `write`, which the backend confirmed with `result`:
 * exactly the members that changed, back; a created segment deleted; a
 * deleted one created again (same id) with its members. `more` is spread
 * into each (`undo`, `group`); ids start with `prefix` (`fix_` for the
 * repairs of a group rolled back half-way). None for a segment update.
 */
export function inverseOf(write: MutationRecord, result: unknown, more: Partial<MutationRecord> = {}, prefix = 'mut_'): MutationRecord[] {
  const nextId = () => createId(prefix);
  if (write.kind === 'membership') {
    const answer = result as MembershipResult;
    const change = write.change!;
    const sign = change.op === 'assign' ? -1 : 1;
    return answer.segments
      .filter((effect) => effect.memberIds.length > 0)
      .map((effect, i): MutationRecord => ({
        id: nextId(),
        kind: 'membership',
        change: {
          op: inverseOp(change.op),
          target: { kind: 'ids', ids: [...effect.memberIds] },
          segmentIds: [effect.segmentId],
          source: change.source,
        },
        estimate: { segments: { [effect.segmentId]: sign * effect.memberIds.length }, unassigned: i === 0 ? -answer.unassignedDelta : 0 },
        ...more,
      }));
  }
  if (write.kind === 'create-segment') {
    const segment = result as Segment;
    return [{ id: nextId(), kind: 'delete-segment', segmentId: segment.id, before: segment, estimate: null, ...more }];
  }
  if (write.kind === 'delete-segment') {
    const deleted = result as DeleteResult;
    const create: MutationRecord = { id: nextId(), kind: 'create-segment', draft: draftOf(deleted.segment), ...more };
    if (deleted.memberIds.length === 0) return [create];
    const members: MutationRecord = {
      id: nextId(),
      kind: 'membership',
      change: { op: 'assign', target: { kind: 'ids', ids: [...deleted.memberIds] }, segmentIds: [deleted.segment.id], source: 'manual' },
      estimate: { segments: { [deleted.segment.id]: deleted.memberIds.length }, unassigned: -deleted.unassignedDelta },
      dependsOn: create.id,
      ...more,
    };
    return [create, members];
  }
  return [];
}

/**
 * The writes an Undo queues at once behind `write`, still queued (its answer
 * unknown): one per segment of a membership change, or the deleted segment
 * again and its members back. Each names `write` in `reverses`; the view
 * shows it as "as before `write`" until `resolveReversal` makes it exact.
 */
export function reversalOf(write: MutationRecord, more: Partial<MutationRecord> = {}): MutationRecord[] {
  if (write.kind === 'membership') {
    const change = write.change!;
    return change.segmentIds.map(
      (segmentId, i): MutationRecord => ({
        id: createId('mut_'),
        kind: 'membership',
        reverses: write.id,
        // Never sent as is: resolved to exactly who changed once `write` is confirmed.
        change: { op: inverseOp(change.op), target: change.target, segmentIds: [segmentId], source: change.source },
        estimate: write.estimate
          ? { segments: { [segmentId]: -(write.estimate.segments[segmentId] ?? 0) }, unassigned: i === 0 ? -write.estimate.unassigned : 0 }
          : null,
        ...more,
      }),
    );
  }
  if (write.kind === 'delete-segment' && write.before) {
    const segment = write.before;
    return [
      { id: createId('mut_'), kind: 'create-segment', reverses: write.id, draft: draftOf(segment), ...more },
      {
        id: createId('mut_'),
        kind: 'membership',
        reverses: write.id,
        change: { op: 'assign', target: { kind: 'ids', ids: [] }, segmentIds: [segment.id], source: 'manual' },
        estimate: { segments: { [segment.id]: segment.memberCount }, unassigned: 0 },
        ...more,
      },
    ];
  }
  return [];
}

/**
 * What a write queued by `reversalOf` becomes once `original` settled:
 * confirmed (`outcome.result`: exactly who changed), or never applied
 * (`null`: cancelled, nothing to send or show).
 */
export function resolveReversal(
  reversal: MutationRecord,
  original: MutationRecord,
  outcome: { result: unknown } | null,
): Partial<MutationRecord> {
  if (!outcome) return { cancelled: true };
  if (reversal.kind !== 'membership' || !reversal.change) return {};
  const segmentId = reversal.change.segmentIds[0]!;
  if (original.kind === 'delete-segment') {
    const deleted = outcome.result as DeleteResult;
    return {
      change: { ...reversal.change, target: { kind: 'ids', ids: [...deleted.memberIds] } },
      estimate: { segments: { [segmentId]: deleted.memberIds.length }, unassigned: -deleted.unassignedDelta },
    };
  }
  if (original.kind !== 'membership' || !original.change) return {};
  const answer = outcome.result as MembershipResult;
  const ids = answer.segments.find((effect) => effect.segmentId === segmentId)?.memberIds ?? [];
  const sign = original.change.op === 'assign' ? -1 : 1;
  const first = original.change.segmentIds[0] === segmentId;
  return {
    change: { ...reversal.change, target: { kind: 'ids', ids: [...ids] } },
    estimate: { segments: { [segmentId]: sign * ids.length }, unassigned: first ? -answer.unassignedDelta : 0 },
  };
}

/**
 * From writes to store events: each phase of a queued write (shown,
 * confirmed, rolled back) becomes one `membership` or `segment` event.
 */
import type { SegkitError } from '../errors.js';
import type { DeleteResult, MembershipResult, Segment } from '../model.js';
import type { Emitter } from './emitter.js';
import type { MutationRecord } from './mutation.js';
import { patchSegment } from './projection.js';
import type { Phase, StoreEvents } from './types.js';

const SEGMENT_ACTIONS = {
  'create-segment': 'create',
  'update-segment': 'update',
  'delete-segment': 'delete',
} as const;

/**
 * The segment a segment write is about: the backend's answer once there is
 * one, else what the write shows (the draft, the patched or deleted segment).
 */
function segmentOf(write: MutationRecord, result: unknown): Segment | undefined {
  if (result) return write.kind === 'delete-segment' ? (result as DeleteResult).segment : (result as Segment);
  if (write.kind === 'create-segment') {
    const { id, ...fields } = write.draft!;
    return { ...fields, id: id!, memberCount: 0, createdAt: '', updatedAt: '' };
  }
  if (write.before) return write.kind === 'update-segment' ? patchSegment(write.before, write.patch!) : write.before;
  return undefined;
}

/** The write's `origin` as an event field (none when the action was given none). */
export function originOf(write: MutationRecord): { origin?: unknown } {
  return write.origin === undefined ? {} : { origin: write.origin };
}

/**
 * Emits the event for `write` in `phase` (with the backend's answer when
 * confirmed, the error when reverted; a cancelled write, whose reversed write
 * never landed, is reverted without an error).
 */
export function announceWrite(
  events: Emitter<StoreEvents>,
  write: MutationRecord,
  phase: Phase,
  result?: unknown,
  error?: SegkitError,
): void {
  if (write.kind === 'membership' && write.change) {
    events.emit('membership', {
      mutationId: write.id,
      op: write.change.op,
      segmentIds: [...write.change.segmentIds],
      target: write.change.target,
      source: write.change.source,
      phase,
      ...(result ? { result: result as MembershipResult } : {}),
      ...(error ? { error } : {}),
      ...(write.undo ? { undo: true } : {}),
      ...(write.move ? { move: { ...write.move } } : {}),
      ...originOf(write),
    });
    return;
  }
  if (write.kind === 'membership') return;
  const segment = segmentOf(write, result);
  if (!segment) return;
  events.emit('segment', {
    mutationId: write.id,
    action: SEGMENT_ACTIONS[write.kind],
    segment,
    phase,
    ...(write.before ? { previous: write.before } : {}),
    ...(error ? { error } : {}),
    ...(write.undo ? { undo: true } : {}),
    ...originOf(write),
  });
}

/**
 * What a write is: the record the outbox persists, what one session adds to it
 * while it waits in the queue, and the one adapter call that sends it.
 */
import type { SegmentsAdapter } from '../adapter.js';
import type { SegkitError } from '../errors.js';
import type { DeleteResult, MembershipChange, MembershipResult, Segment, SegmentDraft, SegmentPatch } from '../model.js';
import type { MoveSides, MutationKind } from './types.js';

/** A queued write as persisted in the outbox: plain data. */
export interface MutationRecord {
  id: string;
  kind: MutationKind;
  draft?: SegmentDraft;
  segmentId?: string;
  patch?: SegmentPatch;
  change?: MembershipChange;
  /** Predicted count changes, shown until the backend answers. */
  estimate?: { segments: Record<string, number>; unassigned: number } | null;
  /** Dropped with the same error when that mutation is refused. */
  dependsOn?: string;
  /** The segment before an update or delete (for events on rollback). */
  before?: Segment;
  /** Made by `undo()`: events say so. */
  undo?: true;
  /** One of the two writes of a move (into `to`, then out of `from`): events say so. */
  move?: MoveSides;
  /**
   * Writes of one action that stand or fall together (an Undo, a
   * create-and-assign): when one is refused, the others not sent yet are
   * dropped and the confirmed ones are undone by `compensate`.
   */
  group?: string;
  /** Set by the queue on the writes of a group still queued: the writes that undo its confirmed ones, latest first. */
  compensate?: MutationRecord[];
  /**
   * Undo made while the write it reverses (this id) was still queued: what
   * exactly to reverse is known from that write's answer, so the queue
   * resolves this write when that one settles (decision 002). Until then the
   * view projects it as "as before that write".
   */
  reverses?: string;
  /** The write it reverses never landed: there is nothing to send, and nothing to show. */
  cancelled?: true;
  /** The action's `origin` (`ActionOptions`), for its events: this session only, never saved (`toRecord`). */
  origin?: unknown;
}

/** A write in the queue: its record plus what this session knows about it. */
export interface QueuedWrite extends MutationRecord {
  /** Attempts made so far. */
  attempts: number;
  /** Attempts the server answered with a 5xx or 429: only these count towards `retry.maxAttempts`. */
  serverFailures: number;
  /** The last transient error, while retrying. */
  lastError: SegkitError | null;
  /** The backend's answer, once confirmed. */
  result?: unknown;
  /** Resolves with the backend's answer; rejects with the error the write was rolled back with. */
  readonly done: Promise<unknown>;
}

/** The outbox record of a queued write (drops what only this session knows, such as an `origin` element that cannot be stored). */
export function toRecord(write: QueuedWrite): MutationRecord {
  const { attempts: _a, serverFailures: _s, lastError: _l, done: _d, result: _r, origin: _o, ...record } = write;
  return record;
}

/** An answer naming more members than this is folded in a task of its own (decision 031). */
export const BULK_ANSWER_IDS = 1_000;

/** How many member ids a write's answer names (who changed): 0 for a segment write. */
export function answerIds(result: unknown): number {
  const answer = result as Partial<MembershipResult & DeleteResult> | null | undefined;
  if (!answer || typeof answer !== 'object') return 0;
  if (Array.isArray(answer.memberIds)) return answer.memberIds.length;
  if (!Array.isArray(answer.segments)) return 0;
  let n = 0;
  for (const effect of answer.segments) n += Array.isArray(effect?.memberIds) ? effect.memberIds.length : 0;
  return n;
}

/**
 * Sends a write: the adapter call for its kind, with the write's id as the
 * request id (decision 001). A cancelled write, or a reversal that turned out
 * to change nobody, sends nothing.
 */
export function sendWrite(adapter: SegmentsAdapter, write: MutationRecord, signal: AbortSignal): Promise<unknown> {
  if (write.cancelled) return Promise.resolve(undefined);
  const change = write.change;
  if (write.kind === 'membership' && change?.target.kind === 'ids' && change.target.ids.length === 0) {
    const nobody: MembershipResult = {
      members: 0,
      segments: change.segmentIds.map((segmentId) => ({ segmentId, changed: 0, skipped: 0, memberIds: [] })),
      unassignedDelta: 0,
    };
    return Promise.resolve(nobody);
  }
  const call = { requestId: write.id, signal };
  switch (write.kind) {
    case 'create-segment':
      return adapter.createSegment(write.draft!, call);
    case 'update-segment':
      return adapter.updateSegment(write.segmentId!, write.patch!, call);
    case 'delete-segment':
      return adapter.deleteSegment(write.segmentId!, call);
    case 'membership':
      return adapter.changeMembership(write.change!, call);
  }
}

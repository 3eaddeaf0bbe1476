/**
 * What a write is: the record the outbox persists, what one session adds to it
 * while it waits in the queue, and the one adapter call that sends it.
 */
import type { SegmentsAdapter } from '../adapter.js';
import type { SegkitError } from '../errors.js';
import type { MembershipChange, Segment, SegmentDraft, SegmentPatch } from '../model.js';
import type { MutationKind } from './types.js';

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

/** The outbox record of a queued write (drops what only this session knows). */
export function toRecord(write: QueuedWrite): MutationRecord {
  const { attempts: _a, serverFailures: _s, lastError: _l, done: _d, result: _r, ...record } = write;
  return record;
}

/** Sends a write: the adapter call for its kind, with the write's id as the request id (decision 001). */
export function sendWrite(adapter: SegmentsAdapter, write: MutationRecord, signal: AbortSignal): Promise<unknown> {
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

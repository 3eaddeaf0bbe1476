/**
 * The write actions: each checks its input at once (a refusal queues
 * nothing), queues its writes with their count estimates, and, for the bulk
 * actions (assign, unassign, create-and-assign, delete), records how to
 * reverse them for `undo()`. Each returns an `ActionPromise` that names what
 * it started.
 */
import type { ReadableAtom } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import { SegkitError, toSegkitError } from '../errors.js';
import { createId } from '../ids.js';
import type {
  DeleteResult,
  Member,
  MemberTarget,
  MembershipChange,
  MembershipOp,
  MembershipPreview,
  MembershipResult,
  Segment,
  SegmentDraft,
  SegmentPatch,
} from '../model.js';
import { UNASSIGNED_ID } from '../model.js';
import { UNASSIGNED_NAME, checkSegmentDraft, checkSegmentPatch } from '../rules.js';
import { MAX_SELECTED_IDS } from './limits.js';
import type { MutationRecord, QueuedWrite } from './mutation.js';
import type { PreviewMemo } from './projection.js';
import { changeKey, estimateChange } from './projection.js';
import { inverseOf, reversalOf } from './reverse.js';
import type { Segments } from './segments.js';
import type { ActionPromise, BulkOptions } from './types.js';
import type { UndoLog } from './undo.js';

export interface WriteActionsOptions {
  /** Queues writes together (one save) and shows them once saved. */
  enqueue(records: readonly MutationRecord[]): QueuedWrite[];
  /** The segments as the queued writes leave them (what the user sees, or is about to). */
  segments: Pick<Segments, 'byId' | 'stored' | 'require'>;
  /** Every queued write, for count estimates. */
  $writes: ReadableAtom<readonly MutationRecord[]>;
  /** A loaded member (confirmed state), for exact count estimates. */
  member(id: string): Member | undefined;
  /** Whom a bulk action acts on when it names no target (the selection). */
  defaultTarget(): MemberTarget;
  undo: Pick<UndoLog, 'record'>;
  adapter: Pick<SegmentsAdapter, 'previewMembership'>;
}

/** Owns the last membership preview (to estimate a bulk change by query). */
export interface WriteActions {
  createSegment(draft: SegmentDraft): ActionPromise<Segment>;
  updateSegment(id: string, patch: SegmentPatch): ActionPromise<Segment>;
  deleteSegment(id: string): ActionPromise<DeleteResult>;
  changeMembership(op: MembershipOp, segmentIds: readonly string[], options?: BulkOptions): ActionPromise<MembershipResult>;
  createAndAssign(draft: SegmentDraft, options?: BulkOptions): ActionPromise<{ segment: Segment; result: MembershipResult }>;
  preview(op: MembershipOp, segmentIds: readonly string[], options?: BulkOptions & { signal?: AbortSignal }): Promise<MembershipPreview>;
}

/**
 * Runs `start` with the id of the write (or bulk action) it starts and hands
 * back its promise carrying that id. A synchronous refusal becomes a rejected
 * promise whose id names nothing: no write, no `$lastAction`.
 */
function started<T>(start: (actionId: string) => Promise<T>): ActionPromise<T> {
  const actionId = createId('mut_');
  let promise: Promise<T>;
  try {
    promise = start(actionId);
  } catch (error) {
    promise = Promise.reject(toSegkitError(error));
  }
  return Object.defineProperty(promise, 'actionId', { value: actionId, enumerable: true }) as ActionPromise<T>;
}

export function createWriteActions(options: WriteActionsOptions): WriteActions {
  const { enqueue, segments, undo } = options;
  let lastPreview: PreviewMemo | null = null;

  function checkTarget(target: MemberTarget): void {
    if (target.kind === 'ids' && target.ids.length === 0) {
      throw new SegkitError('invalid-input', 'Select at least one member.', { field: 'target' });
    }
    const ids = target.kind === 'ids' ? target.ids : target.except;
    if (Array.isArray(ids) && ids.length > MAX_SELECTED_IDS) {
      throw new SegkitError(
        'invalid-input',
        `An action can name at most ${MAX_SELECTED_IDS.toLocaleString('en-US')} members; act on a query instead.`,
        { field: 'target' },
      );
    }
  }

  function checkMembership(segmentIds: readonly string[], target: MemberTarget): string[] {
    const ids = [...new Set(segmentIds)];
    if (ids.length === 0) {
      throw new SegkitError('invalid-input', 'Choose at least one segment.', { field: 'segmentIds' });
    }
    for (const id of ids) {
      if (id === UNASSIGNED_ID) {
        throw new SegkitError('reserved-segment', `Members cannot be added to or removed from ${UNASSIGNED_NAME} directly.`);
      }
      if (!segments.byId(id)) throw new SegkitError('not-found', `There is no segment "${id}".`);
    }
    checkTarget(target);
    return ids;
  }

  function membership(change: MembershipChange, more: Partial<MutationRecord> = {}, id = createId('mut_')): MutationRecord {
    const estimate = estimateChange(change, options.$writes.get(), options.member, lastPreview);
    return { id, kind: 'membership', change, estimate, ...more };
  }

  const one = (record: MutationRecord): QueuedWrite => enqueue([record])[0]!;

  /** Queues an Undo's writes as one group (they stand or fall together); resolves when all are confirmed. */
  function queueUndo(records: MutationRecord[]): Promise<void> {
    return Promise.all(enqueue(records).map((w) => w.done)).then(() => undefined);
  }

  const undoMarks = (): Partial<MutationRecord> => ({ undo: true, group: createId('undo_') });

  /**
   * Undo of an assign / unassign, queued now behind it: the inverse for
   * exactly the members that changed (known from its answer; until then the
   * view shows them as before it).
   */
  function reverseMembership(write: QueuedWrite): Promise<void> {
    const more = undoMarks();
    return queueUndo(write.result === undefined ? reversalOf(write, more) : inverseOf(write, write.result, more));
  }

  /** Undo of a delete, queued now behind it: the segment again (same id), then its members back in it. */
  function reverseDelete(write: QueuedWrite): Promise<void> {
    const more = undoMarks();
    const records = write.result === undefined ? reversalOf(write, more) : inverseOf(write, write.result, more);
    const restore = records[0]!;
    // Refused at once when the name was taken since; the action stays undoable.
    restore.draft = checkSegmentDraft(restore.draft!, segments.stored());
    return queueUndo(records);
  }

  /** Undo of create-and-assign, queued now behind it: delete the new segment. */
  function reverseCreateAndAssign(segmentId: string, assign: QueuedWrite): Promise<void> {
    const { pending: _p, ...before } = segments.require(segmentId);
    const result = assign.result as MembershipResult | undefined;
    const unassigned = result ? -result.unassignedDelta : -(assign.estimate?.unassigned ?? 0);
    return queueUndo([
      {
        id: createId('mut_'),
        kind: 'delete-segment',
        segmentId,
        before,
        estimate: { segments: {}, unassigned },
        ...undoMarks(),
        // Nothing to delete if the assignment (and so the create) never lands.
        ...(result === undefined ? { reverses: assign.id } : {}),
      },
    ]);
  }

  return {
    createSegment: (draft) =>
      started((id) => {
        const clean = checkSegmentDraft(draft, segments.stored());
        if (clean.id !== undefined && segments.byId(clean.id)) {
          throw new SegkitError('invalid-input', `The segment id "${clean.id}" is in use.`, { field: 'id' });
        }
        clean.id ??= createId('seg_');
        return one({ id, kind: 'create-segment', draft: clean }).done as Promise<Segment>;
      }),

    updateSegment: (segmentId, patch) =>
      started((id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const clean = checkSegmentPatch(segmentId, patch, segments.stored());
        return one({ id, kind: 'update-segment', segmentId, patch: clean, before }).done as Promise<Segment>;
      }),

    deleteSegment: (segmentId) =>
      started((id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const write = one({ id, kind: 'delete-segment', segmentId, before, estimate: null });
        undo.record({ id, kind: 'delete-segment', segmentIds: [segmentId], count: before.memberCount, status: 'pending' }, [write], () =>
          reverseDelete(write),
        );
        return write.done as Promise<DeleteResult>;
      }),

    changeMembership: (op, segmentIds, bulk = {}) =>
      started((id) => {
        const target = bulk.target ?? options.defaultTarget();
        const ids = checkMembership(segmentIds, target);
        const write = one(membership({ op, target, segmentIds: ids, source: bulk.source ?? 'manual' }, {}, id));
        undo.record({ id, kind: 'membership', op, segmentIds: ids, count: null, status: 'pending' }, [write], () =>
          reverseMembership(write),
        );
        return write.done as Promise<MembershipResult>;
      }),

    createAndAssign: (draft, bulk = {}) =>
      started((id) => {
        const target = bulk.target ?? options.defaultTarget();
        checkTarget(target);
        const clean = checkSegmentDraft(draft, segments.stored());
        const segmentId = (clean.id ??= createId('seg_'));
        const change: MembershipChange = { op: 'assign', target, segmentIds: [segmentId], source: bulk.source ?? 'manual' };
        // One group: if the assignment is refused, the new segment is deleted again, not left behind empty.
        const createWrite = createId('mut_');
        const [create, assign] = enqueue([
          { id: createWrite, kind: 'create-segment', draft: clean, group: id },
          membership(change, { dependsOn: createWrite, group: id }, id),
        ]) as [QueuedWrite, QueuedWrite];
        undo.record(
          { id, kind: 'create-and-assign', op: 'assign', segmentIds: [segmentId], count: null, status: 'pending' },
          [create, assign],
          () => reverseCreateAndAssign(segmentId, assign),
        );
        return Promise.all([create.done, assign.done]).then(([segment, result]) => ({
          segment: segment as Segment,
          result: result as MembershipResult,
        }));
      }),

    async preview(op, segmentIds, bulk = {}) {
      const target = bulk.target ?? options.defaultTarget();
      const ids = checkMembership(segmentIds, target);
      const change: MembershipChange = { op, target, segmentIds: ids, source: bulk.source ?? 'manual' };
      const result = await options.adapter.previewMembership(change, bulk.signal ? { signal: bulk.signal } : {});
      lastPreview = { key: changeKey(change), preview: result };
      return result;
    },
  };
}

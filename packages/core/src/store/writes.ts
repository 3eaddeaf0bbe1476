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
import type { MutationRecord, QueuedWrite } from './mutation.js';
import type { PreviewMemo } from './projection.js';
import { changeKey, estimateChange } from './projection.js';
import type { Segments } from './segments.js';
import type { ActionPromise, BulkOptions } from './types.js';
import type { UndoLog } from './undo.js';

export interface WriteActionsOptions {
  /** Queues a write and shows it at once. */
  enqueue(record: MutationRecord): QueuedWrite;
  segments: Pick<Segments, 'byId' | 'stored' | 'require'>;
  /** The queued writes, for count estimates. */
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

  function enqueueMembership(change: MembershipChange, more: Partial<MutationRecord> = {}, id = createId('mut_')): QueuedWrite {
    const estimate = estimateChange(change, options.$writes.get(), options.member, lastPreview);
    return enqueue({ id, kind: 'membership', change, estimate, ...more });
  }

  /** Undo of an assign / unassign: the inverse, for exactly the members that changed. */
  async function reverseMembership(write: QueuedWrite): Promise<void> {
    const result = (await write.done) as MembershipResult;
    const change = write.change!;
    const inverse: MembershipOp = change.op === 'assign' ? 'unassign' : 'assign';
    const waits = result.segments
      .filter((effect) => effect.memberIds.length > 0)
      .map(
        (effect) =>
          enqueueMembership(
            { op: inverse, target: { kind: 'ids', ids: effect.memberIds }, segmentIds: [effect.segmentId], source: change.source },
            { undo: true },
          ).done,
      );
    await Promise.all(waits);
  }

  /** Undo of a delete: the segment again (same id), then its members back in it. */
  async function reverseDelete(write: QueuedWrite): Promise<void> {
    const deleted = (await write.done) as DeleteResult;
    const { memberCount: _c, createdAt: _a, updatedAt: _u, system: _s, ...draft } = deleted.segment;
    const restore = enqueue({
      id: createId('mut_'),
      kind: 'create-segment',
      draft: checkSegmentDraft(draft, segments.stored()),
      undo: true,
    });
    const waits: Promise<unknown>[] = [restore.done];
    if (deleted.memberIds.length) {
      const change: MembershipChange = {
        op: 'assign',
        target: { kind: 'ids', ids: deleted.memberIds },
        segmentIds: [deleted.segment.id],
        source: 'manual',
      };
      waits.push(enqueueMembership(change, { dependsOn: restore.id, undo: true }).done);
    }
    await Promise.all(waits);
  }

  /** Undo of create-and-assign: delete the new segment. */
  function deleteForUndo(id: string): Promise<unknown> {
    const { pending: _p, ...before } = segments.require(id);
    return enqueue({ id: createId('mut_'), kind: 'delete-segment', segmentId: id, before, estimate: null, undo: true }).done;
  }

  return {
    createSegment: (draft) =>
      started((id) => {
        const clean = checkSegmentDraft(draft, segments.stored());
        if (clean.id !== undefined && segments.byId(clean.id)) {
          throw new SegkitError('invalid-input', `The segment id "${clean.id}" is in use.`, { field: 'id' });
        }
        clean.id ??= createId('seg_');
        return enqueue({ id, kind: 'create-segment', draft: clean }).done as Promise<Segment>;
      }),

    updateSegment: (segmentId, patch) =>
      started((id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const clean = checkSegmentPatch(segmentId, patch, segments.stored());
        return enqueue({ id, kind: 'update-segment', segmentId, patch: clean, before }).done as Promise<Segment>;
      }),

    deleteSegment: (segmentId) =>
      started((id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const write = enqueue({ id, kind: 'delete-segment', segmentId, before, estimate: null });
        undo.record({ id, kind: 'delete-segment', segmentIds: [segmentId], count: before.memberCount, status: 'pending' }, [write], () =>
          reverseDelete(write),
        );
        return write.done as Promise<DeleteResult>;
      }),

    changeMembership: (op, segmentIds, bulk = {}) =>
      started((id) => {
        const target = bulk.target ?? options.defaultTarget();
        const ids = checkMembership(segmentIds, target);
        const write = enqueueMembership({ op, target, segmentIds: ids, source: bulk.source ?? 'manual' }, {}, id);
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
        const create = enqueue({ id: createId('mut_'), kind: 'create-segment', draft: clean });
        const change: MembershipChange = { op: 'assign', target, segmentIds: [segmentId], source: bulk.source ?? 'manual' };
        const assign = enqueueMembership(change, { dependsOn: create.id }, id);
        undo.record(
          { id, kind: 'create-and-assign', op: 'assign', segmentIds: [segmentId], count: null, status: 'pending' },
          [create, assign],
          async () => {
            await Promise.all([create.done, assign.done]);
            await deleteForUndo(segmentId);
          },
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

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
import type { SegmentField, SegmentFieldValue } from '../segment-fields.js';
import { parseSegmentFieldValue, segmentFieldValue, withSegmentField } from '../segment-fields.js';
import { MAX_SELECTED_IDS } from './limits.js';
import type { MutationRecord, QueuedWrite } from './mutation.js';
import type { PreviewMemo } from './projection.js';
import { changeKey, estimateChange } from './projection.js';
import { inverseOf, reversalOf } from './reverse.js';
import type { Segments } from './segments.js';
import type { ActionPromise, BulkOptions, MovePreview, MoveResult, ActionOptions } from './types.js';
import type { UndoLog } from './undo.js';

export interface WriteActionsOptions {
  /** The host's segment fields (checked once); none by default. */
  fields?: readonly SegmentField[];
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
  createSegment(draft: SegmentDraft, options?: ActionOptions): ActionPromise<Segment>;
  updateSegment(id: string, patch: SegmentPatch, options?: ActionOptions): ActionPromise<Segment>;
  deleteSegment(id: string, options?: ActionOptions): ActionPromise<DeleteResult>;
  changeMembership(op: MembershipOp, segmentIds: readonly string[], options?: BulkOptions): ActionPromise<MembershipResult>;
  createAndAssign(draft: SegmentDraft, options?: BulkOptions): ActionPromise<{ segment: Segment; result: MembershipResult }>;
  preview(op: MembershipOp, segmentIds: readonly string[], options?: BulkOptions & { signal?: AbortSignal }): Promise<MembershipPreview>;
  move(from: string, to: string, options?: BulkOptions): ActionPromise<MoveResult>;
  createAndMove(from: string, draft: SegmentDraft, options?: BulkOptions): ActionPromise<MoveResult & { segment: Segment }>;
  previewMove(from: string, to: string, options?: BulkOptions & { signal?: AbortSignal }): Promise<MovePreview>;
  setSegmentField(segmentId: string, key: string, value: unknown, options?: ActionOptions): ActionPromise<Segment>;
  /** Runs `run` (which queues writes synchronously, as `undo()` does) with every write it queues carrying `origin`. */
  withOrigin<T>(origin: unknown, run: () => T): T;
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
  const { segments, undo } = options;
  /**
   * The `origin` of the action running now: each action queues its writes
   * synchronously, and each of them carries it (for its events only).
   */
  let origin: unknown;
  const enqueue = (records: readonly MutationRecord[]): QueuedWrite[] =>
    options.enqueue(origin === undefined ? records : records.map((record) => ({ ...record, origin })));
  function withOrigin<T>(value: unknown, run: () => T): T {
    const outer = origin;
    origin = value;
    try {
      return run();
    } finally {
      origin = outer;
    }
  }
  /** `started`, with the writes it queues carrying `opts.origin`. */
  const begin = <T>(opts: ActionOptions | undefined, start: (actionId: string) => Promise<T>): ActionPromise<T> =>
    withOrigin(opts?.origin, () => started(start));
  /** The last previews (a move makes two), to estimate a bulk change by query. */
  const previews: PreviewMemo[] = [];

  function remember(change: MembershipChange, preview: MembershipPreview): void {
    const key = changeKey(change);
    const at = previews.findIndex((p) => p.key === key);
    if (at >= 0) previews.splice(at, 1);
    previews.push({ key, preview });
    if (previews.length > 4) previews.shift();
  }

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

  /** A membership write with its count estimate, as if queued behind every write queued now and `ahead`. */
  function membership(
    change: MembershipChange,
    more: Partial<MutationRecord> = {},
    id = createId('mut_'),
    ahead: readonly MutationRecord[] = [],
  ): MutationRecord {
    const key = changeKey(change);
    const preview = previews.find((p) => p.key === key) ?? null;
    const estimate = estimateChange(change, [...options.$writes.get(), ...ahead], options.member, preview);
    return { id, kind: 'membership', change, estimate, ...more };
  }

  /**
   * The two writes of a move, in one group: into `to` first, so a target
   * such as "everyone in `from`" still matches when the second takes them
   * out of `from`. Members only in `from` are never Unassigned on the way.
   */
  function moveWrites(from: string, to: string, target: MemberTarget, source: BulkOptions['source'], group: string, ahead: MutationRecord[] = []) {
    const sides = { from, to };
    const add = membership({ op: 'assign', target, segmentIds: [to], source: source ?? 'manual' }, { group, move: sides }, createId('mut_'), ahead);
    const remove = membership(
      { op: 'unassign', target, segmentIds: [from], source: source ?? 'manual' },
      { group, move: sides },
      createId('mut_'),
      [...ahead, add],
    );
    // Whoever leaves `from` is in `to` by then: the move empties nobody into Unassigned.
    if (remove.estimate) remove.estimate = { ...remove.estimate, unassigned: 0 };
    return [add, remove];
  }

  function checkMove(from: string, to: string | null, target: MemberTarget): void {
    checkMembership([from], target);
    if (to === null) return;
    checkMembership([to], target);
    if (to === from) throw new SegkitError('invalid-input', 'Choose another segment to move to.', { field: 'segmentIds' });
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

  /**
   * The write that undoes the create of a create-and-assign (or -move):
   * delete the new segment; nothing to delete if the assignment (and so the
   * create) never lands. `unassigned`: members it brings back to Unassigned.
   */
  function deleteCreated(segmentId: string, assign: QueuedWrite, more: Partial<MutationRecord>, unassigned: number): MutationRecord {
    const { pending: _p, ...before } = segments.require(segmentId);
    return {
      id: createId('mut_'),
      kind: 'delete-segment',
      segmentId,
      before,
      estimate: { segments: {}, unassigned },
      ...more,
      ...(assign.result === undefined ? { reverses: assign.id } : {}),
    };
  }

  /** Undo of create-and-assign, queued now behind it: delete the new segment. */
  function reverseCreateAndAssign(segmentId: string, assign: QueuedWrite): Promise<void> {
    const result = assign.result as MembershipResult | undefined;
    const unassigned = result ? -result.unassignedDelta : -(assign.estimate?.unassigned ?? 0);
    return queueUndo([deleteCreated(segmentId, assign, undoMarks(), unassigned)]);
  }

  /** Undo of a move: `from` back for who left it, then `to` left again (or deleted, if the move made it). */
  function reverseMove(add: QueuedWrite, remove: QueuedWrite, created?: string): Promise<void> {
    const more = undoMarks();
    const back = (w: QueuedWrite) => (w.result === undefined ? reversalOf(w, more) : inverseOf(w, w.result, more));
    return queueUndo([...back(remove), ...(created === undefined ? back(add) : [deleteCreated(created, add, more, 0)])]);
  }

  return {
    createSegment: (draft, opts) =>
      begin(opts, (id) => {
        const clean = checkSegmentDraft(draft, segments.stored());
        if (clean.id !== undefined && segments.byId(clean.id)) {
          throw new SegkitError('invalid-input', `The segment id "${clean.id}" is in use.`, { field: 'id' });
        }
        clean.id ??= createId('seg_');
        return one({ id, kind: 'create-segment', draft: clean }).done as Promise<Segment>;
      }),

    updateSegment: (segmentId, patch, opts) =>
      begin(opts, (id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const clean = checkSegmentPatch(segmentId, patch, segments.stored());
        return one({ id, kind: 'update-segment', segmentId, patch: clean, before }).done as Promise<Segment>;
      }),

    deleteSegment: (segmentId, opts) =>
      begin(opts, (id) => {
        const { pending: _p, ...before } = segments.require(segmentId);
        const write = one({ id, kind: 'delete-segment', segmentId, before, estimate: null });
        undo.record({ id, kind: 'delete-segment', segmentIds: [segmentId], count: before.memberCount, status: 'pending' }, [write], () =>
          reverseDelete(write),
        );
        return write.done as Promise<DeleteResult>;
      }),

    changeMembership: (op, segmentIds, bulk = {}) =>
      begin(bulk, (id) => {
        const target = bulk.target ?? options.defaultTarget();
        const ids = checkMembership(segmentIds, target);
        const write = one(membership({ op, target, segmentIds: ids, source: bulk.source ?? 'manual' }, {}, id));
        undo.record({ id, kind: 'membership', op, segmentIds: ids, count: null, status: 'pending' }, [write], () =>
          reverseMembership(write),
        );
        return write.done as Promise<MembershipResult>;
      }),

    createAndAssign: (draft, bulk = {}) =>
      begin(bulk, (id) => {
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
      remember(change, result);
      return result;
    },

    move: (from, to, bulk = {}) =>
      begin(bulk, (id) => {
        const target = bulk.target ?? options.defaultTarget();
        checkMove(from, to, target);
        const [add, remove] = enqueue(moveWrites(from, to, target, bulk.source, id)) as [QueuedWrite, QueuedWrite];
        undo.record({ id, kind: 'move', segmentIds: [from, to], count: null, status: 'pending' }, [add, remove], () =>
          reverseMove(add, remove),
        );
        return Promise.all([add.done, remove.done]).then(([added, removed]) => ({
          added: added as MembershipResult,
          removed: removed as MembershipResult,
        }));
      }),

    createAndMove: (from, draft, bulk = {}) =>
      begin(bulk, (id) => {
        const target = bulk.target ?? options.defaultTarget();
        checkMove(from, null, target);
        const clean = checkSegmentDraft(draft, segments.stored());
        const to = (clean.id ??= createId('seg_'));
        const create: MutationRecord = { id: createId('mut_'), kind: 'create-segment', draft: clean, group: id };
        const [add, remove] = moveWrites(from, to, target, bulk.source, id, [create]);
        add!.dependsOn = create.id;
        const [created, added, removed] = enqueue([create, add!, remove!]) as [QueuedWrite, QueuedWrite, QueuedWrite];
        undo.record({ id, kind: 'move', segmentIds: [from, to], count: null, status: 'pending' }, [created, added, removed], () =>
          reverseMove(added, removed, to),
        );
        return Promise.all([created.done, added.done, removed.done]).then(([segment, a, r]) => ({
          segment: segment as Segment,
          added: a as MembershipResult,
          removed: r as MembershipResult,
        }));
      }),

    setSegmentField: (segmentId, key, input, opts) =>
      begin(opts, (id) => {
        const field = options.fields?.find((f) => f.key === key);
        if (!field) throw new SegkitError('invalid-input', `There is no segment field "${key}".`, { field: key });
        const { pending: _p, ...before } = segments.require(segmentId);
        const value = parseSegmentFieldValue(field, input);
        const previous = segmentFieldValue(before, key);
        const patch = (v: SegmentFieldValue) => {
          const { pending: _q, ...now } = segments.require(segmentId);
          return checkSegmentPatch(segmentId, { metadata: withSegmentField(now.metadata, key, v) }, segments.stored());
        };
        const write = one({ id, kind: 'update-segment', segmentId, patch: patch(value), before });
        // Undo puts back this field only: keys changed since (by others) stay as they are then.
        undo.record({ id, kind: 'segment-field', segmentIds: [segmentId], count: null, status: 'pending' }, [write], () =>
          queueUndo([{ id: createId('mut_'), kind: 'update-segment', segmentId, patch: patch(previous), before: segments.require(segmentId), ...undoMarks() }]),
        );
        return write.done as Promise<Segment>;
      }),

    withOrigin,

    async previewMove(from, to, bulk = {}) {
      const target = bulk.target ?? options.defaultTarget();
      checkMove(from, to, target);
      const source = bulk.source ?? 'manual';
      const signal = bulk.signal ? { signal: bulk.signal } : {};
      const addChange: MembershipChange = { op: 'assign', target, segmentIds: [to], source };
      const removeChange: MembershipChange = { op: 'unassign', target, segmentIds: [from], source };
      const [added, removed] = await Promise.all([
        options.adapter.previewMembership(addChange, signal),
        options.adapter.previewMembership(removeChange, signal),
      ]);
      remember(addChange, added);
      remember(removeChange, removed);
      return { added, removed };
    },
  };
}

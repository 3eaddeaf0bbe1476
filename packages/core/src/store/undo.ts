/**
 * The last bulk action and its reversal: what `$lastAction` shows and what
 * `undo()` runs. An action is remembered with the writes it queued and a
 * function that queues its reversal at once (behind those writes, even
 * before they are confirmed); it follows its writes as they settle (count
 * and status when all are confirmed, forgotten when one is rolled back). An
 * Undo refused at once, or refused by the backend (its writes stand or fall
 * together), leaves the action undoable.
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import { SegkitError, toSegkitError } from '../errors.js';
import type { DeleteResult, MembershipResult } from '../model.js';
import type { QueuedWrite } from './mutation.js';
import type { UndoableAction } from './types.js';

/** Owns `$lastAction`: which bulk action `undo()` reverses, and how. */
export interface UndoLog {
  readonly $lastAction: ReadableAtom<UndoableAction | null>;
  /**
   * Makes `view` the last action. `reverse` queues its reversal now (throws,
   * queueing nothing, when it cannot) and resolves when that is confirmed.
   */
  record(view: UndoableAction, writes: readonly QueuedWrite[], reverse: () => Promise<void>): void;
  /** Follows a write as it settles (its `result` is set when confirmed). */
  track(write: QueuedWrite, outcome: 'confirmed' | 'reverted'): void;
  /**
   * Reverses the last action: its reversal is queued at once and the action
   * forgotten; resolves when the backend confirmed the reversal. Rejects
   * with `nothing-to-undo` when there is none; when the reversal is refused
   * (at once, or by the backend) the action is the last one again.
   */
  undo(): Promise<void>;
}

interface LastAction {
  view: UndoableAction;
  writes: readonly QueuedWrite[];
  reverse: () => Promise<void>;
}

/** Members changed by a confirmed action: from the answer of its last write. */
function changedCount(view: UndoableAction, result: unknown): number {
  if (view.kind === 'segment-field') return 1;
  return view.kind === 'delete-segment'
    ? (result as DeleteResult).memberIds.length
    : (result as MembershipResult).segments.reduce((sum, s) => sum + s.changed, 0);
}

export function createUndoLog(): UndoLog {
  const $lastAction = atom<UndoableAction | null>(null);
  let last: LastAction | null = null;
  /** Writes rolled back: an action holding one is gone for good. */
  const reverted = new WeakSet<QueuedWrite>();

  function forget(): void {
    last = null;
    $lastAction.set(null);
  }

  /** Makes `action` the last one, showing its count and status once all its writes are confirmed. */
  function show(action: LastAction): void {
    last = action;
    if (action.view.status === 'pending' && action.writes.every((w) => w.result !== undefined)) {
      const count = changedCount(action.view, action.writes[action.writes.length - 1]!.result);
      action.view = { ...action.view, count, status: 'done' };
    }
    $lastAction.set(action.view);
  }

  return {
    $lastAction,
    record(view, writes, reverse) {
      show({ view, writes, reverse });
    },
    track(write, outcome) {
      if (outcome === 'reverted') reverted.add(write);
      const action = last;
      if (!action || !action.writes.includes(write)) return;
      if (outcome === 'reverted') forget();
      else show(action);
    },
    undo() {
      const action = last;
      if (!action) return Promise.reject(new SegkitError('nothing-to-undo', 'There is nothing to undo.'));
      let reversal: Promise<void>;
      try {
        reversal = action.reverse();
      } catch (error) {
        // Refused at once (e.g. the deleted segment's name was taken since): nothing queued, still undoable.
        return Promise.reject(toSegkitError(error));
      }
      forget();
      return reversal.catch((error: unknown) => {
        // The backend refused it; the queue undid what of it had landed. Undoable again, unless
        // another action came since or the action itself never landed.
        if (last === null && !action.writes.some((w) => reverted.has(w))) show(action);
        throw toSegkitError(error);
      });
    },
  };
}

/**
 * The last bulk action and its reversal: what `$lastAction` shows and what
 * `undo()` runs. An action is remembered with the writes it queued and a
 * function that reverses it; it follows those writes as they settle (count
 * and status when all are confirmed, forgotten when one is rolled back).
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import { SegkitError } from '../errors.js';
import type { DeleteResult, MembershipResult } from '../model.js';
import type { QueuedWrite } from './mutation.js';
import type { UndoableAction } from './types.js';

/** Owns `$lastAction`: which bulk action `undo()` reverses, and how. */
export interface UndoLog {
  readonly $lastAction: ReadableAtom<UndoableAction | null>;
  /** Makes `view` the last action; `reverse` undoes it once its writes are confirmed. */
  record(view: UndoableAction, writes: readonly QueuedWrite[], reverse: () => Promise<void>): void;
  /** Follows a write of the last action as it settles (its `result` is set when confirmed). */
  track(write: QueuedWrite, outcome: 'confirmed' | 'reverted'): void;
  /** Forgets the last action and reverses it; rejects with `not-found` when there is none. */
  undo(): Promise<void>;
}

interface LastAction {
  view: UndoableAction;
  writes: readonly QueuedWrite[];
  reverse: () => Promise<void>;
}

/** Members changed by a confirmed action: from the answer of its last write. */
function changedCount(view: UndoableAction, result: unknown): number {
  return view.kind === 'delete-segment'
    ? (result as DeleteResult).memberIds.length
    : (result as MembershipResult).segments.reduce((sum, s) => sum + s.changed, 0);
}

export function createUndoLog(): UndoLog {
  const $lastAction = atom<UndoableAction | null>(null);
  let last: LastAction | null = null;

  function forget(): void {
    last = null;
    $lastAction.set(null);
  }

  return {
    $lastAction,
    record(view, writes, reverse) {
      last = { view, writes, reverse };
      $lastAction.set(view);
    },
    track(write, outcome) {
      const action = last;
      if (!action || !action.writes.includes(write)) return;
      if (outcome === 'reverted') {
        forget();
        return;
      }
      if (action.writes.some((w) => w.result === undefined)) return;
      const count = changedCount(action.view, action.writes[action.writes.length - 1]!.result);
      action.view = { ...action.view, count, status: 'done' };
      $lastAction.set(action.view);
    },
    async undo() {
      const action = last;
      if (!action) throw new SegkitError('not-found', 'There is nothing to undo.');
      forget();
      await action.reverse();
    },
  };
}

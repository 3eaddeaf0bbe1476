/**
 * The public shape of the segment picker's connector
 * (`createSegmentPickerConnector` in `segment-picker.connector.ts`): its
 * options, its state and its actions. Plain data; no Lit, no DOM.
 */
import type { MemberTarget, MembershipOp, MembershipPreview, MovePreview, SegkitError, SegmentView } from '@segkit/core';
import type { Connector } from '../internal/connector.js';
import type { NameProblem } from './picker-model.js';

export type { NameProblem } from './picker-model.js';

/** `action`: adds / removes members. `field`: only chooses segment ids, as a form field. */
export type SegmentPickerMode = 'action' | 'field';

/** An entry of the list: a stored segment (never Unassigned), or the offer to create one from the search text. */
export type PickerOption =
  | { kind: 'segment'; id: string; segment: SegmentView; selected: boolean }
  | {
      kind: 'create';
      /** The trimmed search text: the new segment's name. */
      name: string;
    }
  /** Action mode, while the table shows one segment (`moveFrom`): create a segment from the search text and move the members into it. */
  | { kind: 'create-move'; name: string; from: string };

/** What the picker waits for before it acts (action mode; `idle` otherwise). */
export type PickerStep =
  | { kind: 'idle' }
  /** The preview of an "all N matching" change is loading ("Checking what will change…"). */
  | { kind: 'previewing'; op: MembershipOp | 'move'; segmentIds: string[]; target: MemberTarget }
  /** The preview is in: per segment, how many members would change and how many are skipped. `confirm()` or `back()`. */
  | {
      kind: 'confirm';
      op: MembershipOp;
      segmentIds: string[];
      target: MemberTarget;
      preview: MembershipPreview;
      effects: Array<{ segmentId: string; segment: SegmentView | undefined; changed: number; skipped: number }>;
    }
  /** "Move N members from A to B" for "all N matching": both sides previewed; `confirm()` moves them. */
  | {
      kind: 'confirm-move';
      from: string;
      to: string;
      target: MemberTarget;
      preview: MovePreview;
      fromSegment: SegmentView | undefined;
      toSegment: SegmentView | undefined;
    }
  /**
   * "Create segment “name”" for "all N matching": `confirm()` creates it and
   * adds the `count` members (or, with `from`, moves them out of that segment into it).
   */
  | { kind: 'confirm-create'; name: string; target: MemberTarget; count: number; from?: string; fromName?: string };

/** The result line of the last action (action mode). `names` are the segments' names when it started. */
export type PickerOutcome =
  | { kind: 'pending'; op: MembershipOp | 'move'; segmentIds: string[]; names: string[]; count: number; created: boolean; from?: string }
  | {
      kind: 'done';
      op: MembershipOp | 'move';
      segmentIds: string[];
      names: string[];
      count: number;
      skipped: number;
      created: boolean;
      /** A move: the name of the segment the members left. */
      from?: string;
    }
  | { kind: 'undoing' }
  | { kind: 'undone' };

export interface SegmentPickerState {
  mode: SegmentPickerMode;
  /** The chooser is open (the renderer shows its popover or panel). */
  open: boolean;
  /** Set with `setDisabled`: nothing opens. */
  disabled: boolean;
  /** Segments are loading for the first time. */
  loading: boolean;
  /** The first load of segments failed (offer `retry()`); null once segments are shown. */
  loadError: SegkitError | null;
  /** The store is offline: writes wait in its queue and are shown at once. */
  offline: boolean;
  /** Segments are loaded and there is no stored segment yet (only Unassigned). */
  empty: boolean;
  /** Action mode: how many members an action would apply to (`memberIds`, else the store's selection). */
  targetSize: number;
  /** Action mode with no members to act on: `open()` does nothing (say "Select members first"). */
  noSelection: boolean;
  /** The search text, as typed. */
  search: string;
  /** The stored segments matching the search (accents and case ignored), then the create option when the text is a free name. */
  options: readonly PickerOption[];
  /** Index in `options` of the active option (keyboard), or -1. */
  active: number;
  /** Why the search text cannot become a segment (shown as the user types), or null. */
  nameProblem: NameProblem | null;
  /** The chosen segment ids, in the order chosen (the form value in field mode). */
  value: readonly string[];
  /** `value` with each id's segment (undefined for an id the store does not know). */
  chosen: ReadonlyArray<{ id: string; segment: SegmentView | undefined }>;
  step: PickerStep;
  outcome: PickerOutcome | null;
  /** "Undo" applies: the outcome's action is still the store's last action. */
  canUndo: boolean;
  /**
   * Action mode: the one stored segment the store's applied query shows
   * (`include` names exactly it), which "Move" takes the members out of; null otherwise.
   */
  moveFrom: SegmentView | null;
  /** "Move" applies: `moveFrom` is set and exactly one other segment is chosen. */
  canMove: boolean;
  /** The last failure: a preview, a refused (rolled back) write, an undo, an inline create. Cleared by `dismiss()` or typing. */
  error: SegkitError | null;
}

/** Why the connector changed `value` on its own (it never reports `setValue`). */
export type PickerValueChange =
  /** The user picked or un-picked a segment. */
  | 'pick'
  /** Field mode: a segment created from the search text was chosen. */
  | 'create'
  /** Field mode: the backend refused that segment, so it was taken out again. */
  | 'create-refused'
  /** Action mode: the picks were cleared after an action started. */
  | 'cleared';

export interface SegmentPickerOptions {
  /** Default `action`. */
  mode?: SegmentPickerMode;
  /** Action mode: the members to act on; when undefined, the store's current selection. */
  memberIds?: readonly string[] | undefined;
  /** Segment ids chosen at the start. */
  value?: readonly string[];
  disabled?: boolean;
  /** Called after the connector changed `value` itself, with why (a form field fires `input` / `change` here). */
  onValueChange?: (value: readonly string[], cause: PickerValueChange) => void;
  /** Passed as `origin` to the store actions the connector starts (the element passes itself: their DOM events come from it, decision 030). */
  origin?: unknown;
}

export interface SegmentPickerConnector extends Connector<SegmentPickerState> {
  /** Opens the chooser; returns false (and stays closed) when disabled or there are no members to act on. */
  open(): boolean;
  /** Closes the chooser: clears the search and the active option, and drops a preview or confirm step. */
  close(): void;
  /** Sets the search text (the options follow); clears the active option and the last error. */
  setSearch(text: string): void;
  /** Moves the active option down (1) or up (-1), stopping at the ends; from none, down goes to the first and up to the last. */
  moveActive(delta: 1 | -1): void;
  /**
   * Carries out an option (default: the active one): a segment is picked or
   * un-picked; the create option creates the segment (see the modes).
   * Resolves when the write it started is settled; never rejects.
   */
  activate(index?: number): Promise<void>;
  /** Picks or un-picks a segment by id. */
  toggle(id: string): void;
  /**
   * Action mode: adds (`assign`) or removes (`unassign`) the members to / from
   * the chosen segments. Explicit ids: at once, then the picks are cleared and
   * the chooser closes. "All N matching": loads the preview (step `previewing`,
   * then `confirm`). Resolves when the write or the preview is settled; never rejects.
   */
  submit(op: MembershipOp): Promise<void>;
  /**
   * Action mode, while `canMove`: moves the members out of `moveFrom` and
   * into the chosen segment (`store.move`), at once for explicit ids, after a
   * preview of both sides and `confirm()` for "all N matching". Never rejects.
   */
  move(): Promise<void>;
  /** Carries out the step waiting for confirmation, then clears the picks and closes. Resolves when the write is settled. */
  confirm(): Promise<void>;
  /** Leaves a preview or confirm step without changing anything (the picks stay). */
  back(): void;
  /** Reverses the outcome's action (`store.undo()`) while `canUndo`. */
  undo(): Promise<void>;
  /** Forgets the result line and the last error. */
  dismiss(): void;
  /** Loads the segments again after a failed first load. */
  retry(): Promise<void>;
  /** Sets the chosen ids (a host or a form reset did); not reported to `onValueChange`. */
  setValue(ids: readonly string[]): void;
  /** Action mode: act on these members, or (undefined) on the store's selection. */
  setMemberIds(ids: readonly string[] | undefined): void;
  setMode(mode: SegmentPickerMode): void;
  /** Disabling closes the chooser. */
  setDisabled(disabled: boolean): void;
}

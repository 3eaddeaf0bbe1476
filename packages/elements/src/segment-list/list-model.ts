/**
 * The behaviour of the segments list ("Segments" tab) without any DOM: the
 * create form, inline rename, delete with a confirm step, undo, and the
 * messages that follow each write. `segkit-segment-list` renders it; a host can
 * drive its own UI with it (call the actions, read the fields, re-render on
 * `onChange`).
 *
 * Writes are optimistic (the store shows them at once); when the backend
 * refuses one later, the store rolls it back and the model reopens the form
 * or the rename field with the attempted value and the store's error, and
 * reports it in `error`.
 */
import { UNASSIGNED_ID, createId, toSegkitError } from '@segkit/core';
import type { Segment, SegkitError, SegmentStore, SegmentView } from '@segkit/core';

export interface CreateState {
  name: string;
  description: string;
  /** `#rrggbb`, or `''` for no colour. */
  color: string;
  /** The name's problem (as typed, or from the backend), or null. */
  error: SegkitError | null;
}

export interface RenameState {
  id: string;
  name: string;
  error: SegkitError | null;
}

/** What the status region says after a write. */
export type ListFeedback =
  | { kind: 'created' | 'renamed' | 'restored'; name: string }
  | { kind: 'deleted'; id: string; name: string; actionId: string | null };

export interface ListFailure {
  action: 'create' | 'rename' | 'delete' | 'undo';
  name: string;
  error: SegkitError;
}

export class SegmentListModel {
  /** The create form, when open. */
  creating: CreateState | null = null;
  /** The segment being renamed, when any. */
  renaming: RenameState | null = null;
  /** Id of the segment whose delete waits for confirmation. */
  confirming: string | null = null;
  /** The last successful step, for the status region. */
  feedback: ListFeedback | null = null;
  /** The last refused write, for the error region (cleared by `dismissError`). */
  error: ListFailure | null = null;

  readonly #store: () => SegmentStore | undefined;
  readonly #changed: () => void;

  /** `store` returns the store in use; `onChange` is called after every state change. */
  constructor(store: () => SegmentStore | undefined, onChange: () => void) {
    this.#store = store;
    this.#changed = onChange;
  }

  #check(name: string, selfId?: string): SegkitError | null {
    const store = this.#store();
    if (!store) return null;
    try {
      store.checkName(name, selfId);
      return null;
    } catch (error) {
      return toSegkitError(error);
    }
  }

  /** True for segments that can be renamed and deleted (not Unassigned). */
  editable(segment: Pick<SegmentView, 'id' | 'system'> | undefined): boolean {
    return Boolean(segment && !segment.system && segment.id !== UNASSIGNED_ID);
  }

  // ---- create ---------------------------------------------------------------
  startCreate(): void {
    this.creating = { name: '', description: '', color: '', error: null };
    this.renaming = null;
    this.confirming = null;
    this.#changed();
  }

  /** Edits the form; a changed name is checked at once (`store.checkName`). */
  editCreate(patch: Partial<Pick<CreateState, 'name' | 'description' | 'color'>>): void {
    if (!this.creating) return;
    const next = { ...this.creating, ...patch };
    if (patch.name !== undefined) next.error = this.#check(patch.name);
    this.creating = next;
    this.#changed();
  }

  cancelCreate(): void {
    this.creating = null;
    this.#changed();
  }

  /**
   * Creates the segment from the form. Returns the new segment's id, or null
   * when the name is not valid (the error is in `creating.error`).
   */
  submitCreate(): string | null {
    const store = this.#store();
    const form = this.creating;
    if (!store || !form) return null;
    const error = this.#check(form.name);
    if (error) {
      this.creating = { ...form, error };
      this.#changed();
      return null;
    }
    const name = store.checkName(form.name);
    const id = createId('seg_');
    const description = form.description.trim();
    const draft = { id, name, ...(description ? { description } : {}), ...(form.color ? { color: form.color } : {}) };
    this.creating = null;
    this.error = null;
    this.feedback = { kind: 'created', name };
    store.createSegment(draft).catch((reason: unknown) => {
      const failure = toSegkitError(reason);
      if (!this.creating) this.creating = { name: form.name, description: form.description, color: form.color, error: failure };
      this.#fail({ action: 'create', name, error: failure });
    });
    this.#changed();
    return id;
  }

  // ---- rename ---------------------------------------------------------------
  startRename(id: string): void {
    const segment = this.#store()?.segmentById(id);
    if (!this.editable(segment)) return;
    this.renaming = { id, name: segment!.name, error: null };
    this.confirming = null;
    this.#changed();
  }

  editRename(name: string): void {
    if (!this.renaming) return;
    this.renaming = { ...this.renaming, name, error: this.#check(name, this.renaming.id) };
    this.#changed();
  }

  cancelRename(): void {
    this.renaming = null;
    this.#changed();
  }

  /** Saves the new name. Returns false when it is not valid (the field stays open with the error). */
  submitRename(): boolean {
    const store = this.#store();
    const form = this.renaming;
    if (!store || !form) return false;
    const error = this.#check(form.name, form.id);
    if (error) {
      this.renaming = { ...form, error };
      this.#changed();
      return false;
    }
    const name = store.checkName(form.name, form.id);
    const before = store.segmentById(form.id);
    this.renaming = null;
    if (before && before.name !== name) {
      this.error = null;
      this.feedback = { kind: 'renamed', name };
      store.renameSegment(form.id, name).catch((reason: unknown) => {
        const failure = toSegkitError(reason);
        if (!this.renaming && store.segmentById(form.id)) this.renaming = { id: form.id, name: form.name, error: failure };
        this.#fail({ action: 'rename', name: before.name, error: failure });
      });
    }
    this.#changed();
    return true;
  }

  // ---- delete and undo --------------------------------------------------------
  askDelete(id: string): void {
    if (!this.editable(this.#store()?.segmentById(id))) return;
    this.confirming = id;
    this.renaming = null;
    this.#changed();
  }

  cancelDelete(): void {
    this.confirming = null;
    this.#changed();
  }

  /** Deletes the segment waiting for confirmation (its members are kept); "Undo" brings it back. */
  confirmDelete(): void {
    const store = this.#store();
    const id = this.confirming;
    this.confirming = null;
    const segment = id ? store?.segmentById(id) : undefined;
    if (!store || !id || !this.editable(segment)) {
      this.#changed();
      return;
    }
    const name = segment!.name;
    const done = store.deleteSegment(id);
    this.error = null;
    this.feedback = { kind: 'deleted', id, name, actionId: store.$lastAction.get()?.id ?? null };
    done.catch((reason: unknown) => {
      if (this.feedback?.kind === 'deleted' && this.feedback.id === id) this.feedback = null;
      this.#fail({ action: 'delete', name, error: toSegkitError(reason) });
    });
    this.#changed();
  }

  /** The delete that "Undo" can reverse: while it is still the store's last action. */
  get undoable(): { id: string; name: string } | null {
    const feedback = this.feedback;
    if (feedback?.kind !== 'deleted' || feedback.actionId === null) return null;
    return this.#store()?.$lastAction.get()?.id === feedback.actionId ? { id: feedback.id, name: feedback.name } : null;
  }

  /** Reverses the last delete (`store.undo()`); returns the restored segment's id. */
  undo(): string | null {
    const store = this.#store();
    const target = this.undoable;
    if (!store || !target) return null;
    this.feedback = { kind: 'restored', name: target.name };
    store.undo().catch((reason: unknown) => this.#fail({ action: 'undo', name: target.name, error: toSegkitError(reason) }));
    this.#changed();
    return target.id;
  }

  // ---- open -----------------------------------------------------------------
  /** Applies the segment as the filter (`store.applyFilter({ include: [id] })`); returns it (plain data) or null. */
  open(id: string): Segment | null {
    const store = this.#store();
    const segment = store?.segmentById(id);
    if (!store || !segment) return null;
    store.applyFilter({ include: [id] });
    const { pending: _pending, ...plain } = segment;
    return plain;
  }

  dismissError(): void {
    this.error = null;
    this.#changed();
  }

  #fail(failure: ListFailure): void {
    this.error = failure;
    this.#changed();
  }
}

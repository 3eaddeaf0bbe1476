/**
 * The "Segments" tab without rendering: every segment with its count and its
 * host-declared fields, the create form, inline rename, inline field edits
 * with Undo, delete with a confirm step and Undo, opening a segment as the
 * filter, and the messages that follow each write.
 * `segkit-segment-list` renders it; a React or Vue app can render the same
 * state its own way. Lit-free: imports only `@segkit/core` and `nanostores`.
 */
import { UNASSIGNED_ID, createId, segmentFieldValue, toSegkitError } from '@segkit/core';
import type { Segment, SegkitError, SegmentField, SegmentFieldValue, SegmentStore, SegmentView, UndoableAction } from '@segkit/core';
import { atom, computed } from 'nanostores';
import type { Connector } from '../internal/connector.js';
import { checkField, fieldInput, fieldItems } from './segment-list-fields.js';
import type { SegmentFieldForm, SegmentFieldItem } from './segment-list-fields.js';

export type { SegmentFieldForm, SegmentFieldItem } from './segment-list-fields.js';

/** A colour offered by the create form: its value (`''`: no colour) and the strings key of its name. */
export interface SegmentColorOption {
  value: string;
  key: string;
}

/** The colours the create form offers, "No colour" first. Render `key` through your strings. */
export const SEGMENT_COLORS: readonly SegmentColorOption[] = [
  { value: '', key: 'color.none' },
  { value: '#4f46e5', key: 'color.indigo' },
  { value: '#7c3aed', key: 'color.violet' },
  { value: '#db2777', key: 'color.pink' },
  { value: '#dc2626', key: 'color.red' },
  { value: '#ea580c', key: 'color.orange' },
  { value: '#16a34a', key: 'color.green' },
  { value: '#0d9488', key: 'color.teal' },
  { value: '#2563eb', key: 'color.blue' },
];

/** One row of the list. */
export interface SegmentListItem {
  /** The segment as the store shows it (counts include pending writes; `pending` until confirmed). Unassigned comes first: show its name in your language. */
  segment: SegmentView;
  /** It can be renamed and deleted (every segment but Unassigned). */
  editable: boolean;
  /** It is the applied filter on its own (the segment the member table shows): mark it `aria-current`. */
  current: boolean;
  /** The store's declared segment fields with this segment's values (none for Unassigned). */
  fields: readonly SegmentFieldItem[];
}

/** The create form while it is open. */
export interface SegmentCreateForm {
  name: string;
  description: string;
  /** One of `SEGMENT_COLORS`' values (`''`: no colour). */
  color: string;
  /** What is wrong with the name (checked as it is typed, or the backend's refusal), or null. Show it with the field. */
  error: SegkitError | null;
}

/** The inline rename field while it is open. */
export interface SegmentRenameForm {
  /** The segment being renamed. */
  id: string;
  name: string;
  error: SegkitError | null;
}

/** A field's change in the status region: segment `id` (named `name`), field `key` (labelled `label`), the value now shown. */
interface FieldChange {
  id: string;
  key: string;
  name: string;
  label: string;
  value: SegmentFieldValue;
}

/**
 * What the status region says after the last write succeeded (shown at once:
 * writes are optimistic). `deleted` and `field-set` carry `undoable`: offer
 * "Undo" while it is true. `field-restored` follows an Undo of `field-set`.
 */
export type SegmentListFeedback =
  | { kind: 'created' | 'renamed' | 'restored'; name: string }
  | { kind: 'deleted'; id: string; name: string; undoable: boolean }
  | (FieldChange & { kind: 'field-set'; undoable: boolean })
  | (FieldChange & { kind: 'field-restored' });

/** A write the backend refused (the store has rolled it back). Show it until `dismissError()`. */
export interface SegmentListFailure {
  action: 'create' | 'rename' | 'delete' | 'undo' | 'field';
  /** The segment's name before the write. */
  name: string;
  /** `field`: the label of the field that was not saved. */
  label?: string;
  error: SegkitError;
}

export interface SegmentListState {
  /** Every segment, Unassigned first, then by name. */
  items: readonly SegmentListItem[];
  /** The first load is in flight. */
  loading: boolean;
  /** The first load failed (offer `retry()`), else null. */
  loadError: SegkitError | null;
  /** The store is offline: writes wait and replay. */
  offline: boolean;
  /** Loaded, and there is no segment besides Unassigned. */
  empty: boolean;
  /** Segments are loaded, so names can be checked: enable "Create segment". */
  canCreate: boolean;
  /** The create form, when open. */
  create: SegmentCreateForm | null;
  /** The rename field, when open. */
  rename: SegmentRenameForm | null;
  /** The store's declared segment fields (`store.segmentFields`). */
  fields: readonly SegmentField[];
  /** The inline field editor, when open. */
  fieldEdit: SegmentFieldForm | null;
  /** Id of the segment whose delete waits for confirmation. */
  confirming: string | null;
  feedback: SegmentListFeedback | null;
  failure: SegmentListFailure | null;
}

/**
 * The segments list's logic over a store. Render `$state`; wire the actions
 * to the buttons. Writes show at once (the store is optimistic); when the
 * backend refuses one, the store rolls it back and the connector reopens the
 * form or the rename field with the attempted value and the error, and
 * reports it in `failure`. Errors are `SegkitError`s (show them by `code`);
 * nothing here is translated.
 *
 * ```ts
 * const list = createSegmentListConnector(store);
 * const state = useStore(list.$state); // @nanostores/react
 * state.items.map(({ segment, editable }) => ...);
 * list.startCreate(); list.editCreate({ name: 'VIPs' }); list.submitCreate();
 * ```
 */
export interface SegmentListConnector extends Connector<SegmentListState> {
  /** Opens the create form (closing rename and confirm). */
  startCreate(): void;
  /** Edits the create form; a changed name is checked at once (`store.checkName`). */
  editCreate(patch: Partial<Pick<SegmentCreateForm, 'name' | 'description' | 'color'>>): void;
  cancelCreate(): void;
  /**
   * Creates the segment from the form; it is on the list at once. Returns its
   * id, or null when the name is not valid (the form stays open with the error).
   */
  submitCreate(): string | null;
  /** Opens the rename field of a segment (not Unassigned). */
  startRename(id: string): void;
  /** Edits the new name, checked at once. */
  editRename(name: string): void;
  cancelRename(): void;
  /** Saves the new name. Returns false when it is not valid (the field stays open with the error). */
  submitRename(): boolean;
  /** Opens the editor of field `key` on a segment (not Unassigned), with its value (closing rename and confirm). */
  startFieldEdit(id: string, key: string): void;
  /** Edits the value, checked at once with the field's rules (`parseSegmentFieldValue`): `fieldEdit.error` carries the field's message. */
  editField(input: string | boolean): void;
  cancelFieldEdit(): void;
  /**
   * Saves the value (`store.setSegmentField`): shown at once, `feedback`
   * `field-set` offers Undo. Returns false when it is not valid (the editor
   * stays open with the error; nothing is sent). A refusal by the backend
   * reopens the editor with the value and the error, and sets `failure`.
   */
  submitField(): boolean;
  /** First step of delete: asks for confirmation (`confirming`). */
  askDelete(id: string): void;
  cancelDelete(): void;
  /** Deletes the segment waiting for confirmation (its members are kept); `feedback` then offers Undo. */
  confirmDelete(): void;
  /**
   * Reverses the delete or the field change in `feedback` (`store.undo()`).
   * Resolves the segment's id once it is back on the list (a field's old
   * value shows at once; resolved once the backend confirms it), or null when
   * there was nothing to undo or the undo failed (see `failure`).
   */
  undo(): Promise<string | null>;
  /**
   * Opens a segment: applies it as the filter (`store.applyFilter({ include: [id] })`).
   * Returns the segment as plain data (no `pending`), or null when there is no such segment.
   */
  open(id: string): Segment | null;
  /** Clears `failure`. */
  dismissError(): void;
  /** Loads the segments again after a failed load. */
  retry(): Promise<void>;
}

/** The connector's own part of the state (the rest comes from the store). */
interface Own {
  create: SegmentCreateForm | null;
  rename: SegmentRenameForm | null;
  fieldEdit: SegmentFieldForm | null;
  confirming: string | null;
  /** `deleted` and `field-set` keep the id of the store action Undo reverses; `field-set` the value before. */
  feedback:
    | Exclude<SegmentListFeedback, { kind: 'deleted' | 'field-set' }>
    | { kind: 'deleted'; id: string; name: string; actionId: string | null }
    | (FieldChange & { kind: 'field-set'; actionId: string | null; previous: SegmentFieldValue })
    | null;
  failure: SegmentListFailure | null;
}

/** True for segments that can be renamed and deleted. */
function isEditable(segment: Pick<SegmentView, 'id' | 'system'> | undefined): segment is SegmentView {
  return Boolean(segment && !segment.system && segment.id !== UNASSIGNED_ID);
}

function feedbackOf(own: Own['feedback'], last: UndoableAction | null): SegmentListFeedback | null {
  if (own?.kind === 'field-set') {
    const { actionId, previous: _previous, ...rest } = own;
    return { ...rest, undoable: actionId !== null && last?.id === actionId };
  }
  if (own?.kind !== 'deleted') return own;
  const { actionId, ...rest } = own;
  return { ...rest, undoable: actionId !== null && last?.id === actionId };
}

export interface SegmentListOptions {
  /** Passed as `origin` to the store actions the connector starts (the element passes itself: their DOM events come from it, decision 030). */
  origin?: unknown;
}

export function createSegmentListConnector(store: SegmentStore, options: SegmentListOptions = {}): SegmentListConnector {
  const { origin } = options;
  const $own = atom<Own>({ create: null, rename: null, fieldEdit: null, confirming: null, feedback: null, failure: null });
  const fields = store.segmentFields;
  const fieldOf = (key: string): SegmentField | undefined => fields.find((f) => f.key === key);
  const set = (patch: Partial<Own>): void => $own.set({ ...$own.get(), ...patch });
  /** Pending `undo()` promises, settled with null on `destroy()`. */
  const undos = new Set<(result: string | null) => void>();

  const $state = computed(
    [store.$segments, store.$status, store.$query, store.$lastAction, $own],
    (segments, status, query, last, own): SegmentListState => {
      const alone = query.include.length === 1 && query.exclude.length === 0 && !query.search.trim() ? query.include[0] : undefined;
      return {
        items: segments.map((segment) => {
          const editable = isEditable(segment);
          return { segment, editable, current: segment.id === alone, fields: fieldItems(segment, fields, editable) };
        }),
        loading: !status.ready && !status.error,
        loadError: status.ready ? null : status.error,
        offline: status.offline,
        empty: status.ready && segments.every((s) => s.id === UNASSIGNED_ID),
        canCreate: status.ready,
        create: own.create,
        rename: own.rename,
        fields,
        fieldEdit: own.fieldEdit,
        confirming: own.confirming,
        feedback: feedbackOf(own.feedback, last),
        failure: own.failure,
      };
    },
  );

  /** The name's problem, or null. */
  const check = (name: string, selfId?: string): SegkitError | null => {
    try {
      store.checkName(name, selfId);
      return null;
    } catch (error) {
      return toSegkitError(error);
    }
  };

  const fail = (failure: SegmentListFailure): void => set({ failure });

  return {
    $state,

    startCreate() {
      set({ create: { name: '', description: '', color: '', error: null }, rename: null, fieldEdit: null, confirming: null });
    },

    editCreate(patch) {
      const form = $own.get().create;
      if (!form) return;
      const next = { ...form, ...patch };
      if (patch.name !== undefined) next.error = check(patch.name);
      set({ create: next });
    },

    cancelCreate() {
      set({ create: null });
    },

    submitCreate() {
      const form = $own.get().create;
      if (!form) return null;
      const error = check(form.name);
      if (error) {
        set({ create: { ...form, error } });
        return null;
      }
      const name = store.checkName(form.name);
      const id = createId('seg_');
      const description = form.description.trim();
      const draft = { id, name, ...(description ? { description } : {}), ...(form.color ? { color: form.color } : {}) };
      set({ create: null, failure: null, feedback: { kind: 'created', name } });
      store.createSegment(draft, { origin }).catch((reason: unknown) => {
        const refused = toSegkitError(reason);
        if (!$own.get().create) set({ create: { ...form, error: refused } });
        fail({ action: 'create', name, error: refused });
      });
      return id;
    },

    startRename(id) {
      const segment = store.segmentById(id);
      if (!isEditable(segment)) return;
      set({ rename: { id, name: segment.name, error: null }, fieldEdit: null, confirming: null });
    },

    editRename(name) {
      const form = $own.get().rename;
      if (form) set({ rename: { ...form, name, error: check(name, form.id) } });
    },

    cancelRename() {
      set({ rename: null });
    },

    submitRename() {
      const form = $own.get().rename;
      if (!form) return false;
      const error = check(form.name, form.id);
      if (error) {
        set({ rename: { ...form, error } });
        return false;
      }
      const name = store.checkName(form.name, form.id);
      const before = store.segmentById(form.id);
      if (!before || before.name === name) {
        set({ rename: null });
        return true;
      }
      set({ rename: null, failure: null, feedback: { kind: 'renamed', name } });
      store.renameSegment(form.id, name, { origin }).catch((reason: unknown) => {
        const refused = toSegkitError(reason);
        if (!$own.get().rename && store.segmentById(form.id)) set({ rename: { ...form, error: refused } });
        fail({ action: 'rename', name: before.name, error: refused });
      });
      return true;
    },

    startFieldEdit(id, key) {
      const segment = store.segmentById(id);
      const field = fieldOf(key);
      if (!isEditable(segment) || !field) return;
      set({ fieldEdit: { id, key, input: fieldInput(field, segmentFieldValue(segment, key)), error: null }, rename: null, confirming: null });
    },

    editField(input) {
      const form = $own.get().fieldEdit;
      const field = form && fieldOf(form.key);
      if (form && field) set({ fieldEdit: { ...form, input, error: checkField(field, input).error } });
    },

    cancelFieldEdit() {
      set({ fieldEdit: null });
    },

    submitField() {
      const form = $own.get().fieldEdit;
      const field = form && fieldOf(form.key);
      const before = form && store.segmentById(form.id);
      if (!form || !field || !before) {
        set({ fieldEdit: null });
        return false;
      }
      const { value, error } = checkField(field, form.input);
      if (error) {
        set({ fieldEdit: { ...form, error } });
        return false;
      }
      const previous = segmentFieldValue(before, form.key);
      if (previous === value) {
        set({ fieldEdit: null });
        return true;
      }
      const change = { id: form.id, key: form.key, name: before.name, label: field.label, value };
      const saving = store.setSegmentField(form.id, form.key, value, { origin });
      set({ fieldEdit: null, failure: null, feedback: { kind: 'field-set', ...change, actionId: saving.actionId, previous } });
      saving.catch((reason: unknown) => {
        const refused = toSegkitError(reason);
        const feedback = $own.get().feedback;
        if (feedback?.kind === 'field-set' && feedback.actionId === saving.actionId) set({ feedback: null });
        if (!$own.get().fieldEdit && !$own.get().rename && store.segmentById(form.id)) set({ fieldEdit: { ...form, error: refused } });
        fail({ action: 'field', name: before.name, label: field.label, error: refused });
      });
      return true;
    },

    askDelete(id) {
      if (isEditable(store.segmentById(id))) set({ confirming: id, rename: null, fieldEdit: null });
    },

    cancelDelete() {
      set({ confirming: null });
    },

    confirmDelete() {
      const id = $own.get().confirming;
      const segment = id ? store.segmentById(id) : undefined;
      if (!id || !isEditable(segment)) {
        set({ confirming: null });
        return;
      }
      const name = segment.name;
      const done = store.deleteSegment(id, { origin });
      set({ confirming: null, failure: null, feedback: { kind: 'deleted', id, name, actionId: done.actionId } });
      done.catch((reason: unknown) => {
        const feedback = $own.get().feedback;
        if (feedback?.kind === 'deleted' && feedback.id === id) set({ feedback: null });
        fail({ action: 'delete', name, error: toSegkitError(reason) });
      });
    },

    undo() {
      const own = $own.get().feedback;
      const shown = $state.get().feedback;
      if (own?.kind === 'field-set' && shown?.kind === 'field-set' && shown.undoable) {
        const { actionId: _a, previous, ...change } = own;
        set({ feedback: { ...change, kind: 'field-restored', value: previous } });
        return store.undo({ origin }).then(
          () => change.id,
          (reason: unknown) => {
            fail({ action: 'undo', name: change.name, error: toSegkitError(reason) });
            return null;
          },
        );
      }
      const feedback = $state.get().feedback;
      if (feedback?.kind !== 'deleted' || !feedback.undoable) return Promise.resolve(null);
      const { id, name } = feedback;
      set({ feedback: { kind: 'restored', name } });
      return new Promise<string | null>((resolve) => {
        const finish = (result: string | null): void => {
          off();
          undos.delete(finish);
          resolve(result);
        };
        const off = store.$segments.listen((segments) => {
          if (segments.some((s) => s.id === id)) finish(id);
        });
        undos.add(finish);
        store.undo({ origin }).catch((reason: unknown) => {
          fail({ action: 'undo', name, error: toSegkitError(reason) });
          finish(null);
        });
      });
    },

    open(id) {
      const segment = store.segmentById(id);
      if (!segment) return null;
      store.applyFilter({ include: [id] });
      const { pending: _pending, ...plain } = segment;
      return plain;
    },

    dismissError() {
      set({ failure: null });
    },

    retry() {
      // A failed reload is in `$status`, which `loadError` shows.
      return store.refresh().catch(() => undefined);
    },

    destroy() {
      for (const finish of [...undos]) finish(null);
    },
  };
}

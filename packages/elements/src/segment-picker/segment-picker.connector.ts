/**
 * The segment picker without rendering: what `segkit-segment-picker` shows
 * and does, as plain state and actions over a store, in both of its modes:
 *
 * - `action` ("Add to segment"): choose segments for some members (the
 *   store's selection, or `memberIds`), then `submit('assign')` ("Add") or
 *   `submit('unassign')` ("Remove"); or create a segment for them from the
 *   search text. Explicit ids are acted on at once; "all N matching" (a query
 *   selection) is previewed first and acted on after `confirm()`. The result
 *   line follows the write to the end, with Undo while it is the store's last action.
 * - `field` (a form field, e.g. "Assign to segment" in a host's automation):
 *   only chooses segment ids (`value`); its create option creates the segment
 *   (and nothing else) and chooses it.
 *
 * A React sketch (create the connector in an effect over `store` and
 * `destroy()` it in that effect's cleanup; subscribe with `useStore` from
 * `@nanostores/react`):
 *
 * ```tsx
 * const state = useStore(picker.$state);
 * <button disabled={state.noSelection} onClick={() => (state.open ? picker.close() : picker.open())}>Add to segment</button>
 * {state.open && <>
 *   <input role="combobox" value={state.search} onChange={(e) => picker.setSearch(e.target.value)}
 *     onKeyDown={(e) => e.key === 'ArrowDown' ? picker.moveActive(1) : e.key === 'Enter' && picker.activate()} />
 *   {state.nameProblem && <p>{myStrings[state.nameProblem.key]}</p>}
 *   {state.options.map((o, i) => <div role="option" aria-selected={o.kind === 'segment' && o.selected}
 *     onClick={() => picker.activate(i)}>{o.kind === 'segment' ? o.segment.name : `Create “${o.name}”`}</div>)}
 *   <button onClick={() => picker.submit('assign')} disabled={!state.value.length}>Add</button>
 * </>}
 * ```
 *
 * The connector never translates: names of problems are strings keys
 * (`nameProblem.key`), failures are `SegkitError`s (show them by `code`), and
 * results are numbers and names. Focus and popover placement are the
 * renderer's business. Nothing here imports Lit or touches the DOM.
 */
import { UNASSIGNED_ID, createId, toSegkitError } from '@segkit/core';
import type { ActionPromise, MemberTarget, MembershipOp, MoveResult, SegkitError, Segment, SegmentStore } from '@segkit/core';
import { atom, computed } from 'nanostores';
import { nameMatches } from '../internal/name-search.js';
import { nameProblem, resolveTarget, summarize } from './picker-model.js';
import type {
  PickerOption,
  PickerOutcome,
  PickerStep,
  PickerValueChange,
  SegmentPickerConnector,
  SegmentPickerMode,
  SegmentPickerOptions,
  SegmentPickerState,
} from './segment-picker.types.js';

export type * from './segment-picker.types.js';

/** The connector's own part of the state (the rest comes from the store). */
interface Own {
  mode: SegmentPickerMode;
  memberIds: readonly string[] | undefined;
  disabled: boolean;
  open: boolean;
  search: string;
  active: number;
  value: readonly string[];
  step: PickerStep;
  outcome: PickerOutcome | null;
  error: SegkitError | null;
  /**
   * The store action the outcome belongs to: its id (Undo applies while it is the store's last
   * action), `undo:<id>` while undoing it, a fresh id when the store began none (refused at once).
   */
  actionId: string | null;
}

const IDLE: PickerStep = { kind: 'idle' };

type PendingOutcome = Extract<PickerOutcome, { kind: 'pending' }>;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Builds the picker's logic over `store`. Subscribe to `$state` to render;
 * call `destroy()` when done (it aborts a preview and ignores late answers).
 */
export function createSegmentPickerConnector(store: SegmentStore, options: SegmentPickerOptions = {}): SegmentPickerConnector {
  const { origin } = options;
  const $own = atom<Own>({
    mode: options.mode ?? 'action',
    memberIds: options.memberIds ? [...options.memberIds] : undefined,
    disabled: options.disabled ?? false,
    open: false,
    search: '',
    active: -1,
    value: [...(options.value ?? [])],
    step: IDLE,
    outcome: null,
    error: null,
    actionId: null,
  });
  let destroyed = false;
  let preview: AbortController | undefined;
  /** Bumped by every new step, so a late preview answer to an old one is ignored. */
  let generation = 0;

  const $state = computed(
    [$own, store.$segments, store.$status, store.$selectedCount, store.$lastAction, store.$query],
    (own, segments, status, selectedCount, lastAction, query): SegmentPickerState => {
      const stored = segments.filter((s) => !s.system);
      const chosen = new Set(own.value);
      const list: PickerOption[] = stored
        .filter((segment) => nameMatches(segment.name, own.search))
        .map((segment) => ({ kind: 'segment', id: segment.id, segment, selected: chosen.has(segment.id) }));
      const shown = query.include.length === 1 && query.include[0] !== UNASSIGNED_ID ? query.include[0] : undefined;
      const moveFrom = (own.mode === 'action' && stored.find((s) => s.id === shown)) || null;
      const problem = nameProblem(store, own.search);
      if (!problem && own.search.trim() !== '') {
        list.push({ kind: 'create', name: own.search.trim() });
        if (moveFrom) list.push({ kind: 'create-move', name: own.search.trim(), from: moveFrom.id });
      }
      const targetSize = own.memberIds ? own.memberIds.length : selectedCount;
      const byId = (id: string) => segments.find((s) => s.id === id);
      const step = own.step;
      return {
        mode: own.mode,
        open: own.open,
        disabled: own.disabled,
        loading: !status.ready && !status.error,
        loadError: status.ready ? null : status.error,
        offline: status.offline,
        empty: status.ready && stored.length === 0,
        targetSize: own.mode === 'action' ? targetSize : 0,
        noSelection: own.mode === 'action' && targetSize === 0,
        search: own.search,
        options: list,
        active: own.active < list.length ? own.active : -1,
        nameProblem: problem,
        value: own.value,
        chosen: own.value.map((id) => ({ id, segment: byId(id) })),
        step:
          step.kind === 'confirm'
            ? { ...step, effects: step.preview.segments.map((effect) => ({ ...effect, segment: byId(effect.segmentId) })) }
            : step.kind === 'confirm-move'
              ? { ...step, fromSegment: byId(step.from), toSegment: byId(step.to) }
              : step,
        outcome: own.outcome,
        canUndo: own.actionId !== null && lastAction?.id === own.actionId,
        moveFrom,
        canMove: moveFrom !== null && own.value.length === 1 && own.value[0] !== moveFrom.id && targetSize > 0,
        error: own.error,
      };
    },
  );

  const own = () => $own.get();
  const set = (patch: Partial<Own>) => {
    if (!destroyed) $own.set({ ...own(), ...patch });
  };
  const setValue = (value: readonly string[], cause: PickerValueChange) => {
    if (destroyed) return;
    set({ value });
    options.onValueChange?.(value, cause);
  };

  /** Drops a preview or confirm step (and aborts a preview in flight). */
  const cancelStep = () => {
    generation += 1;
    preview?.abort();
    preview = undefined;
    if (own().step.kind !== 'idle') set({ step: IDLE });
  };

  const close = () => {
    if (!own().open) return;
    cancelStep();
    set({ open: false, search: '', active: -1 });
  };

  /** After an action started: forget the picks and close (the result line tells the rest). */
  const finish = () => {
    if (own().value.length) setValue([], 'cleared');
    close();
  };

  /** Follows a started write to its outcome; a newer action (or undo) takes over the line. */
  async function follow<T>(started: ActionPromise<T>, pending: PendingOutcome, done: (value: T) => PickerOutcome): Promise<void> {
    const marker = started.actionId;
    set({ step: IDLE, error: null, actionId: marker, outcome: pending });
    try {
      const value = await started;
      if (own().actionId === marker) set({ outcome: done(value), actionId: started.actionId });
    } catch (error) {
      if (own().actionId === marker) set({ outcome: null, actionId: null, error: toSegkitError(error) });
    }
  }

  function run(op: MembershipOp, segmentIds: string[], target: MemberTarget, count: number): Promise<void> {
    const names = segmentIds.map((id) => store.segmentById(id)?.name ?? id);
    const started = op === 'assign' ? store.assign(segmentIds, { target, origin }) : store.unassign(segmentIds, { target, origin });
    const base = { op, segmentIds, names, created: false };
    return follow(started, { kind: 'pending', ...base, count }, (result) => ({ kind: 'done', ...base, ...summarize(result) }));
  }

  function runCreate(name: string, target: MemberTarget, count: number): Promise<void> {
    const started = store.createAndAssign({ name }, { target, origin });
    const pending: PendingOutcome = { kind: 'pending', op: 'assign', segmentIds: [], names: [name], count, created: true };
    return follow(started, pending, ({ segment, result }) => ({
      kind: 'done',
      op: 'assign',
      segmentIds: [segment.id],
      names: [segment.name],
      created: true,
      ...summarize(result),
    }));
  }

  /** Moves out of `from` into `to` (an id), or into a new segment named `to.name`; `count` is shown until the answer. */
  function runMove(from: string, to: string | { name: string }, target: MemberTarget, count: number): Promise<void> {
    const fromName = store.segmentById(from)?.name ?? from;
    const created = typeof to !== 'string';
    const started: ActionPromise<MoveResult & { segment?: Segment }> = created
      ? store.createAndMove(from, { name: to.name }, { target, origin })
      : store.move(from, to, { target, origin });
    const names = [created ? to.name : (store.segmentById(to)?.name ?? to)];
    const base = { op: 'move' as const, created, from: fromName };
    return follow(started, { kind: 'pending', ...base, segmentIds: created ? [] : [to as string], names, count }, (result) => {
      const segment = result.segment;
      return {
        kind: 'done',
        ...base,
        segmentIds: [segment?.id ?? (to as string)],
        names: segment ? [segment.name] : names,
        count: summarize(result.removed).count,
        skipped: summarize(result.added).skipped,
      };
    });
  }

  /** Field mode: creates the segment (nothing else) and chooses it; takes it out again if the backend refuses. */
  async function createInField(name: string): Promise<void> {
    const id = createId('seg_');
    const done = store.createSegment({ id, name }, { origin });
    set({ error: null });
    setValue([...own().value, id], 'create');
    try {
      await done;
    } catch (error) {
      if (destroyed) return;
      if (own().value.includes(id)) setValue(own().value.filter((v) => v !== id), 'create-refused');
      set({ error: toSegkitError(error) });
    }
  }

  /** The create option: creates the segment and adds the members to it (or, with `from`, moves them into it). */
  function create(name: string, from?: string): Promise<void> {
    set({ search: '', active: -1 });
    if (own().mode === 'field') return createInField(name);
    const target = resolveTarget(store, own().memberIds);
    if (target.kind === 'ids') {
      const done = from === undefined ? runCreate(name, target, target.ids.length) : runMove(from, { name }, target, target.ids.length);
      finish();
      return done;
    }
    cancelStep();
    const count = $state.get().targetSize;
    const move = from === undefined ? {} : { from, fromName: store.segmentById(from)?.name ?? from };
    set({ step: { kind: 'confirm-create', name, target, count, ...move }, error: null });
    return Promise.resolve();
  }

  /**
   * Shows `previewing` while `load` asks the store, then the step `confirm`
   * makes of its answer; a late answer to an older step is ignored, and a
   * failure goes back to choosing with the error.
   */
  async function previewStep<T>(
    previewing: Extract<PickerStep, { kind: 'previewing' }>,
    load: (signal: AbortSignal) => Promise<T>,
    confirm: (result: T) => PickerStep,
  ): Promise<void> {
    cancelStep();
    const mine = generation;
    const controller = new AbortController();
    preview = controller;
    set({ step: previewing, error: null });
    try {
      const result = await load(controller.signal);
      if (mine === generation) set({ step: confirm(result) });
    } catch (error) {
      if (mine === generation) set({ step: IDLE, error: toSegkitError(error) });
    }
  }

  const loadMovePreview = (from: string, to: string, target: MemberTarget): Promise<void> =>
    previewStep(
      { kind: 'previewing', op: 'move', segmentIds: [to], target },
      (signal) => store.previewMove(from, to, { target, signal }),
      (result) => ({ kind: 'confirm-move', from, to, target, preview: result, fromSegment: undefined, toSegment: undefined }),
    );

  const loadPreview = (op: MembershipOp, segmentIds: string[], target: MemberTarget): Promise<void> =>
    previewStep(
      { kind: 'previewing', op, segmentIds, target },
      (signal) => store.preview(op, segmentIds, { target, signal }),
      (result) => ({
        kind: 'confirm',
        op,
        segmentIds,
        target,
        preview: result,
        effects: result.segments.map((effect) => ({ ...effect, segment: undefined })),
      }),
    );

  const toggle = (id: string) => {
    const value = own().value;
    setValue(value.includes(id) ? value.filter((v) => v !== id) : [...value, id], 'pick');
  };

  return {
    $state,

    open() {
      const state = $state.get();
      if (state.open) return true;
      if (state.disabled || state.noSelection) return false;
      set({ open: true, active: -1 });
      return true;
    },

    close,

    setSearch(text) {
      if (text !== own().search) set({ search: text, active: -1, error: null });
    },

    moveActive(delta) {
      const { options: list, active } = $state.get();
      if (list.length === 0) return;
      const next = active < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(Math.max(active + delta, 0), list.length - 1);
      set({ active: next });
    },

    async activate(index = $state.get().active) {
      const option = $state.get().options[index];
      if (!option) return;
      if (option.kind === 'segment') toggle(option.id);
      else await create(option.name, option.kind === 'create-move' ? option.from : undefined);
    },

    toggle,

    async submit(op) {
      const value = [...own().value];
      if (own().mode !== 'action' || value.length === 0 || $state.get().noSelection) return;
      const target = resolveTarget(store, own().memberIds);
      if (target.kind === 'query') return loadPreview(op, value, target);
      const done = run(op, value, target, target.ids.length);
      finish();
      await done;
    },

    async move() {
      const state = $state.get();
      if (!state.canMove || !state.moveFrom) return;
      const from = state.moveFrom.id;
      const to = own().value[0]!;
      const target = resolveTarget(store, own().memberIds);
      if (target.kind === 'query') return loadMovePreview(from, to, target);
      const done = runMove(from, to, target, target.ids.length);
      finish();
      await done;
    },

    async confirm() {
      const step = own().step;
      let done: Promise<void>;
      if (step.kind === 'confirm') done = run(step.op, step.segmentIds, step.target, step.preview.members);
      else if (step.kind === 'confirm-move') done = runMove(step.from, step.to, step.target, step.preview.removed.members);
      else if (step.kind === 'confirm-create') {
        done =
          step.from === undefined
            ? runCreate(step.name, step.target, step.count)
            : runMove(step.from, { name: step.name }, step.target, step.count);
      } else return;
      finish();
      await done;
    },

    back: cancelStep,

    async undo() {
      const actionId = own().actionId;
      if (!$state.get().canUndo || actionId === null) return;
      const marker = `undo:${actionId}`;
      const done = store.undo({ origin });
      set({ actionId: marker, outcome: { kind: 'undoing' }, error: null });
      try {
        await done;
        if (own().actionId === marker) set({ outcome: { kind: 'undone' }, actionId: null });
      } catch (error) {
        if (own().actionId === marker) set({ outcome: null, actionId: null, error: toSegkitError(error) });
      }
    },

    dismiss() {
      set({ outcome: null, error: null });
    },

    retry() {
      return store.refresh().catch(() => undefined);
    },

    setValue(ids) {
      if (!sameIds(ids, own().value)) set({ value: [...ids] });
    },

    setMemberIds(ids) {
      const current = own().memberIds;
      if (ids === undefined ? current !== undefined : !current || !sameIds(ids, current)) set({ memberIds: ids ? [...ids] : undefined });
    },

    setMode(mode) {
      if (mode === own().mode) return;
      cancelStep();
      set({ mode, outcome: null, error: null, actionId: null });
    },

    setDisabled(disabled) {
      if (disabled === own().disabled) return;
      set({ disabled });
      if (disabled) close();
    },

    destroy() {
      cancelStep();
      destroyed = true;
    },
  };
}

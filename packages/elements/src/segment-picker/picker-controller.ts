/**
 * The headless "Add to segment" flow: preview-then-confirm for bulk-by-query
 * selections, immediate action for explicit ids, create-and-assign, the result
 * of the last action and its undo. Plain data and actions over the store; the
 * element only renders `state` and calls these methods.
 */
import { SegkitError, toSegkitError } from '@segkit/core';
import type { MemberTarget, MembershipOp, MembershipPreview, MembershipResult, SegmentStore } from '@segkit/core';

/** What the picker is waiting for before it acts. */
export type PickerStep =
  | { kind: 'idle' }
  /** A preview of a bulk-by-query change is loading. */
  | { kind: 'previewing'; op: MembershipOp; segmentIds: string[]; target: MemberTarget }
  /** The preview is shown; the user confirms or goes back. */
  | { kind: 'confirm'; op: MembershipOp; segmentIds: string[]; target: MemberTarget; preview: MembershipPreview }
  /** "Create segment “X”" for a bulk-by-query selection: confirm adding `count` members. */
  | { kind: 'confirm-create'; name: string; target: MemberTarget; count: number };

/** The result line after an action. */
export type PickerOutcome =
  | { kind: 'pending'; op: MembershipOp; names: string[]; count: number; created: boolean }
  | { kind: 'done'; op: MembershipOp; names: string[]; count: number; skipped: number; created: boolean }
  | { kind: 'undoing' }
  | { kind: 'undone' };

export interface PickerState {
  step: PickerStep;
  outcome: PickerOutcome | null;
  /** The last failure (a preview, a refused write that was rolled back, an undo). */
  error: SegkitError | null;
  /** Id of the store's `$lastAction` this picker started (undo is offered while it is the last action). */
  actionId: string | null;
}

const IDLE: PickerStep = { kind: 'idle' };

export class SegmentPickerController {
  state: PickerState = { step: IDLE, outcome: null, error: null, actionId: null };
  #store: SegmentStore | undefined;
  #preview: AbortController | undefined;
  /** Bumped by every new request, so a late answer to an old one is ignored. */
  #generation = 0;

  readonly #onChange: () => void;

  /** `onChange` is called after every state change (the element re-renders). */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  set store(store: SegmentStore | undefined) {
    if (store === this.#store) return;
    this.#store = store;
    this.cancel();
    this.#set({ outcome: null, error: null, actionId: null });
  }

  get store(): SegmentStore | undefined {
    return this.#store;
  }

  /** True while the store's last action is the one this picker made (so "Undo" applies to it). */
  get canUndo(): boolean {
    const id = this.state.actionId;
    return id !== null && this.#store?.$lastAction.get()?.id === id;
  }

  /** A preview or an action is in flight, or a confirm is shown. */
  get busy(): boolean {
    return this.state.step.kind !== 'idle';
  }

  #set(patch: Partial<PickerState>): void {
    this.state = { ...this.state, ...patch };
    this.#onChange();
  }

  #require(): SegmentStore {
    if (!this.#store) throw new SegkitError('not-found', 'No segments store is connected.');
    return this.#store;
  }

  /**
   * Adds or removes the target to / from `segmentIds`: at once for explicit ids;
   * for a bulk-by-query target, loads the preview and waits for `confirm()`.
   */
  async request(op: MembershipOp, segmentIds: readonly string[], target: MemberTarget): Promise<void> {
    const store = this.#require();
    const ids = [...segmentIds];
    if (target.kind === 'ids') return this.#run(op, ids, target, target.ids.length);
    const generation = ++this.#generation;
    this.#preview?.abort();
    const controller = new AbortController();
    this.#preview = controller;
    this.#set({ step: { kind: 'previewing', op, segmentIds: ids, target }, error: null });
    try {
      const preview = await store.preview(op, ids, { target, signal: controller.signal });
      if (generation !== this.#generation) return;
      this.#set({ step: { kind: 'confirm', op, segmentIds: ids, target, preview } });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ step: IDLE, error: toSegkitError(error) });
    }
  }

  /** "Create segment “name”" and add the target to it: at once for ids, after a confirm for a query. */
  async requestCreate(name: string, target: MemberTarget, count: number): Promise<void> {
    this.#require();
    if (target.kind === 'ids') return this.#create(name, target, target.ids.length);
    ++this.#generation;
    this.#set({ step: { kind: 'confirm-create', name, target, count }, error: null });
  }

  /** Carries out the change that is waiting for confirmation. */
  async confirm(): Promise<void> {
    const step = this.state.step;
    if (step.kind === 'confirm') return this.#run(step.op, step.segmentIds, step.target, step.preview.members);
    if (step.kind === 'confirm-create') return this.#create(step.name, step.target, step.count);
  }

  /** Goes back from a preview or confirm without changing anything. */
  cancel(): void {
    ++this.#generation;
    this.#preview?.abort();
    this.#preview = undefined;
    if (this.state.step.kind !== 'idle') this.#set({ step: IDLE });
  }

  async #run(op: MembershipOp, segmentIds: string[], target: MemberTarget, count: number): Promise<void> {
    const store = this.#require();
    ++this.#generation;
    const names = segmentIds.map((id) => store.segmentById(id)?.name ?? id);
    const done = op === 'assign' ? store.assign(segmentIds, { target }) : store.unassign(segmentIds, { target });
    const actionId = store.$lastAction.get()?.id ?? null;
    this.#set({ step: IDLE, error: null, actionId, outcome: { kind: 'pending', op, names, count, created: false } });
    try {
      const result = await done;
      if (this.state.actionId !== actionId) return;
      this.#set({ outcome: { kind: 'done', op, names, created: false, ...summarize(result) } });
    } catch (error) {
      if (this.state.actionId !== actionId) return;
      this.#set({ outcome: null, actionId: null, error: toSegkitError(error) });
    }
  }

  async #create(name: string, target: MemberTarget, count: number): Promise<void> {
    const store = this.#require();
    ++this.#generation;
    const done = store.createAndAssign({ name }, { target });
    const actionId = store.$lastAction.get()?.id ?? null;
    this.#set({ step: IDLE, error: null, actionId, outcome: { kind: 'pending', op: 'assign', names: [name], count, created: true } });
    try {
      const { segment, result } = await done;
      if (this.state.actionId !== actionId) return;
      this.#set({ outcome: { kind: 'done', op: 'assign', names: [segment.name], created: true, ...summarize(result) } });
    } catch (error) {
      if (this.state.actionId !== actionId) return;
      this.#set({ outcome: null, actionId: null, error: toSegkitError(error) });
    }
  }

  /** Reverses the last action this picker made (`store.undo()`). */
  async undo(): Promise<void> {
    const store = this.#require();
    if (!this.canUndo) return;
    const done = store.undo();
    const marker = `undo:${this.state.actionId}`;
    this.#set({ actionId: marker, outcome: { kind: 'undoing' }, error: null });
    try {
      await done;
      if (this.state.actionId === marker) this.#set({ outcome: { kind: 'undone' }, actionId: null });
    } catch (error) {
      if (this.state.actionId === marker) this.#set({ outcome: null, actionId: null, error: toSegkitError(error) });
    }
  }

  /** Forgets the result line and the last error. */
  dismiss(): void {
    this.#set({ outcome: null, error: null });
  }
}

/** Members that changed (deduplicated across segments) and those skipped in a single-segment change. */
export function summarize(result: MembershipResult): { count: number; skipped: number } {
  const changed = new Set<string>();
  for (const effect of result.segments) for (const id of effect.memberIds) changed.add(id);
  const count = Math.max(changed.size, result.segments.length === 1 ? result.segments[0]!.changed : 0);
  const skipped = result.segments.length === 1 ? result.segments[0]!.skipped : 0;
  return { count, skipped };
}

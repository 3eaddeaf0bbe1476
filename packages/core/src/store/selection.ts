/**
 * The selection: ids (with the anchor of a Shift range), or "all members
 * matching the query" minus exceptions, which is sent to the backend as the
 * query itself (decision 003).
 */
import { atom, computed } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import { SegkitError } from '../errors.js';
import type { MemberTarget } from '../model.js';
import { filterKey, toFilter } from '../model.js';
import { MAX_SELECTED_IDS } from './limits.js';
import type { MemberWindowModel } from './member-window.js';
import type { Selection } from './types.js';

/** At most this many rows in one Shift range (the most a selection holds); beyond it, "Select all matching". */
export const MAX_RANGE = MAX_SELECTED_IDS;

/** What the selection reads of the member window. */
export type SelectionWindow = Pick<MemberWindowModel, '$members' | 'query' | 'key' | 'total' | 'loadRange'>;

/** Owns `$selection` and `$selectedCount`. */
export interface SelectionModel {
  readonly $selection: ReadableAtom<Selection>;
  /** Ids selected, or members matching minus exceptions (the window's total while it shows the same filter). */
  readonly $selectedCount: ReadableAtom<number>;
  select(ids: string | readonly string[], selected?: boolean): void;
  isSelected(id: string): boolean;
  /** Flips one member; with `index`, it becomes the anchor of the next range. */
  toggle(id: string, index?: number): void;
  /** Selects (or deselects) rows from the anchor to `index`, inclusive, loading them first. */
  selectRange(index: number, selected?: boolean): Promise<void>;
  /** Every member matching the window's query. */
  selectAllMatching(): void;
  clear(): void;
  /** The selection as a bulk-action target. */
  target(): MemberTarget;
  /** The applied query changed: "all matching" is dropped, an id selection stays but loses its anchor. */
  queryChanged(): void;
  /**
   * The backend confirmed the delete of `segment`: an "all matching"
   * selection whose filter names it is emptied, saying why (`cleared`).
   */
  segmentDeleted(segment: { id: string; name: string }): void;
}

const empty = (): Selection => ({ mode: 'ids', ids: new Set(), anchor: null });

export function createSelection(memberWindow: SelectionWindow): SelectionModel {
  const $selection = atom<Selection>(empty());
  /** The total when "all matching" was chosen, for when the window shows another filter. */
  let selectionTotal = 0;

  const $selectedCount = computed([$selection, memberWindow.$members], (selection, members): number => {
    if (selection.mode === 'ids') return selection.ids.size;
    const total = filterKey(selection.filter) === filterKey(toFilter(memberWindow.query())) ? members.total : null;
    return Math.max(0, (total ?? selectionTotal) - selection.except.size);
  });

  /** Refused before any work: a list of millions would block the page, and could not be sent. */
  function tooMany(what: string): SegkitError {
    return new SegkitError(
      'invalid-input',
      `${what} can hold at most ${MAX_SELECTED_IDS.toLocaleString('en-US')} members; use "Select all matching" instead.`,
      { field: 'ids' },
    );
  }

  function select(ids: string | readonly string[], selected = true): void {
    const list = typeof ids === 'string' ? [ids] : ids;
    if (list.length > MAX_SELECTED_IDS) throw tooMany('A selection');
    const selection = $selection.get();
    if (selection.mode === 'ids') {
      const next = new Set(selection.ids);
      for (const id of list) if (selected) next.add(id);
      else next.delete(id);
      if (next.size > MAX_SELECTED_IDS) throw tooMany('A selection');
      $selection.set({ mode: 'ids', ids: next, anchor: selection.anchor });
    } else {
      const except = new Set(selection.except);
      for (const id of list) if (selected) except.delete(id);
      else except.add(id);
      if (except.size > MAX_SELECTED_IDS) throw tooMany('The members left out of "all matching"');
      $selection.set({ ...selection, except });
    }
  }

  function isSelected(id: string): boolean {
    const selection = $selection.get();
    return selection.mode === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
  }

  return {
    $selection,
    $selectedCount,
    select,
    isSelected,
    toggle(id, index) {
      select(id, !isSelected(id));
      if (index !== undefined) $selection.set({ ...$selection.get(), anchor: index });
    },
    async selectRange(index, selected = true) {
      const anchor = $selection.get().anchor ?? index;
      const from = Math.min(anchor, index);
      const to = Math.max(anchor, index);
      if (to - from + 1 > MAX_RANGE) {
        throw new SegkitError(
          'invalid-input',
          `A range can cover at most ${MAX_RANGE.toLocaleString('en-US')} rows; use "Select all matching" instead.`,
        );
      }
      const key = memberWindow.key();
      await memberWindow.loadRange(from, to + 1);
      if (key !== memberWindow.key()) return;
      const members = memberWindow.$members.get();
      const ids: string[] = [];
      for (let i = from; i <= to; i += 1) {
        const member = members.at(i);
        if (member) ids.push(member.id);
      }
      select(ids, selected);
      $selection.set({ ...$selection.get(), anchor });
    },
    selectAllMatching() {
      selectionTotal = memberWindow.total() ?? 0;
      $selection.set({ mode: 'query', filter: toFilter(memberWindow.query()), except: new Set(), anchor: null });
    },
    clear() {
      $selection.set(empty());
    },
    target() {
      const selection = $selection.get();
      return selection.mode === 'ids'
        ? { kind: 'ids', ids: [...selection.ids] }
        : { kind: 'query', filter: toFilter(selection.filter), except: [...selection.except] };
    },
    queryChanged() {
      const selection = $selection.get();
      if (selection.mode === 'query') $selection.set(empty());
      else if (selection.anchor !== null) $selection.set({ ...selection, anchor: null });
    },
    segmentDeleted(segment) {
      const selection = $selection.get();
      if (selection.mode !== 'query') return;
      if (!selection.filter.include.includes(segment.id) && !selection.filter.exclude.includes(segment.id)) return;
      const cleared = { reason: 'segment-deleted' as const, segmentId: segment.id, name: segment.name, count: $selectedCount.get() };
      $selection.set({ mode: 'ids', ids: new Set(), anchor: null, cleared });
    },
  };
}

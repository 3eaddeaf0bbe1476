/**
 * Small pure pieces of the member table's connector: whether a query is
 * filtered, the next sort of a header click, a selection as plain data, the
 * header checkbox over a page of rows, and a debouncer. No store, no DOM.
 */
import type { Member, MemberFilter, MemberSort, Selection, SortKey } from '@segkit/core';
import type { SegkitSelectionChangeDetail } from '../events/selection-change.js';
import type { RowRange } from './virtual-rows.js';

/** `aria-checked` of a checkbox that stands for several rows. */
export type CheckState = 'true' | 'false' | 'mixed';

/** The query has a search or a filter (so "Reset" would show more members). */
export function isFiltered(filter: MemberFilter): boolean {
  return Boolean(filter.search.trim() || filter.include.length || filter.exclude.length || filter.attributes.length);
}

/** Clicking a header: the same key flips the direction, another key sorts ascending. */
export function nextSort(current: MemberSort, key: SortKey): MemberSort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** Whether `selection` holds the member `id` (in "all matching", every member not excepted). */
export function selectionHas(selection: Selection, id: string): boolean {
  return selection.mode === 'ids' ? selection.ids.has(id) : !selection.except.has(id);
}

/** Two selections hold the same members (the Shift-range anchor aside). */
export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === b) return true;
  if (a.mode === 'ids' && b.mode === 'ids') return sameSet(a.ids, b.ids);
  if (a.mode === 'query' && b.mode === 'query') return sameSet(a.except, b.except) && JSON.stringify(a.filter) === JSON.stringify(b.filter);
  return false;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

/** The selection as the `segkit-selection-change` event reports it. */
export function selectionDetail(selection: Selection, count: number): SegkitSelectionChangeDetail {
  return selection.mode === 'ids'
    ? { mode: 'ids', count, ids: [...selection.ids] }
    : { mode: 'query', count, filter: selection.filter, except: [...selection.except] };
}

/** What the header checkbox knows about a page of rows. */
export interface PageSummary {
  /** `aria-checked` of the header checkbox: every loaded row selected, some member selected (here or elsewhere), or none. */
  checked: CheckState;
  /** Every row of the page is loaded. */
  complete: boolean;
  /** The selection is exactly the page's loaded rows ("5 selected on this page"). */
  only: boolean;
}

/** Sums up the rows of `page` in one pass (a page is a screenful: a few dozen rows at most). */
export function summarizePage(
  at: (index: number) => Member | undefined,
  has: (id: string) => boolean,
  selectedCount: number,
  page: RowRange,
): PageSummary {
  let loaded = 0;
  let selected = 0;
  for (let index = page.start; index < page.end; index += 1) {
    const member = at(index);
    if (!member) continue;
    loaded += 1;
    if (has(member.id)) selected += 1;
  }
  const checked: CheckState = loaded > 0 && selected === loaded ? 'true' : selectedCount > 0 || selected > 0 ? 'mixed' : 'false';
  return { checked, complete: loaded === Math.max(0, page.end - page.start), only: checked === 'true' && loaded === selectedCount };
}

/** The loaded members among rows `[start, end)`. */
export function loadedMembers(at: (index: number) => Member | undefined, page: RowRange): Member[] {
  const members: Member[] = [];
  for (let index = page.start; index < page.end; index += 1) {
    const member = at(index);
    if (member) members.push(member);
  }
  return members;
}

/** Calls `run` with the last value once `ms` have passed without a new one. */
export class Debouncer<T> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #value: T | undefined;
  readonly #run: (value: T) => void;
  readonly #ms: number;

  constructor(run: (value: T) => void, ms: number) {
    this.#run = run;
    this.#ms = ms;
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  call(value: T): void {
    this.#value = value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.#ms);
  }

  /** Runs a pending call now. */
  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#run(this.#value as T);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

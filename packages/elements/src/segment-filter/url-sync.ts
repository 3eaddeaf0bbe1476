/**
 * Keeps the applied filter of a store and the page URL in step (the
 * `sync-url` option of `segkit-segment-filter`). See `url.ts` for the encoding.
 *
 * - Once the segments are loaded, a filter found in the URL is applied (ids of
 *   segments that do not exist are dropped) and the URL is rewritten in the
 *   canonical form, so a malformed parameter is repaired rather than kept.
 * - Every later change of the applied query (Apply, Reset, opening a segment
 *   in the list, ...) is written with `history.replaceState` (no new entry).
 * - `popstate` (back / forward) applies the URL's filter again; a URL without
 *   the parameter clears the filter.
 * - It never breaks the filter: where the page may not change its URL
 *   (`history.replaceState` throws a SecurityError in an `about:srcdoc` or
 *   sandboxed iframe, e.g. a CMS preview), the filter applies as usual, syncing
 *   stops and one `console.warn` says why. Nothing it does throws into the
 *   store's listeners, so every widget sees the applied query
 *   ([decision 017](../../../../docs/decisions/017-elements-never-break.md)).
 */
import { filterKey, toFilter } from '@segkit/core';
import type { MemberFilter, SegmentStore } from '@segkit/core';
import { decodeFilterParam, encodeFilterParam, readParam, withParam } from './url.js';

export class FilterUrlSync {
  #store: SegmentStore | undefined;
  #param = '';
  #offs: Array<() => void> = [];
  #ready = false;
  #warned = false;
  readonly #onApplied: (filter: MemberFilter, reset: boolean) => void;

  /** `onApplied` is called when the URL (not the user) changed the applied filter; `reset` when it cleared it. */
  constructor(onApplied: (filter: MemberFilter, reset: boolean) => void) {
    this.#onApplied = onApplied;
  }

  /** True while following a store. */
  get active(): boolean {
    return this.#store !== undefined;
  }

  start(store: SegmentStore, param: string): void {
    if (this.#store === store && this.#param === param) return;
    this.stop();
    this.#store = store;
    this.#param = param;
    window.addEventListener('popstate', this.#onPopState);
    if (store.$status.get().ready) this.#begin();
    else {
      const off = store.$status.listen((status) => {
        if (!status.ready || this.#ready) return;
        this.#begin();
      });
      this.#offs.push(off);
    }
  }

  stop(): void {
    for (const off of this.#offs.splice(0)) off();
    window.removeEventListener('popstate', this.#onPopState);
    this.#store = undefined;
    this.#ready = false;
  }

  #begin(): void {
    const store = this.#store;
    if (!store || this.#ready) return;
    this.#ready = true;
    this.#guard(() => this.#read(false));
    // Called from inside `store.applyFilter`: a throw here would stop the
    // store's other listeners (the widgets) from seeing the new query.
    if (this.#store) this.#offs.push(store.$query.listen(() => this.#guard(() => this.#write())));
  }

  #onPopState = (): void => {
    if (this.#ready) this.#guard(() => this.#read(true));
  };

  /** Runs `step`; if it throws, URL sync stops for good (the filter keeps working) and says so once. */
  #guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.stop();
      if (this.#warned) return;
      this.#warned = true;
      console.warn('segkit-segment-filter: sync-url is off, this page cannot change its URL (e.g. an about:srcdoc or sandboxed frame). The filter works without it.', error);
    }
  }

  #read(fromHistory: boolean): void {
    const store = this.#store;
    if (!store) return;
    const raw = readParam(location.href, this.#param);
    const known = new Set(store.$segments.get().map((segment) => segment.id));
    const filter = decodeFilterParam(raw, known);
    const before = filterKey(store.$query.get());
    if (filter) store.applyFilter(filter);
    else if (fromHistory && raw === null) store.applyFilter({});
    if (filterKey(store.$query.get()) !== before) this.#onApplied(toFilter(store.$query.get()), !filter);
    this.#write();
  }

  #write(): void {
    const store = this.#store;
    if (!store) return;
    let next: string;
    try {
      next = withParam(location.href, this.#param, encodeFilterParam(store.$query.get()));
    } catch {
      return;
    }
    if (next !== location.href) history.replaceState(history.state, '', next);
  }
}

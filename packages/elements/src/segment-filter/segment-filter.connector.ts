/**
 * The segment filter's logic without rendering ("Saved Segments": include or
 * exclude segments, match any / all, a text search, "Apply", "Reset"), over
 * the store's filter: the draft being edited (`store.$draft`, `setDraft`) and
 * the applied query the member table shows (`store.$query`, `apply`, `reset`).
 * `segkit-segment-filter` renders it; a React or Vue app can render the same
 * state its own way:
 *
 * ```tsx
 * const filter = useMemo(() => createSegmentFilterConnector(store), [store]);
 * useEffect(() => () => filter.destroy(), [filter]);
 * const state = useStore(filter.$state); // @nanostores/react
 * state.segments.map((s) => (
 *   <Row key={s.id} name={s.name} state={ruleStateOf(state.draft, s.id)}
 *        onInclude={() => filter.toggle(s.id, 'include')} onExclude={() => filter.toggle(s.id, 'exclude')} />
 * ));
 * <button disabled={!state.dirty} onClick={() => filter.apply()}>Apply</button>
 * <button disabled={!state.canReset} onClick={() => filter.reset()}>Reset</button>
 * ```
 *
 * Lit-free and DOM-free: it never translates (the state holds segments,
 * summary items and error objects; the renderer words them) and owns no
 * open / focus state (a popover is the renderer's business).
 */
import { toFilter } from '@segkit/core';
import type { MatchMode, MemberFilter, SegmentStore } from '@segkit/core';
import { atom, computed } from 'nanostores';
import type { Connector } from '../internal/connector.js';
import { activeRuleCount, isDirty, isEmptyFilter, ruleStateOf, ruleSegmentsState, summarize, toggledState, withRuleState } from '../rules/rules.js';
import type { RuleState, RuleSegmentsState, SummaryItem } from '../rules/rules.js';

/** What the last "Apply" or "Reset" did, for a live announcement ("Filter applied."). */
export interface FilterOutcome {
  kind: 'applied' | 'reset';
  /** Grows with each Apply / Reset: announce again even when `kind` repeats. */
  seq: number;
}

/** Everything a segment filter shows, as plain data (a new object on every change). */
export interface SegmentFilterState extends RuleSegmentsState {
  /** The filter being edited: `include`, `exclude`, `match`, `search` (`ruleStateOf(draft, id)` gives a segment's toggle state). */
  draft: MemberFilter;
  /** The applied filter: what the member table shows now. */
  applied: MemberFilter;
  /** The draft differs from the applied filter: enable "Apply", say "Changes not applied yet". */
  dirty: boolean;
  /** The draft or the applied filter restricts something: enable "Reset". */
  canReset: boolean;
  /** The applied filter as chips, in order: included segments, "match all", excluded segments, the search. */
  summary: SummaryItem[];
  /** Segment rules plus a search in the applied filter: the count on a "Filter (2)" button. */
  activeCount: number;
  /** The last Apply / Reset made through this connector, or null. */
  outcome: FilterOutcome | null;
}

export interface SegmentFilterConnector extends Connector<SegmentFilterState> {
  /** Puts segment `id` in the draft as included, excluded or neither (never both). */
  setRule(id: string, state: RuleState): void;
  /** What an "Include" / "Exclude" toggle does: sets that side, or clears it when it is already set. */
  toggle(id: string, side: 'include' | 'exclude'): void;
  /** "Match included segments: any / all" in the draft. */
  setMatch(match: MatchMode): void;
  /** The search text in the draft (applied with the rest on "Apply"). */
  setSearch(search: string): void;
  /** "Apply": makes the draft the applied filter; returns it (for a `segkit-filter-apply`-like event). */
  apply(): MemberFilter;
  /** "Reset": clears the draft and the applied filter (the sort is kept); returns the (empty) applied filter. */
  reset(): MemberFilter;
  /** "Retry" after a failed load: loads the segments again. */
  reload(): Promise<void>;
}

/** Builds the segment filter's connector over `store`. Call `destroy()` when done. */
export function createSegmentFilterConnector(store: SegmentStore): SegmentFilterConnector {
  const $outcome = atom<FilterOutcome | null>(null);
  const $state = computed(
    [store.$segments, store.$status, store.$draft, store.$query, $outcome],
    (segments, status, draft, query, outcome): SegmentFilterState => {
      const applied = toFilter(query);
      return {
        ...ruleSegmentsState(segments, status),
        draft,
        applied,
        dirty: isDirty(draft, query),
        canReset: !isEmptyFilter(draft) || !isEmptyFilter(applied),
        summary: summarize(applied, segments),
        activeCount: activeRuleCount(applied),
        outcome,
      };
    },
  );

  const done = (kind: FilterOutcome['kind']): MemberFilter => {
    $outcome.set({ kind, seq: ($outcome.get()?.seq ?? 0) + 1 });
    return toFilter(store.$query.get());
  };
  const setRule = (id: string, state: RuleState): void => store.setDraft(withRuleState(store.$draft.get(), id, state));

  return {
    $state,
    setRule,
    toggle: (id, side) => setRule(id, toggledState(ruleStateOf(store.$draft.get(), id), side)),
    setMatch: (match) => store.setDraft({ match }),
    setSearch: (search) => store.setDraft({ search }),
    apply() {
      store.apply();
      return done('applied');
    },
    reset() {
      store.reset();
      return done('reset');
    },
    reload: () => store.refresh(),
    // Nothing to stop: the state is computed from the store's atoms and stops following them once nothing listens.
    destroy() {},
  };
}
